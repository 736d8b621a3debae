import { describe, expect, it } from 'vitest'
import {
  defaultExposureThresholds,
  exposureLoad,
  exposureReviewKey,
  exposureReviewKeyParts,
  exposureReviewTitle,
  ruleLabel,
  thirtyDayWindowStart,
  twelveMonthWindowStart,
  type ExposureForLoad
} from '../../../shared/incidents/exposure-load'

const today = '2026-11-26'
const one = (date: string, over: Partial<ExposureForLoad> = {}): ExposureForLoad => ({
  date,
  weight: 1,
  intensity: 'low',
  hours: null,
  ...over
})
const noRules = { countIn30Days: null, weightedIn12Months: null }

describe('the 30-day window', () => {
  it('includes today and the 29 days before, and nothing earlier or later', () => {
    expect(thirtyDayWindowStart(today)).toBe('2026-10-28')
    const load = exposureLoad([one('2026-11-26'), one('2026-10-28'), one('2026-10-27'), one('2026-11-27')], today, noRules)
    expect(load.last30Days).toEqual({ from: '2026-10-28', count: 2, weighted: 2, hours: 0 })
  })

  it('crosses a month and a year end by the calendar', () => {
    expect(thirtyDayWindowStart('2026-01-10')).toBe('2025-12-12')
    expect(thirtyDayWindowStart('2024-03-01')).toBe('2024-02-01')
  })
})

describe('the 12-month window', () => {
  it('starts the day after the same date a year earlier', () => {
    expect(twelveMonthWindowStart(today)).toBe('2025-11-27')
    const load = exposureLoad([one('2025-11-27'), one('2025-11-26'), one(today)], today, noRules)
    expect(load.last12Months).toMatchObject({ from: '2025-11-27', count: 2 })
  })

  it('on 29 February looks back to 1 March (the year before has no 29th)', () => {
    expect(twelveMonthWindowStart('2028-02-29')).toBe('2027-03-01')
    expect(twelveMonthWindowStart('2028-03-01')).toBe('2027-03-02')
    expect(twelveMonthWindowStart('2025-03-01')).toBe('2024-03-02')
  })

  it('holds everything the 30-day window holds', () => {
    const load = exposureLoad([one('2026-11-20'), one('2026-06-01')], today, noRules)
    expect(load.last30Days.count).toBe(1)
    expect(load.last12Months.count).toBe(2)
  })
})

describe('weighting', () => {
  it('counts each exposure once and weighs it by category weight × intensity (low 1, medium 2, high 3)', () => {
    const load = exposureLoad(
      [one(today, { weight: 5, intensity: 'high' }), one(today, { weight: 4, intensity: 'medium' }), one(today, { weight: 2 })],
      today,
      noRules
    )
    expect(load.last30Days).toMatchObject({ count: 3, weighted: 15 + 8 + 2 })
  })

  it('sums hours of material reviewed without changing the weight', () => {
    const load = exposureLoad([one(today, { hours: 2.5 }), one('2026-03-01', { hours: 4 })], today, noRules)
    expect(load.last30Days).toMatchObject({ weighted: 1, hours: 2.5 })
    expect(load.last12Months).toMatchObject({ weighted: 2, hours: 6.5 })
  })

  it('is all zeros with no exposures, and fires nothing', () => {
    const load = exposureLoad([], today, defaultExposureThresholds)
    expect(load.last30Days).toMatchObject({ count: 0, weighted: 0, hours: 0 })
    expect(load.fired).toEqual([])
  })
})

