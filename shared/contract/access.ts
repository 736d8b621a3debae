import type { Role } from './session'

/**
 * Who may do what, written once. The contract's channels name these lists, the dispatcher
 * enforces them (electron/core/ipc/dispatch.ts), and the window's routes and navigation use
 * the same lists through screens.ts, so a screen is offered exactly to those its channels serve.
 */
export const access = {
  clinicians: ['clinician'],
  administrators: ['admin'],
  /** People come in from HR through administrators and clinicians alike. */
  importers: ['admin', 'clinician'],
  /** Choosing whom to assign work to: clinicians, and administrators handing work over. */
  assigners: ['clinician', 'admin'],
  /** The Incidents screen: clinicians log incidents, administrators keep the category catalogue. */
  incidents: ['clinician', 'admin'],
  /** TRiM coordinators record the planning decision: clinicians, or TRiM practitioners who coordinate. */
  trimCoordinators: ['clinician', 'trim'],
  /** TRiM practitioners (peers, not clinicians) keep their own worklist and record assessments. */
  trimPractitioners: ['trim'],
  /** The risk factor catalogue and TRiM settings: read by everyone who works with TRiM. */
  trimReaders: ['clinician', 'admin', 'trim'],
  /** Governance reports: aggregate and suppressed, for administrators and the reporting role. */
  reporters: ['admin', 'reporting']
} as const satisfies Record<string, readonly Role[]>

/** Who may call a channel: anyone, anyone signed in, or only holders of one of these roles. */
export type Access = 'public' | 'session' | readonly Role[]

/** Whether someone holding `roles` may use what is open to `allowed`. */
export function allows(allowed: Access, roles: readonly Role[] | null): boolean {
  if (allowed === 'public') return true
  if (roles === null) return false
  return allowed === 'session' || allowed.some((role) => roles.includes(role))
}
