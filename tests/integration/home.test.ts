import { describe, expect, it } from 'vitest'
import type { HomeAttention } from '../../shared/contract/home'
import { engines, useEngineStores } from '../fixtures/engines'
import { referralTeamOn } from '../fixtures/referrals'

const stores = useEngineStores()

const attended = (personId: string) => ({ personId, part: 'attended', intensity: 'high', hoursReviewed: null })

describe.each(engines)('what a clinician’s home points to (%s)', (engine) => {
  it('counts my referrals past 6 and 18 weeks, names my people exposed lately, and my bereavement cases with counselling not offered', async () => {
    const team = await referralTeamOn(stores, engine)
    // A referral's steps cannot be dated before it was made, so time passes between them.
    // Tom: on my caseload, referred on day 0 (148 days before the end: past 18 weeks).
    const tom = await team.person('PC1002', 'Tom', 'Hart')
    const tomCase = await team.openCase(tom.id)
    await team.sent(tom.id, '2026-11-26', tomCase.id)
    // Owen: my referral on day 0, but treatment has started: no breach.
    const owen = await team.person('PC1003', 'Owen', 'Price')
    const owens = await team.sent(owen.id, '2026-11-26')
    await team.step(owens, 'assessed', '2026-11-26')
    await team.step(owens, 'treatment-started', '2026-11-26')
    // Ade: Sam's referral and Sam's case on day 0: not mine.
    const ade = await team.person('PC1004', 'Ade', 'Bello')
    await team.openCase(ade.id, team.samId)
    await team.signInAsSam()
    await team.sent(ade.id, '2026-11-26')
    await team.signInAsAdmin()
    // Rosa: on my caseload, referred on day 92 (56 days before the end: past 6 weeks only).
    await team.later(92)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const rosaCase = await team.openCase(rosa.id)
    await team.sent(rosa.id, '2027-02-26', rosaCase.id)
    await team.later(56) // today is 23 April 2027

    // Exposures: Rosa twice in the window (named once, with the latest), Ade (Sam's case) and
    // Tom outside the 30-day window (53 days ago) are not named.
    await team.call('incidents:create', {
      occurredOn: '2027-04-17',
      categoryId: 'sudden-death',
      reference: 'CAD 1',
      attendees: [attended(rosa.id), attended(ade.id)]
    })
    await team.call('incidents:create', {
      occurredOn: '2027-04-22',
      categoryId: 'suicide',
      reference: 'CAD 2',
      attendees: [attended(rosa.id)]
    })
    await team.call('incidents:create', {
      occurredOn: '2027-03-01',
      categoryId: 'suicide',
      reference: 'CAD 3',
      attendees: [attended(tom.id)]
    })

    // Bereavement: a case opened now must say when counselling was offered, so the cases still
    // waiting are those recorded before that was asked. One is made here by moving a new case
    // (and not its offer) to Bev and clearing its pathway. Cal's case has its offer; Dee's case,
    // made the same way, was offered from the person page since.
    const bev = await team.person('PC2001', 'Bev', 'Ward')
    const cal = await team.person('PC2002', 'Cal', 'Moss')
    const dee = await team.person('PC2003', 'Dee', 'Lund')
    const stand = await team.person('PC2009', 'Stand', 'In')
    const bereavementCase = (personId: string) =>
      team.call<{ id: string }>('cases:open', {
        personId,
        reason: 'bereavement',
        priority: 'routine',
        nextReviewDate: null,
        pathway: { bereavement: { counsellingOfferedOn: '2027-04-23', response: 'awaiting' } }
      })
    const recordedBeforeOffersWereAsked = async (personId: string) => {
      const made = await bereavementCase(stand.id)
      await team.exec("UPDATE cases SET person_id = ?, pathway = '{}' WHERE id = ?", personId, made.id)
      return made
    }
    const bevCase = await recordedBeforeOffersWereAsked(bev.id)
    await bereavementCase(cal.id)
    await recordedBeforeOffersWereAsked(dee.id)
    await team.call('signposting:recordBereavement', { personId: dee.id, status: 'offered', happenedOn: '2027-04-23' })

    const home = await team.call<HomeAttention>('home:attention', {})
    expect(home.referralsPast6Weeks).toBe(2)
    expect(home.referralsPast18Weeks).toBe(1)
    expect(home.recentlyExposed).toEqual([
      { personId: rosa.id, personName: 'Marsh, Rosa', staffNumber: 'PC1001', occurredOn: '2027-04-22', categoryName: 'Suicide' }
    ])
    expect(home.recentlyExposedTotal).toBe(1)
    expect(home.bereavementNotOffered).toEqual([
      { personId: bev.id, personName: 'Ward, Bev', staffNumber: 'PC2001', caseId: bevCase.id, openedOn: '2027-04-23' }
    ])

    // Sam sees his own: Ade's referral past 18 weeks and Ade's exposure; none of mine.
    await team.signInAsSam()
    const sams = await team.call<HomeAttention>('home:attention', {})
    expect([sams.referralsPast6Weeks, sams.referralsPast18Weeks]).toEqual([1, 1])
    expect(sams.recentlyExposed.map((p) => p.personName)).toEqual(['Bello, Ade'])
    expect(sams.bereavementNotOffered).toEqual([])

    // Once Bev is offered counselling on her case, no bereavement case is waiting.
    await team.signInAsAdmin()
    await team.call('signposting:recordBereavement', { personId: bev.id, caseId: bevCase.id, status: 'offered', happenedOn: '2027-04-23' })
    const after = await team.call<HomeAttention>('home:attention', {})
    expect(after.bereavementNotOffered).toEqual([])
  })

  it('names a restricted person only to the clinicians named on the record', async () => {
    const team = await referralTeamOn(stores, engine)
    await team.signInAsSam()
    const hidden = await team.person('PC3001', 'Hal', 'Kerr', true)
    await team.openCase(hidden.id)
    await team.call('incidents:create', {
      occurredOn: '2026-11-25',
      categoryId: 'suicide',
      reference: 'CAD 9',
      attendees: [attended(hidden.id)]
    })
    const mine = await team.call<HomeAttention>('home:attention', {})
    expect(mine.recentlyExposed.map((p) => p.personName)).toEqual(['Kerr, Hal'])
    // The administrator (a clinician, not named on Hal's restricted record) is not told of him.
    await team.signInAsAdmin()
    const theirs = await team.call<HomeAttention>('home:attention', {})
    expect(JSON.stringify(theirs)).not.toMatch(/Hal|Kerr|PC3001/)
  })
})
