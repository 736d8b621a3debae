import { Route, Switch } from 'wouter'
import { AboutScreen } from '../features/about'
import { BackupScreen } from '../features/backup'
import { AccountScreen, RequireRole, SessionGate } from '../features/session'
import { UsersScreen } from '../features/users'
import { TeamScreen } from '../features/caseload'
import { ImportScreen } from '../features/people-import'
import { EditPersonScreen, NewPersonScreen, PersonScreen } from '../features/people'
import { TasksScreen } from '../features/tasks'
import { RoleCatalogueScreen } from '../features/role-catalogue'
import { RagRulesScreen, SurveillanceScreen } from '../features/screening'
import { HomeRoute } from './HomeRoute'
import { HomeScreen } from '../features/home'
import { HandoverScreen } from '../features/handover'
import { PreferencesProvider, SettingsScreen } from '../features/preferences'
import { AppShell } from './AppShell'
import { ErrorBoundary } from './ErrorBoundary'
import { GuardedRouter } from './LeaveGuard'
import { NotFoundScreen } from './NotFoundScreen'

/**
 * Hash routing (the app is served as one file from `app://harbour/`, so paths never hit disk),
 * guarded so that leaving a form with unsaved changes asks first.
 */
export function App() {
  return (
    <ErrorBoundary>
      <PreferencesProvider>
        <GuardedRouter>
          <SessionGate handoverScreen={(handover) => <HandoverScreen handover={handover} />}>
            <AppShell>
              <Switch>
                <Route path="/" component={HomeRoute} />
                <Route path="/welcome" component={HomeScreen} />
                <Route path="/people/new">
                  <RequireRole role="clinician">
                    <NewPersonScreen />
                  </RequireRole>
                </Route>
                <Route path="/people/:id/edit">
                  {(params) => (
                    <RequireRole role="clinician">
                      <EditPersonScreen id={params.id} />
                    </RequireRole>
                  )}
                </Route>
                <Route path="/people/:id">
                  {(params) => (
                    <RequireRole role="clinician">
                      <PersonScreen key={params.id} id={params.id} />
                    </RequireRole>
                  )}
                </Route>
                <Route path="/tasks">
                  <RequireRole role="clinician">
                    <TasksScreen />
                  </RequireRole>
                </Route>
                <Route path="/import" component={ImportScreen} />
                <Route path="/recall">
                  <RequireRole role="clinician">
                    <SurveillanceScreen />
                  </RequireRole>
                </Route>
                <Route path="/screening-rules">
                  <RequireRole role="admin">
                    <RagRulesScreen />
                  </RequireRole>
                </Route>
                <Route path="/roles">
                  <RequireRole role="admin">
                    <RoleCatalogueScreen />
                  </RequireRole>
                </Route>
                <Route path="/team">
                  <RequireRole role="admin">
                    <TeamScreen />
                  </RequireRole>
                </Route>
                <Route path="/account" component={AccountScreen} />
                <Route path="/users">
                  <RequireRole role="admin">
                    <UsersScreen />
                  </RequireRole>
                </Route>
                <Route path="/backups">
                  <RequireRole role="admin">
                    <BackupScreen />
                  </RequireRole>
                </Route>
                <Route path="/settings" component={SettingsScreen} />
                <Route path="/about" component={AboutScreen} />
                <Route component={NotFoundScreen} />
              </Switch>
            </AppShell>
          </SessionGate>
        </GuardedRouter>
      </PreferencesProvider>
    </ErrorBoundary>
  )
}
