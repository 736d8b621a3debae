import { useCallback, useEffect } from 'react'
import type { RequestedLockReason } from '../../../../shared/contract/session'
import { useKeepAllDrafts } from '../../app/LeaveGuard'
import { call, onEvent } from '../../api'
import { useRefreshSession } from './useSession'

/**
 * How long the window waits for its drafts before locking without them: a save that never
 * answers must not stop a lock. (The shell waits a little longer, then locks regardless.)
 */
const keepDraftsForAtMostMs = 1000

function atMost(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: number | undefined
  const late = new Promise((resolve) => {
    timer = window.setTimeout(resolve, ms)
  })
  return Promise.race([work.catch(() => false), late]).finally(() => window.clearTimeout(timer))
}

/**
 * Locks (or signs out) the way every lock must: what was typed a moment ago is kept as a
 * draft first, then the store locks with the reason given, and the window shows sign-in.
 */
export function useLock(): (reason: RequestedLockReason) => Promise<void> {
  const keepDrafts = useKeepAllDrafts()
  const refreshSession = useRefreshSession()
  return useCallback(
    async (reason) => {
      await atMost(keepDrafts(), keepDraftsForAtMostMs)
      try {
        await call('session:lock', { reason })
      } finally {
        await refreshSession()
      }
    },
    [keepDrafts, refreshSession]
  )
}

/** The shell's locks (menu, OS lock, sleep, idle) ask the window first, so its drafts are kept. */
export function useLockRequests(): void {
  const lock = useLock()
  useEffect(() => onEvent('session:lockRequested', ({ reason }) => void lock(reason)), [lock])
}
