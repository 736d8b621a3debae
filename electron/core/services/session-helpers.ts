import type { SessionUser } from '../../../shared/contract/session'
import type { CallContext } from '../context'

/** The signed-in user making this call (it travels with the call: see CallContext). */
export function currentUser(call: CallContext): SessionUser {
  return call.user
}

/** Kept here too, where services have always found it. */
export { foldForSearch } from '../store/search-keys'

/** Comma-separated names of the fields whose values differ (for audit detail; never the values). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
}
