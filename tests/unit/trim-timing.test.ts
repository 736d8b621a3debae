import { describe, expect, it } from 'vitest'
import { defaultTrimSettings, nextTrimAssessment, trimDueDates } from '../../shared/trim/timing'

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

describe('the next TRiM assessment due', () => {
  const offer = { initialDue: '2026-11-27', followUpDue: '2026-12-22' }
  it('is the initial assessment until it is recorded, overdue only once its day has passed', () => {
    expect(nextTrimAssessment({ ...offer, recorded: [], today: '2026-11-26' })).toEqual({
      kind: 'initial',
      dueOn: '2026-11-27',
      overdue: false
    })
    expect(nextTrimAssessment({ ...offer, recorded: [], today: '2026-11-27' })).toEqual({
      kind: 'initial',
      dueOn: '2026-11-27',
      overdue: false
    })
    expect(nextTrimAssessment({ ...offer, recorded: [], today: '2026-11-28' })).toEqual({
      kind: 'initial',
      dueOn: '2026-11-27',
      overdue: true
    })
  })
  it('is the follow-up once the initial is recorded, and nothing once both are', () => {
    expect(nextTrimAssessment({ ...offer, recorded: ['initial'], today: '2026-12-23' })).toEqual({
      kind: 'follow-up',
      dueOn: '2026-12-22',
      overdue: true
    })
    expect(nextTrimAssessment({ ...offer, recorded: ['initial'], today: '2026-12-22' })?.overdue).toBe(false)
    // A follow-up recorded without an initial: the initial is still owed.
    expect(nextTrimAssessment({ ...offer, recorded: ['follow-up'], today: '2026-11-26' })?.kind).toBe('initial')
    expect(nextTrimAssessment({ ...offer, recorded: ['initial', 'follow-up'], today: '2027-01-01' })).toBeNull()
  })
})
