import { describe, expect, it } from 'vitest'
import type { ConsentRecord } from '../../shared/contract/consent'
import type { Referral } from '../../shared/contract/referrals'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { referralTeamOn } from '../fixtures/referrals'

const stores = useEngineStores()

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fields?: string[] }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown as { message: string; fields?: string[] }
  )
  if (error === null) throw new Error('expected a refusal')
  return error
}

/** A team on 26 Nov 2026 with one person and helpers to record and withdraw their consents. */
async function consentTeam(engine: Engine) {
  const team = await referralTeamOn(stores, engine)
  const newPerson = team.person
  const person = await newPerson('PC1234', 'Alex', 'Morgan')
  const give = (destinationId: string, givenOn = '2026-11-26', personId = person.id) =>
    team.call<ConsentRecord>('consent:record', {
      personId,
      purpose: 'referral',
      destinationId,
      scope: 'Screening scores and the reason',
      givenOn
    })
  const withdraw = (consent: { id: string }, withdrawnOn = '2026-11-26') =>
    team.call<ConsentRecord>('consent:withdraw', { consentId: consent.id, withdrawnOn })
  const list = (personId = person.id) => team.call<ConsentRecord[]>('consent:forPerson', { personId })
  return { ...team, newPerson, person, give, withdraw, list }
}

describe.each(engines)('consent records (%s)', (engine) => {
  it('records a consent for a referral destination and lists it as current, naming the destination', async () => {
    const { give, list } = await consentTeam(engine)
    const consent = await give('gp')
    expect(consent).toMatchObject({
      purpose: 'referral',
      destinationId: 'gp',
      recipientName: 'GP',
      givenOn: '2026-11-26',
      withdrawnOn: null,
      current: true
    })
    expect((await list()).map((c) => c.id)).toEqual([consent.id])
  })

  it('records consent for a management report or another disclosure with a named recipient, and asks for it in the user’s words', async () => {
    const { call, person } = await consentTeam(engine)
    const manager = await call<ConsentRecord>('consent:record', {
      personId: person.id,
      purpose: 'management-advice',
      recipient: 'Inspector Jane Cole',
      scope: 'Fitness for role and adjustments',
      givenOn: '2026-11-20'
    })
    expect(manager).toMatchObject({ purpose: 'management-advice', destinationId: null, recipientName: 'Inspector Jane Cole' })
    const missing = await refusal(call('consent:record', { personId: person.id, purpose: 'other', scope: 'x', givenOn: '2026-11-20' }))
    expect(missing.message).toMatch(/Enter who it may be shared with/)
    expect(missing.fields).toEqual(['recipient'])
    const noDestination = await refusal(
      call('consent:record', { personId: person.id, purpose: 'referral', scope: 'x', givenOn: '2026-11-20' })
    )
    expect(noDestination.fields).toEqual(['destinationId'])
  })

  it('refuses consent dated in the future, and a withdrawal in the future or before it was given; nothing changes', async () => {
    const { give, withdraw, list } = await consentTeam(engine)
    expect(await refusal(give('gp', '2026-11-27'))).toMatchObject({
      message: 'The date consent was given cannot be in the future.',
      fields: ['givenOn']
    })
    expect(await list()).toEqual([])
    const consent = await give('gp', '2026-11-20')
    expect((await refusal(withdraw(consent, '2026-11-27'))).fields).toEqual(['withdrawnOn'])
    expect((await refusal(withdraw(consent, '2026-11-19'))).message).toBe(
      'The date consent was withdrawn cannot be before it was given (20 Nov 2026).'
    )
    expect((await list())[0]).toMatchObject({ withdrawnOn: null, current: true })
  })

  it('withdraws with a date and keeps the record in the history; a second withdrawal is refused and the store refuses deletion', async () => {
    const { give, withdraw, list, exec } = await consentTeam(engine)
    const consent = await give('gp', '2026-11-20')
    const withdrawn = await withdraw(consent)
    expect(withdrawn).toMatchObject({ withdrawnOn: '2026-11-26', current: false, withdrawnByName: expect.any(String) })
    expect(await list()).toHaveLength(1)
    expect((await refusal(withdraw(consent))).message).toBe('This consent was already withdrawn on 26 Nov 2026.')
    await expect(exec('DELETE FROM consents')).rejects.toThrow(/cannot be removed/)
    await expect(exec('UPDATE consents SET withdrawn_on = NULL')).rejects.toThrow(/cannot be changed/)
  })

  it('audits ids and the purpose only, never the scope or the recipient', async () => {
    const { call, person, withdraw, rows } = await consentTeam(engine)
    const consent = await call<ConsentRecord>('consent:record', {
      personId: person.id,
      purpose: 'other',
      recipient: 'Professional Standards',
      scope: 'Attendance dates only',
      givenOn: '2026-11-26'
    })
    await withdraw(consent)
    const entries = await rows<{ action: string; entity_id: string | null; detail: string | null }>(
      "SELECT * FROM audit_log WHERE entity_type = 'consent' ORDER BY seq"
    )
    expect(entries.map((e) => [e.action, e.entity_id, e.detail])).toEqual([
      ['consent.recorded', consent.id, 'other'],
      ['consent.withdrawn', consent.id, null]
    ])
    const text = JSON.stringify(entries)
    for (const secret of ['Professional Standards', 'Attendance dates']) expect(text).not.toContain(secret)
  })
})

