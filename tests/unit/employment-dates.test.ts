import { describe, expect, it } from 'vitest'
import { implausibleDates, yearsAfter } from '../../shared/employment-dates'

const today = '2026-11-26'
const kinds = (dateOfBirth: string | null, startDate: string | null, leavingDate: string | null = null) =>
  implausibleDates({ dateOfBirth, startDate, leavingDate }, today)

describe('implausible employment dates', () => {
  it('accepts a career that could be true, and dates it cannot judge', () => {
    expect(kinds('1985-04-12', '2008-09-01', '2030-03-31')).toEqual([])
    expect(kinds(null, null, null)).toEqual([])
    expect(kinds(null, '1975-01-01', null)).toEqual([])
  })

  it('flags starting before the 16th birthday, but not on it', () => {
    expect(kinds('1985-04-12', '2001-04-11')).toEqual([{ kind: 'before-minimum-age', date: 'start_date' }])
    expect(kinds('1985-04-12', '2001-04-12')).toEqual([])
    expect(kinds('2008-02-29', '2024-02-28')).toEqual([{ kind: 'before-minimum-age', date: 'start_date' }])
    // Born on 29 February: 16 on 1 March in a year without one (2100 has none).
    const underAge = (dateOfBirth: string, startDate: string) =>
      implausibleDates({ dateOfBirth, startDate, leavingDate: null }, '2101-01-01').filter((p) => p.kind === 'before-minimum-age')
    expect(underAge('2084-02-29', '2100-02-28')).toHaveLength(1)
    expect(underAge('2084-02-29', '2100-03-01')).toEqual([])
  })

  it('flags leaving before starting, or before 16 when there is no start date', () => {
    expect(kinds('1985-04-12', '2010-01-01', '2009-12-31')).toEqual([{ kind: 'leaving-before-start' }])
    expect(kinds('1985-04-12', null, '1999-01-01')).toEqual([{ kind: 'before-minimum-age', date: 'leaving_date' }])
    expect(kinds('1985-04-12', '2010-01-01', '2010-01-01')).toEqual([])
  })

  it('flags a birth in the future or more than 100 years ago', () => {
    expect(kinds('2026-11-27', null)).toEqual([{ kind: 'born-in-future' }])
    expect(kinds('2026-11-26', null)).toEqual([])
    expect(kinds('1926-11-25', null)).toEqual([{ kind: 'born-too-long-ago' }])
    expect(kinds('1926-11-26', null)).toEqual([])
  })

  it('flags a start more than a year ahead, and leaving more than ten years ahead', () => {
    expect(kinds('1990-01-01', '2027-11-26')).toEqual([])
    expect(kinds('1990-01-01', '2027-11-27')).toEqual([{ kind: 'too-far-ahead', date: 'start_date', years: 1 }])
    expect(kinds('1990-01-01', '2015-01-01', '2036-11-26')).toEqual([])
    expect(kinds('1990-01-01', '2015-01-01', '2036-11-27')).toEqual([{ kind: 'too-far-ahead', date: 'leaving_date', years: 10 }])
  })

  it('moves a date by whole years as text', () => {
    expect(yearsAfter('1985-04-12', 16)).toBe('2001-04-12')
    expect(yearsAfter('2026-11-26', -100)).toBe('1926-11-26')
  })
})
