import { describe, expect, it } from 'vitest'
import { outcomeWords, pairSittings } from '../../../shared/outcomes/pairing'

const dates = { referredOn: '2026-11-26', treatmentStartedOn: '2026-12-10', completedOn: '2027-01-25' }
const at = (date: string, total = 10) => ({ date, total })

describe('pairing scores before and after a referral', () => {
  it('takes the latest on or before the referral, within 90 days', () => {
    expect(pairSittings([at('2026-08-28'), at('2026-11-26', 12)], dates).pre).toEqual(at('2026-11-26', 12))
    expect(pairSittings([at('2026-08-27')], dates).pre).toBeNull()
    expect(pairSittings([at('2026-08-28')], dates).pre).toEqual(at('2026-08-28'))
  })

  it('else the earliest in the 14 days after it, but only before treatment started', () => {
    expect(pairSittings([at('2026-12-05'), at('2026-12-08')], dates).pre).toEqual(at('2026-12-05'))
    expect(pairSittings([at('2026-12-10')], dates).pre).toBeNull()
    expect(pairSittings([at('2026-12-11')], { ...dates, treatmentStartedOn: null }).pre).toBeNull()
  })

  it('takes the score nearest completion, up to 14 days after it, the earlier of two equally near', () => {
    expect(pairSittings([at('2026-11-26'), at('2027-01-20', 1), at('2027-01-30', 2)], dates).post).toEqual(at('2027-01-20', 1))
    expect(pairSittings([at('2026-11-26'), at('2027-02-08')], dates).post).toEqual(at('2027-02-08'))
    expect(pairSittings([at('2026-11-26'), at('2027-02-09')], dates).post).toBeNull()
  })

  it('never takes a score from before treatment began, or from its first day, as the score after', () => {
    // Treatment from 10 Dec: a sitting at first contact (5 Dec) is the score before, never after.
    expect(pairSittings([at('2026-11-20'), at('2026-12-05')], dates)).toEqual({ pre: at('2026-11-20'), post: null })
    expect(pairSittings([at('2026-11-20'), at('2026-12-10')], dates).post).toBeNull()
    expect(pairSittings([at('2026-11-20'), at('2026-12-11')], dates).post).toEqual(at('2026-12-11'))
    // With no treatment start on record, only the referral and the score before bound it.
    expect(pairSittings([at('2026-11-20'), at('2026-12-05')], { ...dates, treatmentStartedOn: null }).post).toEqual(at('2026-12-05'))
  })

  it('never uses the same sitting, or one before the referral, as the score after', () => {
    expect(pairSittings([at('2026-11-26')], dates)).toEqual({ pre: at('2026-11-26'), post: null })
    expect(pairSittings([at('2026-11-20')], { ...dates, completedOn: '2026-11-27' }).post).toBeNull()
  })
})

describe('the outcome in words', () => {
  const none = {
    atCasenessPre: true,
    atCasenessPost: true,
    recovery: false,
    reliableImprovement: false,
    reliableDeterioration: false,
    reliableRecovery: false
  }
  it.each([
    [{ ...none, reliableDeterioration: true }, 'Reliable deterioration'],
    [{ ...none, atCasenessPost: false, recovery: true, reliableImprovement: true, reliableRecovery: true }, 'Reliable recovery'],
    [{ ...none, atCasenessPost: false, recovery: true }, 'Recovered'],
    [{ ...none, reliableImprovement: true }, 'Reliable improvement'],
    [none, 'No reliable change']
  ])('%o reads %s', (outcome, words) => {
    expect(outcomeWords(outcome)).toBe(words)
  })
})
