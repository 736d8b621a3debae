import { describe, expect, it } from 'vitest'
import type { CaseloadRow } from '../../shared/contract/caseload'
import type { ReferralWorklistRow } from '../../shared/contract/referrals'
import { referralTeamOn } from '../fixtures/referrals'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'

const stores = useEngineStores()

type Worklist = { rows: ReferralWorklistRow[]; total: number }

/**
 * Six referrals on 26 Nov 2026 and 43 days later (8 Jan 2027):
 * Rosa's (case held by Sam, made by the administrator) and Ivy's (restricted, named for the
 * administrator only) sent on day 0 and now past 6 weeks; Owen's sent on day 0 but in treatment;
 * Kai's withdrawn; Priya's made and sent by Sam on day 43; Dan's only drafted.
 */
async function worklistTeam(engine: Engine) {
  const team = await referralTeamOn(stores, engine)
  const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
  const owen = await team.person('PC1002', 'Owen', 'Price')
  const ivy = await team.person('PC1003', 'Ivy', 'Stone', true)
  const kai = await team.person('PC1004', 'Kai', 'Brook')
  const priya = await team.person('PC1005', 'Priya', 'Shah')
  const dan = await team.person('PC1006', 'Dan', 'Ford')
  const rosaCase = await team.openCase(rosa.id, team.samId)
  const rosaReferral = await team.sent(rosa.id, '2026-11-26', rosaCase.id)
  // Sent the same day: the one made first comes first.
  team.clock.advance(60_000)
  const ivyReferral = await team.sent(ivy.id, '2026-11-26', null, 'gp')
  const owenReferral = await team.sent(owen.id, '2026-11-26')
  const kaiReferral = await team.sent(kai.id, '2026-11-26')
  await team.step(kaiReferral, 'withdrawn', '2026-11-26')
  await team.later(43)
  await team.step(owenReferral, 'assessed', '2027-01-02')
  await team.step(owenReferral, 'treatment-started', '2027-01-05')
  await team.draft(dan.id)
  await team.signInAsSam()
  const priyaReferral = await team.sent(priya.id, '2027-01-08')
  await team.signInAsAdmin()
  return { ...team, rosa, owen, ivy, kai, priya, dan, rosaCase, rosaReferral, ivyReferral, owenReferral, priyaReferral }
}

const names = (list: Worklist) => list.rows.map((row) => row.personName)

