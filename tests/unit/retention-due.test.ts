import { describe, expect, it } from 'vitest'
import { settingSchemas } from '../../shared/contract/settings'
import { addYears, defaultRetentionPeriods, retentionDue, type RetentionFacts } from '../../shared/retention/due'

const periods = defaultRetentionPeriods
const leaver = (leftOn: string | null, lastSurveillanceOn: string | null = null, lastEntryOn: string | null = null): RetentionFacts => ({
  leftOn,
  lastEntryOn,
  lastSurveillanceOn
})

describe('retention periods', () => {
  it('default to 6 years after leaving and 40 after the last health surveillance record, screenings counting as such', () => {
    expect(defaultRetentionPeriods).toEqual({ leaverYears: 6, surveillanceYears: 40, screeningsAreHealthSurveillance: true })
  })

  it('are whole years from 1 to 100', () => {
    const schema = settingSchemas.retentionPeriods
    expect(schema.safeParse(periods).success).toBe(true)
    for (const bad of [0, 101, 6.5, -1, Number.NaN]) {
      expect(schema.safeParse({ ...periods, leaverYears: bad }).success).toBe(false)
      expect(schema.safeParse({ ...periods, surveillanceYears: bad }).success).toBe(false)
    }
    expect(schema.safeParse({ ...periods, extra: 1 }).success).toBe(false)
  })
})

describe('adding years to a date', () => {
  it('keeps the day, and takes 29 February to 1 March in a year without one (the later day)', () => {
    expect(addYears('2020-06-15', 6)).toBe('2026-06-15')
    expect(addYears('2020-02-29', 6)).toBe('2026-03-01')
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29')
    expect(addYears('2020-02-29', 80)).toBe('2100-03-01')
    expect(addYears('2000-02-29', 400)).toBe('2400-02-29')
  })
})

describe('whether a person is past retention', () => {
  it('is never, by the leaver rule, for someone with no leaving date', () => {
    expect(retentionDue(leaver(null), periods, '2099-01-01')).toEqual({ due: false, reason: 'not-left' })
    expect(retentionDue(leaver(null, '1990-01-01', '1990-01-01'), periods, '2099-01-01').due).toBe(false)
  })

  it('keeps a leaver through the sixth anniversary of leaving, and is due the day after', () => {
    const facts = leaver('2020-06-15')
    expect(retentionDue(facts, periods, '2026-06-14')).toMatchObject({ due: false, keptUntil: '2026-06-15', rule: 'leaver' })
    expect(retentionDue(facts, periods, '2026-06-15').due).toBe(false)
    expect(retentionDue(facts, periods, '2026-06-16')).toMatchObject({ due: true, keptUntil: '2026-06-15', rule: 'leaver' })
  })

  it('counts a leaving date of 29 February to 1 March six years on', () => {
    const facts = leaver('2020-02-29')
    expect(retentionDue(facts, periods, '2026-02-28').due).toBe(false)
    expect(retentionDue(facts, periods, '2026-03-01').due).toBe(false)
    expect(retentionDue(facts, periods, '2026-03-02').due).toBe(true)
  })

  it('counts from the last entry when it is after the leaving date', () => {
    const facts = leaver('2018-01-10', null, '2020-06-15')
    expect(retentionDue(facts, periods, '2026-06-15')).toMatchObject({ due: false, keptUntil: '2026-06-15', rule: 'leaver' })
    expect(retentionDue(facts, periods, '2026-06-16').due).toBe(true)
  })

  it('keeps a leaver with health surveillance records until 40 years after the last of them', () => {
    // Left 7 years ago, last screening 10 years ago: kept until 40 years after the screening.
    const facts = leaver('2019-06-01', '2016-06-01', '2019-06-01')
    expect(retentionDue(facts, periods, '2026-06-02')).toMatchObject({
      due: false,
      rule: 'health-surveillance',
      keptUntil: '2056-06-01',
      leaverKeptUntil: '2025-06-01',
      surveillanceKeptUntil: '2056-06-01'
    })
    expect(retentionDue(facts, periods, '2056-06-01').due).toBe(false)
    expect(retentionDue(facts, periods, '2056-06-02')).toMatchObject({ due: true, rule: 'health-surveillance' })
  })

  it('counts a screening on 29 February to 1 March when the year it ends in has none', () => {
    const facts = leaver('2000-01-01', '1996-02-29')
    // 40 years on is 2036, a leap year: kept through 29 February.
    expect(retentionDue(facts, periods, '2036-02-29').due).toBe(false)
    expect(retentionDue(facts, periods, '2036-03-01').due).toBe(true)
    // 39 years on is 2035, without one: kept through 1 March.
    const shorter = { ...periods, surveillanceYears: 39 }
    expect(retentionDue(facts, shorter, '2035-02-28').due).toBe(false)
    expect(retentionDue(facts, shorter, '2035-03-01').due).toBe(false)
    expect(retentionDue(facts, shorter, '2035-03-02').due).toBe(true)
  })

  it('ignores screenings when an administrator says they are not health surveillance', () => {
    const facts = leaver('2019-06-01', '2016-06-01', '2019-06-01')
    expect(retentionDue(facts, { ...periods, screeningsAreHealthSurveillance: false }, '2026-06-02')).toMatchObject({
      due: true,
      rule: 'leaver',
      surveillanceKeptUntil: null
    })
  })

  it('follows the periods set, not the defaults', () => {
    const facts = leaver('2020-06-15', '2020-06-15')
    expect(retentionDue(facts, { ...periods, leaverYears: 1, surveillanceYears: 2 }, '2022-06-15').due).toBe(false)
    expect(retentionDue(facts, { ...periods, leaverYears: 1, surveillanceYears: 2 }, '2022-06-16').due).toBe(true)
  })
})
