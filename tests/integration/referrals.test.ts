import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import type { Referral, ReferralDestination } from '../../shared/contract/referrals'
import { personFields } from '../fixtures/caseload'
import { restrictedOn } from '../fixtures/restricted'
import { admin, manualClock } from '../fixtures/store'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'

const stores = useEngineStores()
const day = 24 * 60 * 60 * 1000

/** A store on 26 Nov 2026 with one person and a referral drafted for them. */
async function referralStore(engine: Engine) {
  const clock = manualClock(new Date('2026-11-26T09:00:00Z'))
  const store = await stores(engine, clock.now)
  const person = await store.call<Person>('people:create', personFields())
  const drafted = await store.call<Referral>('referrals:create', {
    personId: person.id,
    caseId: null,
    destinationId: 'nhs-talking-therapies',
    reason: 'Low mood since the Harbour Road fatality',
    urgency: 'routine'
  })
  const step = (referral: Referral, status: string, happenedOn: string) =>
    store.call<Referral>('referrals:recordStep', { referralId: referral.id, status, happenedOn })
  const consent = (referral: Referral, givenOn = '2026-11-26') =>
    store.call<Referral>('referrals:recordConsent', {
      referralId: referral.id,
      scope: 'Screening scores and the reason for referral',
      givenOn
    })
  /** Days pass: the idle lock would have locked the store, so sign in again afterwards. */
  const later = async (days: number) => {
    await store.lock()
    clock.advance(days * day)
    await store.signIn(admin)
  }
  return { ...store, clock, later, person, drafted, step, consent }
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fields?: string[] }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown as { message: string; fields?: string[] }
  )
  if (error === null) throw new Error('expected a refusal')
  return error
}

describe.each(engines)('referral destinations (%s)', (engine) => {
  it('start with the services the guidance names, GP and NHS Talking Therapies first', async () => {
    const store = await stores(engine)
    const destinations = await store.call<ReferralDestination[]>('referrals:destinations', {})
    expect(destinations.slice(0, 2).map((d) => d.name)).toEqual(['GP', 'NHS Talking Therapies'])
    for (const name of [
      'Bereavement counselling',
      'Police Treatment Centres',
      'Flint House',
      'Police Care UK',
      'Employee assistance programme',
      'Crisis or urgent care'
    ]) {
      expect(destinations.map((d) => d.name)).toContain(name)
    }
  })
})