describe.each(engines)('the Referrals worklist (%s)', (engine) => {
  it('lists open referrals only, breached first, then waiting longest, then in treatment, then drafts', async () => {
    const team = await worklistTeam(engine)
    const all = await team.call<Worklist>('referrals:worklist', { view: 'all' })
    expect(names(all)).toEqual(['Marsh, Rosa', 'Stone, Ivy', 'Shah, Priya', 'Price, Owen', 'Ford, Dan'])
    expect(all.total).toBe(5)
    expect(all.rows[0]).toEqual({
      id: team.rosaReferral.id,
      personId: team.rosa.id,
      personName: 'Marsh, Rosa',
      staffNumber: 'PC1001',
      destinationName: 'NHS Talking Therapies',
      status: 'sent',
      urgency: 'routine',
      referredOn: '2026-11-26',
      wait: {
        daysWaiting: 43,
        daysToAssessment: null,
        daysToTreatment: null,
        within6Weeks: false,
        within18Weeks: null,
        breached: '6-weeks'
      },
      daysSinceUpdate: 43,
      holderName: 'Sam Okafor'
    })
    const owen = all.rows.find((row) => row.personId === team.owen.id)
    expect(owen).toMatchObject({ status: 'treatment-started', daysSinceUpdate: 3, holderName: null })
    expect(owen?.wait).toMatchObject({ daysToTreatment: 40, breached: null })
    expect(all.rows.find((row) => row.personId === team.dan.id)).toMatchObject({ status: 'drafted', referredOn: null, wait: null })
  })

  it('says when a wait passes 18 weeks', async () => {
    const team = await worklistTeam(engine)
    await team.later(84)
    const breached = await team.call<Worklist>('referrals:worklist', { view: 'all', breachedOnly: true })
    expect(breached.rows.map((row) => [row.personName, row.wait?.breached])).toEqual([
      ['Marsh, Rosa', '18-weeks'],
      ['Stone, Ivy', '18-weeks'],
      ['Shah, Priya', '6-weeks']
    ])
  })

  it('filters to breaches only, and to mine: cases I hold or referrals I made', async () => {
    const team = await worklistTeam(engine)
    expect(names(await team.call<Worklist>('referrals:worklist', { view: 'all', breachedOnly: true }))).toEqual([
      'Marsh, Rosa',
      'Stone, Ivy'
    ])
    expect(names(await team.call<Worklist>('referrals:worklist', { view: 'mine' }))).toEqual([
      'Marsh, Rosa',
      'Stone, Ivy',
      'Price, Owen',
      'Ford, Dan'
    ])
    await team.signInAsSam()
    // Sam holds Rosa's case and made Priya's referral.
    expect(names(await team.call<Worklist>('referrals:worklist', {}))).toEqual(['Marsh, Rosa', 'Shah, Priya'])
    expect(names(await team.call<Worklist>('referrals:worklist', { view: 'mine', breachedOnly: true }))).toEqual(['Marsh, Rosa'])
  })

  it('never shows a referral for someone the caller may not see, nor counts it', async () => {
    const team = await worklistTeam(engine)
    await team.signInAsSam()
    const all = await team.call<Worklist>('referrals:worklist', { view: 'all' })
    expect(names(all)).toEqual(['Marsh, Rosa', 'Shah, Priya', 'Price, Owen', 'Ford, Dan'])
    expect(all.total).toBe(4)
    const breached = await team.call<Worklist>('referrals:worklist', { view: 'all', breachedOnly: true })
    expect(breached).toMatchObject({ total: 1, rows: [{ personName: 'Marsh, Rosa' }] })
  })

  it('pages like the other lists, never repeating or skipping a row', async () => {
    const team = await worklistTeam(engine)
    const first = await team.call<Worklist>('referrals:worklist', { view: 'all', page: { offset: 0, limit: 2 } })
    const second = await team.call<Worklist>('referrals:worklist', { view: 'all', page: { offset: 2, limit: 2 } })
    const third = await team.call<Worklist>('referrals:worklist', { view: 'all', page: { offset: 4, limit: 2 } })
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5])
    expect([...names(first), ...names(second), ...names(third)]).toEqual([
      'Marsh, Rosa',
      'Stone, Ivy',
      'Shah, Priya',
      'Price, Owen',
      'Ford, Dan'
    ])
  })
})

describe.each(engines)('a referral breach on the caseload (%s)', (engine) => {
  it('tags the case of a person with a referral past 6 weeks, then 18, and not once treatment has started', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const owen = await team.person('PC1002', 'Owen', 'Price')
    await team.openCase(rosa.id)
    await team.openCase(owen.id)
    const referral = await team.sent(rosa.id, '2026-11-26')
    // Owen's referral is only drafted: it has no wait, so no breach however old.
    await team.draft(owen.id)
    const breachOf = async (personId: string) =>
      (await team.call<{ rows: CaseloadRow[] }>('caseload:list', {})).rows.find((row) => row.personId === personId)?.referralBreach
    await team.later(42)
    expect(await breachOf(rosa.id)).toBeNull()
    await team.later(1)
    expect(await breachOf(rosa.id)).toBe('6-weeks')
    expect(await breachOf(owen.id)).toBeNull()
    await team.later(84)
    expect(await breachOf(rosa.id)).toBe('18-weeks')
    await team.step(referral, 'assessed', '2027-04-02')
    expect(await breachOf(rosa.id)).toBe('18-weeks')
    await team.step(referral, 'treatment-started', '2027-04-02')
    expect(await breachOf(rosa.id)).toBeNull()
  })
})

describe.each(engines)('who may read the worklist (%s)', (engine) => {
  // Names and where people were referred are clinical: an administrator without a clinical
  // role sees counts elsewhere (Team caseload), never this list.
  it.each([
    [
      'reporting',
      { username: 'rita.report', displayName: 'Rita Report', roles: ['reporting'], passphrase: 'granite steps by the slipway' }
    ],
    [
      'an administrator-only',
      { username: 'adam.admin', displayName: 'Adam Admin', roles: ['admin'], passphrase: 'lanterns over the quay wall' }
    ]
  ])('clinicians only: %s user is refused and sees nothing', async (_kind, viewer) => {
    const team = await worklistTeam(engine)
    await team.addUser(viewer)
    await team.signIn(viewer)
    const refused = await team.raw('referrals:worklist', { view: 'all' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(JSON.stringify(refused)).not.toContain('Marsh')
  })
})
