import type { SessionUser } from '../../../shared/contract/session'
import type { CallContext } from '../context'
import { CoreError } from '../errors'

/** The signed-in user. The dispatcher has already refused anonymous calls; this satisfies types. */
export function currentUser(call: CallContext): SessionUser {
  if (!call.session) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
  return call.session
}

/** Kept here too, where services have always found it. */
export { foldForSearch } from '../store/search-keys'

/** Comma-separated names of the fields whose values differ (for audit detail; never the values). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
}
