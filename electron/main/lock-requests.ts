import type { RequestedLockReason } from '../../shared/contract/session'

/** Runs `run` after `ms`; returns a function that cancels it. Injected, so tests move time by hand. */
export type After = (ms: number, run: () => void) => () => void

export interface LockRequestParts {
  isUnlocked: () => boolean
  /** Asks the window to keep its drafts and then lock; false when there is no window to ask. */
  askWindow: (reason: RequestedLockReason) => boolean
  /** Locks the store now; does nothing once it is locked. */
  lock: (reason: RequestedLockReason) => void
  /** Calls the listener whenever the store locks; returns the unsubscribe. */
  onLocked: (listener: () => void) => () => void
  after: After
  /** How long the window has to keep its drafts before the store locks regardless. */
  graceMs: number
}

/** How a lock came about: the window locked itself, or the shell had to (no window, or it was too slow). */
export type LockOutcome = 'already-locked' | 'locked-by-window' | 'locked-without-window' | 'locked-after-wait'

/**
 * Every lock the shell starts (menu, OS lock, sleep, idle) asks the window first, so the last
 * moment of typing is kept as a draft, and then waits a short, bounded time: a hung window
 * can delay the lock by `graceMs` at most, never stop it. Requests made while one is waiting
 * join it (the first reason is the one recorded).
 */
export function createLockRequests(parts: LockRequestParts): (reason: RequestedLockReason) => Promise<LockOutcome> {
  let waiting: Promise<LockOutcome> | null = null
  const request = (reason: RequestedLockReason) =>
    new Promise<LockOutcome>((resolve) => {
      let settled = false
      const cancels: (() => void)[] = []
      const finish = (outcome: LockOutcome) => {
        if (settled) return
        settled = true
        for (const cancel of cancels) cancel()
        // Whatever happened, the store ends locked (a no-op when the window has locked it).
        parts.lock(reason)
        resolve(outcome)
      }
      cancels.push(parts.onLocked(() => finish('locked-by-window')))
      cancels.push(parts.after(parts.graceMs, () => finish('locked-after-wait')))
      let asked = false
      try {
        asked = parts.askWindow(reason)
      } catch {
        // A window that cannot even be asked counts as no window.
      }
      if (!asked) finish('locked-without-window')
    })
  return (reason) => {
    if (waiting) return waiting
    if (!parts.isUnlocked()) return Promise.resolve('already-locked')
    const current = request(reason).finally(() => {
      if (waiting === current) waiting = null
    })
    waiting = current
    return current
  }
}
