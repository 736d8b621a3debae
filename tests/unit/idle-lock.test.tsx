// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useIdleLock, warningLeadSeconds } from '../../renderer/src/features/session/useIdleLock'

function Harness({ minutes, onExpired }: { minutes: number; onExpired: () => void }) {
  const { secondsLeft } = useIdleLock(minutes, onExpired)
  return <p>{secondsLeft === null ? 'no warning' : `locks in ${secondsLeft}`}</p>
}

let reports = 0
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z') })
  reports = 0
  ;(window as unknown as { harbour: unknown }).harbour = {
    'session:activity': () => {
      reports++
      return Promise.resolve({ ok: true, value: {} })
    }
  }
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const seconds = async (n: number) => act(async () => void (await vi.advanceTimersByTimeAsync(n * 1000)))

describe('the idle lock warning', () => {
  it('warns 60 seconds ahead, but never more than half the idle period', () => {
    expect(warningLeadSeconds(15)).toBe(60)
    expect(warningLeadSeconds(2)).toBe(60)
    expect(warningLeadSeconds(1)).toBe(30)
  })

  it('with a 1-minute lock, stays hidden while someone keeps typing, and appears only after 30 seconds untouched', async () => {
    const onExpired = vi.fn()
    render(<Harness minutes={1} onExpired={onExpired} />)
    for (let i = 0; i < 12; i++) {
      await seconds(5)
      fireEvent.keyDown(window, { key: 'a' })
      await seconds(0)
      expect(screen.getByText('no warning')).toBeTruthy()
    }
    expect(reports).toBeGreaterThan(0)
    await seconds(29)
    expect(screen.getByText('no warning')).toBeTruthy()
    await seconds(3)
    expect(screen.getByText(/^locks in (2[0-9]|30)$/)).toBeTruthy()
    expect(onExpired).not.toHaveBeenCalled()
    await seconds(30)
    expect(onExpired).toHaveBeenCalledTimes(1)
  })

  it('with a 15-minute lock, warns in the last minute and locks at the end', async () => {
    const onExpired = vi.fn()
    render(<Harness minutes={15} onExpired={onExpired} />)
    await seconds(14 * 60 - 2)
    expect(screen.getByText('no warning')).toBeTruthy()
    await seconds(4)
    expect(screen.getByText(/^locks in (5[0-9]|60)$/)).toBeTruthy()
    await seconds(60)
    expect(onExpired).toHaveBeenCalledTimes(1)
  })
})
