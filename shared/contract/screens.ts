import { access, allows, type Access } from './access'
import type { Role } from './session'

/**
 * The window's screens that only some roles may open, with the same lists the channels behind
 * them use (access.ts). Routes guard with it (RequireRole) and navigation offers only what the
 * user may open, so a screen reached by its address says plainly that it is not theirs.
 */
export const screenAccess = {
  '/people/new': access.clinicians,
  '/people/:id/edit': access.clinicians,
  '/people/:id': access.clinicians,
  '/tasks': access.clinicians,
  '/referrals': access.clinicians,
  '/recall': access.clinicians,
  '/incidents': access.incidents,
  '/trim': access.trimPractitioners,
  '/import': access.importers,
  '/team': access.administrators,
  '/roles': access.administrators,
  '/screening-rules': access.administrators,
  '/users': access.administrators,
  '/backups': access.administrators,
  '/retention': access.administrators,
  '/reports': access.reporters
} as const satisfies Record<string, Access>

export type GuardedScreen = keyof typeof screenAccess

/** The main navigation after the home link, in order. Screens not in screenAccess are open to anyone signed in. */
const navigation: { path: string; label: string }[] = [
  { path: '/tasks', label: 'Tasks' },
  { path: '/referrals', label: 'Referrals' },
  { path: '/recall', label: 'Screening recall' },
  { path: '/incidents', label: 'Incidents' },
  { path: '/trim', label: 'TRiM' },
  { path: '/people/new', label: 'Add a person' },
  { path: '/import', label: 'Import people' },
  { path: '/team', label: 'Team caseload' },
  { path: '/reports', label: 'Governance reports' },
  { path: '/roles', label: 'Role catalogue' },
  { path: '/screening-rules', label: 'Screening rules' },
  { path: '/users', label: 'Users' },
  { path: '/backups', label: 'Backups' },
  { path: '/retention', label: 'Records past retention' },
  { path: '/account', label: 'Your account' },
  { path: '/settings', label: 'Settings' },
  { path: '/about', label: 'About Harbour' }
]

function isGuarded(path: string): path is GuardedScreen {
  return Object.prototype.hasOwnProperty.call(screenAccess, path)
}

/** Whether someone holding `roles` may open the screen at `path`. */
export function mayOpen(path: string, roles: readonly Role[]): boolean {
  return isGuarded(path) ? allows(screenAccess[path], roles) : true
}

/** Home is the caseload for those who may list one (caseload:list), else the welcome screen. */
export function homeIsCaseload(roles: readonly Role[]): boolean {
  return allows(access.clinicians, roles)
}

/** The navigation links someone holding `roles` is offered. */
export function navigationFor(roles: readonly Role[]): { path: string; label: string }[] {
  return navigation.filter((link) => mayOpen(link.path, roles))
}