describe.each(engines)('a referral (%s)', (engine) => {
  it('starts drafted, with its reason, a first step dated today and no wait yet', async () => {
    const { drafted } = await referralStore(engine)
    expect(drafted).toMatchObject({
      status: 'drafted',
      destinationName: 'NHS Talking Therapies',
      urgency: 'routine',
      consent: null,
      referredOn: null,
      wait: null
    })
    expect(drafted.nextStatuses).toEqual(['sent', 'withdrawn'])
    expect(drafted.steps.map((s) => [s.status, s.happenedOn])).toEqual([['drafted', '2026-11-26']])
  })

  it('cannot be sent before the person has consented to share, and changes nothing when refused', async () => {
    const { drafted, step, call } = await referralStore(engine)
    const refused = await refusal(step(drafted, 'sent', '2026-11-26'))
    expect(refused.message).toMatch(/consent to share/)
    const [after] = await call<Referral[]>('referrals:forPerson', { personId: drafted.personId })
    expect(after).toMatchObject({ status: 'drafted', referredOn: null })
    expect(after?.steps).toHaveLength(1)
  })

  it('once consented, is sent and walks its journey, each step kept with its date', async () => {
    const { drafted, step, consent, later } = await referralStore(engine)
    await consent(drafted)
    const sent = await step(drafted, 'sent', '2026-11-26')
    expect(sent).toMatchObject({ status: 'sent', referredOn: '2026-11-26', consent: { givenOn: '2026-11-26' } })
    await later(40)
    await step(sent, 'acknowledged', '2026-12-01')
    await step(sent, 'assessed', '2026-12-20')
    const treated = await step(sent, 'treatment-started', '2027-01-05')
    expect(treated.steps.map((s) => s.status)).toEqual(['drafted', 'sent', 'acknowledged', 'assessed', 'treatment-started'])
    expect(treated.wait).toEqual({
      daysWaiting: 40,
      daysToAssessment: 24,
      daysToTreatment: 40,
      within6Weeks: true,
      within18Weeks: true,
      breached: null
    })
    const done = await step(sent, 'completed', '2027-01-05')
    expect(done.nextStatuses).toEqual([])
  })

  it('refuses a step the journey does not allow, naming both states, and an ended referral moves no further', async () => {
    const { drafted, step, consent } = await referralStore(engine)
    expect((await refusal(step(drafted, 'treatment-started', '2026-11-26'))).message).toBe(
      'A referral that is drafted cannot be marked treatment started.'
    )
    await consent(drafted)
    await step(drafted, 'sent', '2026-11-26')
    await step(drafted, 'declined', '2026-11-26')
    expect((await refusal(step(drafted, 'assessed', '2026-11-26'))).message).toMatch(
      /^This referral has ended \(declined\), so it cannot be marked assessed\./
    )
  })

  it('refuses a step dated in the future or before the step before it', async () => {
    const { drafted, step, consent } = await referralStore(engine)
    await consent(drafted, '2026-11-20')
    expect(await refusal(step(drafted, 'sent', '2026-11-27'))).toMatchObject({
      message: 'The date it happened cannot be in the future.',
      fields: ['happenedOn']
    })
    await step(drafted, 'sent', '2026-11-26')
    expect(await refusal(step(drafted, 'assessed', '2026-11-25'))).toMatchObject({
      message: "The date it happened cannot be before the referral's last step (26 Nov 2026).",
      fields: ['happenedOn']
    })
  })

  it('refuses consent dated in the future, and sending before consent was given', async () => {
    const { drafted, step, consent, later } = await referralStore(engine)
    expect((await refusal(consent(drafted, '2026-11-27'))).message).toBe('The date consent was given cannot be in the future.')
    await later(5)
    await consent(drafted, '2026-11-30')
    expect((await refusal(step(drafted, 'sent', '2026-11-28'))).message).toBe(
      'The referral cannot be sent before consent was given (30 Nov 2026).'
    )
  })

  it('shows a breach while it waits past 6 weeks, and past 18 weeks, but not once treatment has started', async () => {
    const { drafted, step, consent, later, call } = await referralStore(engine)
    await consent(drafted)
    await step(drafted, 'sent', '2026-11-26')
    const waitNow = async () => (await call<Referral[]>('referrals:forPerson', { personId: drafted.personId }))[0]?.wait
    await later(42)
    expect(await waitNow()).toMatchObject({ daysWaiting: 42, within6Weeks: null, breached: null })
    await later(1)
    expect(await waitNow()).toMatchObject({ daysWaiting: 43, within6Weeks: false, within18Weeks: null, breached: '6-weeks' })
    await later(84)
    expect(await waitNow()).toMatchObject({ daysWaiting: 127, within18Weeks: false, breached: '18-weeks' })
    await step(drafted, 'assessed', '2027-03-20')
    expect(await waitNow()).toMatchObject({ daysToAssessment: 114, breached: '18-weeks' })
    await step(drafted, 'treatment-started', '2027-04-01')
    expect(await waitNow()).toMatchObject({ daysToTreatment: 126, within6Weeks: false, within18Weeks: true, breached: null })
  })

  it('stops counting its wait when it ends without treatment', async () => {
    const { drafted, step, consent, later, call } = await referralStore(engine)
    await consent(drafted)
    await step(drafted, 'sent', '2026-11-26')
    await later(10)
    await step(drafted, 'withdrawn', '2026-12-01')
    await later(100)
    const [after] = await call<Referral[]>('referrals:forPerson', { personId: drafted.personId })
    expect(after?.wait).toMatchObject({ daysWaiting: 5, breached: null })
  })

  it('belongs to the case it names only if that case is the same person’s', async () => {
    const store = await referralStore(engine)
    const other = await store.call<Person>('people:create', personFields({ staffNumber: 'PC9999', givenName: 'Owen', familyName: 'Price' }))
    const otherCase = await store.call<CaseRecord>('cases:open', {
      personId: other.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null
    })
    const refused = await refusal(
      store.call('referrals:create', {
        personId: store.person.id,
        caseId: otherCase.id,
        destinationId: 'gp',
        reason: 'x',
        urgency: 'routine'
      })
    )
    expect(refused).toMatchObject({ message: 'That case belongs to someone else.', fields: ['caseId'] })
    expect(await store.call<Referral[]>('referrals:forPerson', { personId: store.person.id })).toHaveLength(1)
    expect(await store.call<Referral[]>('referrals:forPerson', { personId: other.id })).toEqual([])
  })

  it('refuses an unknown destination with the field’s own words', async () => {
    const { call, person } = await referralStore(engine)
    const refused = await refusal(
      call('referrals:create', { personId: person.id, caseId: null, destinationId: 'nowhere', reason: 'x', urgency: 'routine' })
    )
    expect(refused).toMatchObject({ message: 'Choose where the referral goes from the list.', fields: ['destinationId'] })
  })

  it('keeps the reason and the destination out of the audit log, and its steps cannot be rewritten', async () => {
    const { drafted, step, consent, rows, exec } = await referralStore(engine)
    await consent(drafted)
    await step(drafted, 'sent', '2026-11-26')
    const entries = await rows<{ action: string; detail: string | null }>(
      "SELECT * FROM audit_log WHERE entity_type = 'referral' ORDER BY seq"
    )
    expect(entries.map((e) => [e.action, e.detail])).toEqual([
      ['referral.created', null],
      ['referral.consent-recorded', null],
      ['referral.step-recorded', 'sent']
    ])
    const text = JSON.stringify(entries)
    for (const secret of ['Harbour Road', 'Talking', 'nhs-talking-therapies', 'Screening scores']) expect(text).not.toContain(secret)
    await expect(exec('UPDATE referral_steps SET status = ?', 'completed')).rejects.toThrow(/cannot be changed or removed/)
    await expect(exec('DELETE FROM referral_steps')).rejects.toThrow(/cannot be changed or removed/)
  })
})