describe('threshold rules', () => {
  it('defaults to 3 or more exposures in 30 days and a weighted load of 30 or more in 12 months', () => {
    expect(defaultExposureThresholds).toEqual({ countIn30Days: 3, weightedIn12Months: 30 })
  })

  it('fires the count rule at exactly the threshold, not one below, naming it', () => {
    const two = [one(today), one('2026-10-28')]
    expect(exposureLoad(two, today, defaultExposureThresholds).fired).toEqual([])
    expect(exposureLoad([...two, one('2026-11-01')], today, defaultExposureThresholds).fired).toEqual([
      { rule: 'count-30-days', label: '3 or more exposures in 30 days' }
    ])
  })

  it('does not fire the count rule for an exposure just outside the window', () => {
    expect(exposureLoad([one(today), one('2026-11-01'), one('2026-10-27')], today, defaultExposureThresholds).fired).toEqual([])
  })

  it('fires the weighted rule at exactly the threshold, not one below', () => {
    const below = [one('2026-01-01', { weight: 5, intensity: 'high' }), one('2025-11-27', { weight: 7, intensity: 'medium' })]
    expect(exposureLoad(below, today, defaultExposureThresholds).last12Months.weighted).toBe(29)
    expect(exposureLoad(below, today, defaultExposureThresholds).fired).toEqual([])
    const at = [...below, one('2026-05-05')]
    expect(exposureLoad(at, today, defaultExposureThresholds).fired).toEqual([
      { rule: 'weighted-12-months', label: 'Weighted load of 30 or more in 12 months' }
    ])
  })

  it('fires both, and uses the configured thresholds; a rule set to null never fires', () => {
    const many = [one(today, { weight: 10, intensity: 'high' }), one(today, { weight: 10, intensity: 'high' })]
    expect(exposureLoad(many, today, { countIn30Days: 2, weightedIn12Months: 60 }).fired.map((f) => f.label)).toEqual([
      '2 or more exposures in 30 days',
      'Weighted load of 60 or more in 12 months'
    ])
    expect(exposureLoad(many, today, { countIn30Days: null, weightedIn12Months: 61 }).fired).toEqual([])
  })

  it('refuses a date that is not a real date', () => {
    expect(() => exposureLoad([one('2026-02-30')], today, noRules)).toThrow('Each exposure needs a real date')
    expect(() => exposureLoad([], 'today', noRules)).toThrow('Today must be a real date')
  })
})

describe('the review task rule key', () => {
  it('holds the person, the rule and the day, and reads them back', () => {
    const key = exposureReviewKey('p-1', 'weighted-12-months', '2026-11-26')
    expect(key).toBe('exposure:p-1:weighted-12-months:2026-11-26')
    expect(exposureReviewKeyParts(key)).toEqual({ personId: 'p-1', rule: 'weighted-12-months', raisedOn: '2026-11-26' })
    expect(exposureReviewKeyParts(exposureReviewKey('p-1', 'count-30-days', '2026-01-02'))?.rule).toBe('count-30-days')
  })

  it('reads nothing from another kind of key, an unknown rule or a key with parts missing or added', () => {
    for (const key of [
      'referral-chase:r-1:2026-11-26',
      'exposure:p-1:count-7-days:2026-11-26',
      'exposure:p-1:count-30-days',
      'exposure::count-30-days:2026-11-26',
      'exposure:p-1:count-30-days:2026-11-26:x',
      'exposures:p-1:count-30-days:2026-11-26'
    ])
      expect(exposureReviewKeyParts(key)).toBeNull()
  })

  it('names a rule with its number, and without one once the rule is switched off', () => {
    const on = { countIn30Days: 3, weightedIn12Months: 30 }
    const off = { countIn30Days: null, weightedIn12Months: null }
    expect(ruleLabel('count-30-days', on)).toBe('3 or more exposures in 30 days')
    expect(ruleLabel('weighted-12-months', on)).toBe('Weighted load of 30 or more in 12 months')
    expect(ruleLabel('count-30-days', off)).toBe('Exposures in 30 days')
    expect(ruleLabel('weighted-12-months', off)).toBe('Weighted load in 12 months')
  })
})

describe('edges the mutation run found untested', () => {
  it('starts the 12-month window the day after the same date a year before, for the 29th of any month and any day of February', () => {
    expect(twelveMonthWindowStart('2026-03-29')).toBe('2025-03-30')
    expect(twelveMonthWindowStart('2026-02-10')).toBe('2025-02-11')
    expect(twelveMonthWindowStart('2026-02-28')).toBe('2025-03-01')
    expect(twelveMonthWindowStart('2028-02-29')).toBe('2027-03-01')
  })

  it('fires nothing when both rules are switched off, however heavy the load', () => {
    const heavy = Array.from({ length: 12 }, (_, i) => one(`2026-11-${String(10 + i).padStart(2, '0')}`, { weight: 5, intensity: 'high' }))
    expect(exposureLoad(heavy, today, noRules).fired).toEqual([])
    expect(exposureLoad(heavy, today, { countIn30Days: null, weightedIn12Months: 1 }).fired.map((f) => f.rule)).toEqual([
      'weighted-12-months'
    ])
  })

  it('titles the review task with the rule it names', () => {
    expect(exposureReviewTitle('3 or more exposures in 30 days')).toBe('Review trauma exposure: 3 or more exposures in 30 days')
  })
})
