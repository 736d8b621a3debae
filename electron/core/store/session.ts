import type { LockReason, SessionUser, StoreStatus } from '../../../shared/contract/session'

/** What a service may do with the signed-in session besides reading who it is. */
export interface SessionControls {
  status(): StoreStatus
  /** The idle lock's new length, once the setting changes. */
  setIdleLockMinutes(minutes: number): void
  /** After the signed-in user's own record changes (e.g. a new passphrase). */
  refreshSessionUser(user: SessionUser): void
  /** Runs a long write that keeps the connection's transaction open across turns of the event loop. */
  holdConnection<T>(work: () => Promise<T>): Promise<T>
  /** Called when the store locks or unlocks. */
  onChange(listener: (state: 'locked' | 'unlocked', reason: LockReason | null) => void): () => void
}
