import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatLongDate, greetingFor, londonInstant } from '../../shared/dates'

describe('date display', () => {
  it('shows months in words, in London time', () => {
    expect(formatDate(new Date('2026-09-09T12:00:00Z'))).toBe('9 Sep 2026')
    expect(formatDate(new Date('2026-03-04T12:00:00Z'))).toBe('4 Mar 2026')
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 Jul 2026')
    // In winter London is on UTC.
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('31 Dec 2026')
  })

  it('writes long dates for headings without a comma', () => {
    expect(formatLongDate(new Date('2026-11-26T10:00:00Z'))).toBe('Thursday 26 November 2026')
  })

  it('greets by the time of day in London', () => {
    expect(greetingFor(new Date('2026-07-01T07:30:00Z'))).toBe('Good morning')
    expect(greetingFor(new Date('2026-07-01T11:30:00Z'))).toBe('Good afternoon') // 12:30 BST
    expect(greetingFor(new Date('2026-12-01T17:59:00Z'))).toBe('Good afternoon')
    expect(greetingFor(new Date('2026-12-01T18:00:00Z'))).toBe('Good evening')
  })
})

describe('London wall-clock times', () => {
  it('turn into the right instant in winter and in summer, and read back the same', () => {
    expect(londonInstant('2026-11-26', '14:05').toISOString()).toBe('2026-11-26T14:05:00.000Z')
    expect(londonInstant('2026-07-01', '14:05').toISOString()).toBe('2026-07-01T13:05:00.000Z')
    expect(londonInstant('2026-10-25', '00:30').toISOString()).toBe('2026-10-24T23:30:00.000Z')
    expect(formatDateTime(londonInstant('2026-07-01', '09:15'))).toBe('1 Jul 2026 at 09:15')
  })
})