describe.each(engines)('sending a referral needs a current matching consent record (%s)', (engine) => {
  it('is not sent without one: the refusal names the destination, and nothing changes', async () => {
    const { draft, step, person, call } = await consentTeam(engine)
    const drafted = await draft(person.id, null, 'nhs-talking-therapies')
    const refused = await refusal(step(drafted, 'sent', '2026-11-26'))
    expect(refused).toMatchObject({
      message: "Record the person's consent to share with NHS Talking Therapies before sending.",
      fields: ['status']
    })
    const [unchanged] = await call<Referral[]>('referrals:forPerson', { personId: person.id })
    expect(unchanged).toMatchObject({ status: 'drafted', referredOn: null, consent: null })
  })

  it('is sent with one recorded on the person page, and keeps the consent it was sent on', async () => {
    const { draft, step, person, give } = await consentTeam(engine)
    const drafted = await draft(person.id, null, 'nhs-talking-therapies')
    const consent = await give('nhs-talking-therapies')
    const sent = await step(drafted, 'sent', '2026-11-26')
    expect(sent).toMatchObject({ status: 'sent', consent: { id: consent.id, givenOn: '2026-11-26', withdrawnOn: null } })
  })

  it('“Record consent” on a referral writes a consent record for its destination', async () => {
    const { draft, step, person, call, list } = await consentTeam(engine)
    const drafted = await draft(person.id, null, 'gp')
    await call('referrals:recordConsent', { referralId: drafted.id, scope: 'The reason only', givenOn: '2026-11-25' })
    expect(await list()).toMatchObject([
      { purpose: 'referral', destinationId: 'gp', scope: 'The reason only', givenOn: '2026-11-25', current: true }
    ])
    expect((await step(drafted, 'sent', '2026-11-26')).status).toBe('sent')
  })

  it('does not count consent for another destination', async () => {
    const { draft, step, person, give } = await consentTeam(engine)
    const drafted = await draft(person.id, null, 'nhs-talking-therapies')
    await give('gp')
    expect((await refusal(step(drafted, 'sent', '2026-11-26'))).message).toBe(
      "Record the person's consent to share with NHS Talking Therapies before sending."
    )
  })

  it('does not count consent for the same person’s other referral purpose or another person', async () => {
    const { draft, step, person, give, call, newPerson } = await consentTeam(engine)
    const other = await newPerson('PC9876', 'Sam', 'Other')
    await give('gp', '2026-11-26', other.id)
    await call('consent:record', { personId: person.id, purpose: 'other', recipient: 'GP', scope: 'x', givenOn: '2026-11-26' })
    const drafted = await draft(person.id, null, 'gp')
    expect((await refusal(step(drafted, 'sent', '2026-11-26'))).message).toMatch(/consent to share with GP/)
  })

  it('a withdrawn consent blocks a new send, but withdrawing after sending does not unsend and shows on the referral', async () => {
    const { draft, step, person, give, withdraw, call, later } = await consentTeam(engine)
    const consent = await give('gp', '2026-11-20')
    const first = await draft(person.id, null, 'gp')
    await step(first, 'sent', '2026-11-26')
    const second = await draft(person.id, null, 'gp')
    await later(1)
    await withdraw(consent, '2026-11-27')
    expect((await refusal(step(second, 'sent', '2026-11-27'))).message).toMatch(/Record the person's consent to share with GP/)
    // Backdating the send to a day the consent stood does not get round a withdrawal.
    expect((await refusal(step(second, 'sent', '2026-11-26'))).message).toMatch(/Record the person's consent to share with GP/)
    const referrals = await call<Referral[]>('referrals:forPerson', { personId: person.id })
    const sentOne = referrals.find((r) => r.id === first.id)
    expect(sentOne).toMatchObject({ status: 'sent', consent: { id: consent.id, withdrawnOn: '2026-11-27' } })
    expect(referrals.find((r) => r.id === second.id)).toMatchObject({ status: 'drafted', consent: null })
  })

  it('refuses sending before the consent was given, naming the date', async () => {
    const { draft, step, person, give, later } = await consentTeam(engine)
    const drafted = await draft(person.id, null, 'gp')
    await later(4)
    await give('gp', '2026-11-30')
    expect(await refusal(step(drafted, 'sent', '2026-11-28'))).toMatchObject({
      message: 'The referral cannot be sent before consent was given (30 Nov 2026).',
      fields: ['happenedOn']
    })
  })
})

describe.each(engines)('need-to-know on consent (%s)', (engine) => {
  it('hides a restricted person’s consents from a clinician not named on them, refuses each action, and audits the refusal', async () => {
    const team = await consentTeam(engine)
    const restricted = await team.newPerson('PC7777', 'Rhys', 'Hidden', true)
    const consent = await team.give('gp', '2026-11-26', restricted.id)
    await team.signInAsSam()
    for (const attempt of [
      () => team.list(restricted.id),
      () => team.give('gp', '2026-11-26', restricted.id),
      () => team.withdraw(consent)
    ]) {
      expect((await refusal(attempt())).message).toBe('This record is restricted to named clinicians.')
    }
    const refusals = await team.rows<{ action: string; entity_id: string | null }>(
      "SELECT action, entity_id FROM audit_log WHERE action = 'person.view-refused'"
    )
    expect(refusals.length).toBeGreaterThanOrEqual(3)
    expect(refusals.every((r) => r.entity_id === restricted.id)).toBe(true)
    await team.signInAsAdmin()
    expect(await team.list(restricted.id)).toMatchObject([{ id: consent.id, withdrawnOn: null }])
  })
})
