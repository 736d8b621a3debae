import { describe, expect, it } from 'vitest'
import { defaultTrimSettings, trimDueDates } from '../../shared/trim/timing'

describe('TRiM due dates', () => {
  it('are 3 and 28 days after the incident by default', () => {
    expect(defaultTrimSettings).toEqual({ initialAssessmentDays: 3, followUpDays: 28, referralThreshold: 3 })
    expect(trimDueDates('2026-11-02', defaultTrimSettings)).toEqual({ initialDue: '2026-11-05', followUpDue: '2026-11-30' })
  })

  it('cross month and year ends by the calendar', () => {
    expect(trimDueDates('2026-12-30', defaultTrimSettings)).toEqual({ initialDue: '2027-01-02', followUpDue: '2027-01-27' })
    expect(trimDueDates('2028-02-27', { initialAssessmentDays: 2, followUpDays: 28 })).toEqual({
      initialDue: '2028-02-29',
      followUpDue: '2028-03-26'
    })
  })

  it('follow the settings, not the defaults, when changed', () => {
    expect(trimDueDates('2026-11-02', { initialAssessmentDays: 2, followUpDays: 30 })).toEqual({
      initialDue: '2026-11-04',
      followUpDue: '2026-12-02'
    })
  })
})
