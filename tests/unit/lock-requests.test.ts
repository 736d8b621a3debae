import { describe, expect, it } from 'vitest'
import type { RequestedLockReason } from '../../shared/contract/session'
import { createLockRequests, type After } from '../../electron/main/lock-requests'

/** A store, a window and a clock moved by hand: nothing here waits on real time. */
function setUp({ window = 'answers' as 'answers' | 'hangs' | 'absent' | 'throws' } = {}) {
  let now = 0
  const timers: { at: number; run: () => void; cancelled: boolean }[] = []
  const after: After = (ms, run) => {
    const timer = { at: now + ms, run, cancelled: false }
    timers.push(timer)
    return () => void (timer.cancelled = true)
  }
  const advance = (ms: number) => {
    now += ms
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true
      timer.run()
    }
  }
  const events: string[] = []
  const lockListeners = new Set<() => void>()
  let unlocked = true
  const lockStore = (reason: RequestedLockReason, by: string) => {
    if (!unlocked) return
    unlocked = false
    events.push(`locked:${reason}:${by}`)
    for (const listener of [...lockListeners]) listener()
  }
  // The window's part: keep the drafts, then lock (here, when the test says so).
  let windowLocks: (() => void) | null = null
  const request = createLockRequests({
    isUnlocked: () => unlocked,
    askWindow: (reason) => {
      if (window === 'absent') return false
      if (window === 'throws') throw new Error('window gone')
      events.push(`asked:${reason}`)
      if (window === 'answers')
        windowLocks = () => {
          events.push('drafts kept')
          lockStore(reason, 'window')
        }
      return true
    },
    lock: (reason) => lockStore(reason, 'shell'),
    onLocked: (listener) => {
      lockListeners.add(listener)
      return () => void lockListeners.delete(listener)
    },
    after,
    graceMs: 1500
  })
  return {
    request,
    advance,
    events,
    windowKeepsDraftsAndLocks: () => windowLocks?.(),
    isUnlocked: () => unlocked,
    relock: () => void (unlocked = true),
    liveTimers: () => timers.filter((t) => !t.cancelled).length,
    listeners: () => lockListeners.size
  }
}

describe('lock requests from the shell', () => {
  it('asks the window first, and locks only after it has kept its drafts', async () => {
    const t = setUp()
    const done = t.request('system')
    // Asked, but not locked yet: the window still has its typing to keep.
    expect(t.events).toEqual(['asked:system'])
    expect(t.isUnlocked()).toBe(true)
    t.advance(1000)
    t.windowKeepsDraftsAndLocks()
    await expect(done).resolves.toBe('locked-by-window')
    expect(t.events).toEqual(['asked:system', 'drafts kept', 'locked:system:window'])
    // Nothing is left waiting to lock a later session.
    expect(t.liveTimers()).toBe(0)
    expect(t.listeners()).toBe(0)
  })

  it('locks anyway when the window does not answer within the grace period, and not before', async () => {
    const t = setUp({ window: 'hangs' })
    const done = t.request('manual')
    t.advance(1499)
    expect(t.isUnlocked()).toBe(true)
    t.advance(1)
    await expect(done).resolves.toBe('locked-after-wait')
    expect(t.events).toEqual(['asked:manual', 'locked:manual:shell'])
    expect(t.listeners()).toBe(0)
  })

  it('locks at once when there is no window to ask, or asking it fails', async () => {
    for (const window of ['absent', 'throws'] as const) {
      const t = setUp({ window })
      await expect(t.request('system')).resolves.toBe('locked-without-window')
      expect(t.events).toEqual(['locked:system:shell'])
      expect(t.liveTimers()).toBe(0)
    }
  })

  it('joins a second request to the one waiting (one question, one lock, the first reason)', async () => {
    const t = setUp()
    const first = t.request('system')
    const second = t.request('idle')
    expect(second).toBe(first)
    t.windowKeepsDraftsAndLocks()
    await expect(second).resolves.toBe('locked-by-window')
    expect(t.events).toEqual(['asked:system', 'drafts kept', 'locked:system:window'])
  })

  it('does nothing when the store is already locked', async () => {
    const t = setUp()
    const first = t.request('manual')
    t.windowKeepsDraftsAndLocks()
    await first
    await expect(t.request('system')).resolves.toBe('already-locked')
    expect(t.events.filter((e) => e.startsWith('asked'))).toEqual(['asked:manual'])
  })

  it('asks again for the next session once a lock has finished', async () => {
    const t = setUp({ window: 'hangs' })
    const first = t.request('manual')
    t.advance(1500)
    await first
    t.relock()
    const second = t.request('idle')
    expect(second).not.toBe(first)
    t.advance(1500)
    await expect(second).resolves.toBe('locked-after-wait')
    expect(t.events).toEqual(['asked:manual', 'locked:manual:shell', 'asked:idle', 'locked:idle:shell'])
  })
})
