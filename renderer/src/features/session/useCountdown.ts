import { useEffect, useState } from 'react'

/**
 * Seconds left until `until` (a time from Date.now()), ticking once a second, 0 when it has
 * passed or there is none. Reads the window's clock, so tests can move it (Playwright's clock).
 */
export function useCountdown(until: number | null): number {
  const left = () => (until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000)))
  const [seconds, setSeconds] = useState(left)
  useEffect(() => {
    if (until === null) return
    const tick = () => setSeconds(Math.max(0, Math.ceil((until - Date.now()) / 1000)))
    tick()
    const timer = window.setInterval(() => {
      tick()
      if (Date.now() >= until) window.clearInterval(timer)
    }, 1000)
    return () => window.clearInterval(timer)
  }, [until])
  return until === null ? 0 : seconds
}

export function secondsInWords(seconds: number): string {
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}