describe.each(engines)('need-to-know on referrals (%s)', (engine) => {
  it('a clinician not named on a restricted person can neither list, make nor move their referrals', async () => {
    const store = await restrictedOn(await stores(engine))
    const referral = await store.call<Referral>('referrals:create', {
      personId: store.restricted.id,
      caseId: null,
      destinationId: 'gp',
      reason: 'x',
      urgency: 'urgent'
    })
    await store.signInAsSam()
    for (const attempt of [
      () => store.call('referrals:forPerson', { personId: store.restricted.id }),
      () =>
        store.call('referrals:create', {
          personId: store.restricted.id,
          caseId: null,
          destinationId: 'gp',
          reason: 'y',
          urgency: 'routine'
        }),
      () => store.call('referrals:recordConsent', { referralId: referral.id, scope: 'all', givenOn: '2026-11-26' }),
      () => store.call('referrals:recordStep', { referralId: referral.id, status: 'withdrawn', happenedOn: '2026-11-26' })
    ]) {
      expect((await refusal(attempt())).message).toBe('This record is restricted to named clinicians.')
    }
    await store.signInAsAdmin()
    const [unchanged] = await store.call<Referral[]>('referrals:forPerson', { personId: store.restricted.id })
    expect(unchanged).toMatchObject({ status: 'drafted', consent: null })
    expect(await store.call<Referral[]>('referrals:forPerson', { personId: store.open.id })).toEqual([])
  })
})
