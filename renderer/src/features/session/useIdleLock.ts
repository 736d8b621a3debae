import { useCallback, useEffect, useRef, useState } from 'react'
import { call } from '../../api'

const reportEveryMs = 15_000
const warnForSeconds = 60

/**
 * Keeps the backend's idle clock in step with the person at the keyboard: input is reported
 * at most every 15 s, and the countdown runs from the last report, so the warning shown here
 * and the lock applied by the core agree. Warns 60 s ahead (WCAG 2.2.1).
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
    const timer = window.setInterval(() => {
      const remaining = Math.round((lastReported.current + idleLockMinutes * 60_000 - Date.now()) / 1000)
      if (pendingInput.current && remaining > warnForSeconds) return
      if (remaining <= 0) {
        window.clearInterval(timer)
        onExpired()
      } else if (remaining <= warnForSeconds) {
        setSecondsLeft(remaining)
      }
    }, 1000)
    return () => window.clearInterval(timer)
  }, [idleLockMinutes, onExpired])

  return { secondsLeft, stayUnlocked: report }
}
