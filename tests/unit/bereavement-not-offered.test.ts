import { describe, expect, it } from 'vitest'
import { casesAwaitingBereavementOffer } from '../../shared/signposting/bereavement'

const bereavementCase = (
  id: string,
  overrides: Partial<{ status: string; openedOn: string; offeredOn: string | null; reason: string }> = {}
) => ({
  id,
  reason: overrides.reason ?? 'bereavement',
  status: overrides.status ?? 'open',
  openedOn: overrides.openedOn ?? '2026-11-01',
  pathway: overrides.offeredOn ? { bereavement: { counsellingOfferedOn: overrides.offeredOn } } : {},
  personId: `person-of-${id}`
})

describe('bereavement cases still waiting for counselling to be offered', () => {
  it('is an open bereavement case with no offer on it, for it, or since it opened', () => {
    const waiting = bereavementCase('a')
    expect(casesAwaitingBereavementOffer([waiting], [])).toEqual([waiting])
    // An offer before the case opened, for another case, does not count.
    expect(casesAwaitingBereavementOffer([waiting], [{ personId: 'person-of-a', caseId: 'other', happenedOn: '2026-10-31' }])).toEqual([
      waiting
    ])
  })

  it('is not a case with an offer on its pathway, for it, or on or after the day it opened', () => {
    expect(casesAwaitingBereavementOffer([bereavementCase('a', { offeredOn: '2026-11-02' })], [])).toEqual([])
    expect(
      casesAwaitingBereavementOffer([bereavementCase('a')], [{ personId: 'person-of-a', caseId: 'a', happenedOn: '2026-10-01' }])
    ).toEqual([])
    expect(
      casesAwaitingBereavementOffer([bereavementCase('a')], [{ personId: 'person-of-a', caseId: null, happenedOn: '2026-11-01' }])
    ).toEqual([])
  })

  it('is not a closed case, nor a case for another reason', () => {
    expect(casesAwaitingBereavementOffer([bereavementCase('a', { status: 'closed' })], [])).toEqual([])
    expect(casesAwaitingBereavementOffer([bereavementCase('a', { reason: 'self-referral' })], [])).toEqual([])
  })

  it('matches each case only with its own person’s offers when given several people', () => {
    const a = bereavementCase('a')
    const b = bereavementCase('b')
    const offers = [{ personId: 'person-of-b', caseId: null, happenedOn: '2026-11-05' }]
    expect(casesAwaitingBereavementOffer([a, b], offers)).toEqual([a])
  })
})
