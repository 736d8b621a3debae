import { Route, Switch } from 'wouter'
import { AboutScreen } from '../features/about'
import { BackupScreen } from '../features/backup'
import { AccountScreen, RequireRole, SessionGate } from '../features/session'
import { UsersScreen } from '../features/users'
import { TeamScreen } from '../features/caseload'
import { ImportScreen } from '../features/people-import'
import { EditPersonScreen, NewPersonScreen, PersonScreen } from '../features/people'
import { TasksScreen } from '../features/tasks'
import { ReferralsWorklist } from '../features/referrals'
import { RoleCatalogueScreen } from '../features/role-catalogue'
import { RagRulesScreen, SurveillanceScreen } from '../features/screening'
import { HomeRoute } from './HomeRoute'
import { HomeScreen } from '../features/home'
import { HandoverScreen } from '../features/handover'
import { IncidentsScreen } from '../features/incidents'
import { TrimScreen } from '../features/trim'
import { ReportsScreen } from '../features/reports'
import { RetentionScreen } from '../features/retention'
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
                  <RequireRole screen="/people/new">
                    <NewPersonScreen />
                  </RequireRole>
                </Route>
                <Route path="/people/:id/edit">
                  {(params) => (
                    <RequireRole screen="/people/:id/edit">
                      <EditPersonScreen id={params.id} />
                    </RequireRole>
                  )}
                </Route>
                <Route path="/people/:id">
                  {(params) => (
                    <RequireRole screen="/people/:id">
                      <PersonScreen key={params.id} id={params.id} />
                    </RequireRole>
                  )}
                </Route>
                <Route path="/tasks">
                  <RequireRole screen="/tasks">
                    <TasksScreen />
                  </RequireRole>
                </Route>
                <Route path="/referrals">
                  <RequireRole screen="/referrals">
                    <ReferralsWorklist />
                  </RequireRole>
                </Route>
                <Route path="/import">
                  <RequireRole screen="/import">
                    <ImportScreen />
                  </RequireRole>
                </Route>
                <Route path="/recall">
                  <RequireRole screen="/recall">
                    <SurveillanceScreen />
                  </RequireRole>
                </Route>
                <Route path="/incidents">
                  <RequireRole screen="/incidents">
                    <IncidentsScreen />
                  </RequireRole>
                </Route>
                <Route path="/trim">
                  <RequireRole screen="/trim">
                    <TrimScreen />
                  </RequireRole>
                </Route>
                <Route path="/screening-rules">
                  <RequireRole screen="/screening-rules">
                    <RagRulesScreen />
                  </RequireRole>
                </Route>
                <Route path="/roles">
                  <RequireRole screen="/roles">
                    <RoleCatalogueScreen />
                  </RequireRole>
                </Route>
                <Route path="/team">
                  <RequireRole screen="/team">
                    <TeamScreen />
                  </RequireRole>
                </Route>
                <Route path="/reports">
                  <RequireRole screen="/reports">
                    <ReportsScreen />
                  </RequireRole>
                </Route>
                <Route path="/account" component={AccountScreen} />
                <Route path="/users">
                  <RequireRole screen="/users">
                    <UsersScreen />
                  </RequireRole>
                </Route>
                <Route path="/backups">
                  <RequireRole screen="/backups">
                    <BackupScreen />
                  </RequireRole>
                </Route>
                <Route path="/retention">
                  <RequireRole screen="/retention">
                    <RetentionScreen />
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
