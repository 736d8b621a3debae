import { describe, expect, it } from 'vitest'
import { referralClock, ReferralClockError } from '../../../shared/referrals/clocks'

const referredOn = '2026-01-05'

describe('referralClock', () => {
  it('counts days from the referral date to assessment and to treatment', () => {
    expect(referralClock({ referredOn, assessedOn: '2026-01-19', treatmentStartedOn: '2026-02-09', today: '2026-06-01' })).toEqual({
      daysToAssessment: 14,
      daysToTreatment: 35,
      daysWaiting: 35,
      within6Weeks: true,
      within18Weeks: true
    })
  })

  it('treats treatment on day 42 as within 6 weeks and day 43 as not', () => {
    expect(referralClock({ referredOn, treatmentStartedOn: '2026-02-16', today: '2026-06-01' })).toMatchObject({
      daysToTreatment: 42,
      within6Weeks: true,
      within18Weeks: true
    })
    expect(referralClock({ referredOn, treatmentStartedOn: '2026-02-17', today: '2026-06-01' })).toMatchObject({
      daysToTreatment: 43,
      within6Weeks: false,
      within18Weeks: true
    })
  })

  it('treats treatment on day 126 as within 18 weeks and day 127 as not', () => {
    expect(referralClock({ referredOn, treatmentStartedOn: '2026-05-11', today: '2026-06-01' })).toMatchObject({
      daysToTreatment: 126,
      within6Weeks: false,
      within18Weeks: true
    })
    expect(referralClock({ referredOn, treatmentStartedOn: '2026-05-12', today: '2026-06-01' })).toMatchObject({
      daysToTreatment: 127,
      within6Weeks: false,
      within18Weeks: false
    })
  })

  it('leaves a waiting referral undecided until it passes each limit, counting up to today', () => {
    expect(referralClock({ referredOn, today: referredOn })).toEqual({
      daysToAssessment: null,
      daysToTreatment: null,
      daysWaiting: 0,
      within6Weeks: null,
      within18Weeks: null
    })
    expect(referralClock({ referredOn, today: '2026-02-16' })).toMatchObject({ daysWaiting: 42, within6Weeks: null, within18Weeks: null })
    expect(referralClock({ referredOn, assessedOn: '2026-01-06', today: '2026-02-17' })).toMatchObject({
      daysToAssessment: 1,
      daysWaiting: 43,
      within6Weeks: false,
      within18Weeks: null
    })
    expect(referralClock({ referredOn, today: '2026-05-11' })).toMatchObject({ daysWaiting: 126, within6Weeks: false, within18Weeks: null })
    expect(referralClock({ referredOn, today: '2026-05-12' })).toMatchObject({
      daysWaiting: 127,
      within6Weeks: false,
      within18Weeks: false
    })
  })

  it('stops the waiting clock when treatment starts, however long ago', () => {
    expect(referralClock({ referredOn, treatmentStartedOn: '2026-01-10', today: '2027-01-05' })).toMatchObject({
      daysWaiting: 5,
      within6Weeks: true,
      within18Weeks: true
    })
  })

  it('counts calendar days across the clocks changing and a leap day', () => {
    expect(referralClock({ referredOn: '2028-02-28', today: '2028-03-01' }).daysWaiting).toBe(2)
    expect(referralClock({ referredOn: '2026-03-28', today: '2026-03-30' }).daysWaiting).toBe(2)
    expect(referralClock({ referredOn: '2026-10-24', today: '2026-10-26' }).daysWaiting).toBe(2)
  })

  it('treats a null assessment or treatment date as not yet happened', () => {
    expect(referralClock({ referredOn, assessedOn: null, treatmentStartedOn: null, today: '2026-01-06' })).toMatchObject({
      daysToAssessment: null,
      daysToTreatment: null,
      daysWaiting: 1
    })
  })

  it('accepts an assessment and a treatment start on the day of the referral', () => {
    expect(referralClock({ referredOn, assessedOn: referredOn, treatmentStartedOn: referredOn, today: '2026-02-01' })).toMatchObject({
      daysToAssessment: 0,
      daysToTreatment: 0,
      within6Weeks: true
    })
  })

  it('accepts an assessment and a treatment start dated today', () => {
    expect(referralClock({ referredOn, assessedOn: '2026-02-01', treatmentStartedOn: '2026-02-01', today: '2026-02-01' })).toMatchObject({
      daysToAssessment: 27,
      daysToTreatment: 27,
      within6Weeks: true
    })
  })

  it('refuses impossible dates with the field’s own name, and changes nothing', () => {
    const refused = (input: Parameters<typeof referralClock>[0], message: string) => {
      expect(() => referralClock(input)).toThrow(ReferralClockError)
      expect(() => referralClock(input)).toThrow(message)
    }
    refused({ referredOn: '2026-02-30', today: '2026-03-01' }, 'Referral date must be a real date')
    refused({ referredOn, today: '5/1/2026' }, 'Today must be a real date')
    refused({ referredOn, assessedOn: 'soon', today: '2026-03-01' }, 'Assessment date must be a real date')
    refused({ referredOn, treatmentStartedOn: '2026-13-01', today: '2026-03-01' }, 'Treatment start date must be a real date')
    refused({ referredOn, today: '2026-01-04' }, 'Referral date cannot be in the future')
    refused({ referredOn, assessedOn: '2026-01-04', today: '2026-03-01' }, 'Assessment date cannot be before the referral date')
    refused(
      { referredOn, treatmentStartedOn: '2026-01-04', today: '2026-03-01' },
      'Treatment start date cannot be before the referral date'
    )
    refused({ referredOn, assessedOn: '2026-03-02', today: '2026-03-01' }, 'Assessment date cannot be in the future')
    refused({ referredOn, treatmentStartedOn: '2026-03-02', today: '2026-03-01' }, 'Treatment start date cannot be in the future')
  })
})
