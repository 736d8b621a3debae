import { useCallback, useEffect, useRef, useState } from 'react'
import { call } from '../../api'

const reportEveryMs = 15_000

/**
 * How long before the lock to warn: 60 s (WCAG 2.2.1), but never more than half the idle
 * period, or a 1-minute lock would warn after every pause.
 */
export function warningLeadSeconds(idleLockMinutes: number): number {
  return Math.min(60, (idleLockMinutes * 60) / 2)
}

/**
 * Keeps the backend's idle clock in step with the person at the keyboard: input is reported
 * at most every 15 s, and the countdown runs from the last report, so the warning shown here
 * and the lock applied by the core agree. Input not yet reported is reported as soon as the
 * warning would start, so someone typing never sees it.
 */
export function useIdleLock(idleLockMinutes: number, onExpired: () => void) {
  // Unlocking counts as activity: the countdown starts when this hook first runs.
  const lastReported = useRef(0)
  const pendingInput = useRef(false)
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null)
  useEffect(() => {
    lastReported.current = Date.now()
  }, [])

  const report = useCallback(() => {
    pendingInput.current = false
    lastReported.current = Date.now()
    setSecondsLeft(null)
    void call('session:activity', {}).catch(() => undefined)
  }, [])

  useEffect(() => {
    const onInput = () => {
      pendingInput.current = true
      if (Date.now() - lastReported.current >= reportEveryMs) report()
    }
    const events = ['keydown', 'pointerdown', 'wheel'] as const
    for (const name of events) window.addEventListener(name, onInput, { passive: true })
    return () => {
      for (const name of events) window.removeEventListener(name, onInput)
    }
  }, [report])

  useEffect(() => {
    const warnForSeconds = warningLeadSeconds(idleLockMinutes)
    const timer = window.setInterval(() => {
      const remaining = Math.round((lastReported.current + idleLockMinutes * 60_000 - Date.now()) / 1000)
      if (pendingInput.current) {
        if (remaining <= warnForSeconds) report()
        return
      }
      if (remaining <= 0) {
        window.clearInterval(timer)
        onExpired()
      } else if (remaining <= warnForSeconds) {
        setSecondsLeft(remaining)
      }
    }, 1000)
    return () => window.clearInterval(timer)
  }, [idleLockMinutes, onExpired, report])

  return { secondsLeft, stayUnlocked: report }
}
