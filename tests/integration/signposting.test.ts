import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import type { PersonOverview } from '../../shared/contract/person-overview'
import type {
  BereavementCounselling,
  CatalogueResource,
  PersonSignposting,
  SignpostingRecord,
  SupportResource
} from '../../shared/contract/signposting'
import { personFields } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { restrictedOn } from '../fixtures/restricted'
import { admin, manualClock } from '../fixtures/store'

const stores = useEngineStores()

/** The restricted-person store (restricted.ts) with Sam signed in. */
async function restrictedStore(engine: Engine) {
  const store = await restrictedOn(await stores(engine))
  await store.signInAsSam()
  return store
}

/** A store on 26 Nov 2026 (London) with one person. */
async function signpostingStore(engine: Engine) {
  const clock = manualClock(new Date('2026-11-26T09:00:00Z'))
  const store = await stores(engine, clock.now)
  const person = await store.call<Person>('people:create', personFields())
  const forPerson = () => store.call<PersonSignposting>('signposting:forPerson', { personId: person.id })
  const bereavement = (status: string, extra: Record<string, unknown> = {}) =>
    store.call<BereavementCounselling>('signposting:recordBereavement', { personId: person.id, status, ...extra })
  /**
   * A bereavement case with no offer written on it, as cases opened before the case form asked
   * for one are (the case form itself now refuses a bereavement case without an offer).
   */
  const bereavementCaseWithoutOffer = (id: string, openedOn: string, status = 'open') =>
    store.exec(
      "INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, opened_on, created_at, updated_at) VALUES (?, ?, 'bereavement', ?, ?, 'routine', ?, 't', 't')",
      id,
      person.id,
      store.userId(),
      status,
      openedOn
    )
  return { ...store, clock, person, forPerson, bereavement, bereavementCaseWithoutOffer }
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; code: string; fields?: string[] }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown as { message: string; code: string; fields?: string[] }
  )
  if (error === null) throw new Error('expected a refusal')
  return error
}

describe.each(engines)('support resources (%s)', (engine) => {
  it('start with the resources the guidance names, each with a description and where to find it, and no links', async () => {
    const { call } = await signpostingStore(engine)
    const resources = await call<SupportResource[]>('signposting:resources', {})
    expect(resources.map((r) => r.name)).toEqual([
      'Stress management toolkit',
      'Trauma risk management hub',
      'Digital learning: Stress and trauma level 1',
      'Resilience webinars – Keeping the Peace',
      'Self-care and resilience resources',
      'Support for communications roles',
      'Mindfulness resources',
      'Bereavement counselling',
      'Mental health awareness films',
      'National therapists’ network',
      'Officers and staff under investigation – guidance'
    ])
    for (const resource of resources) {
      expect(resource.description.length).toBeGreaterThan(10)
      expect(resource.whereToFind.length).toBeGreaterThan(5)
      expect(JSON.stringify(resource)).not.toMatch(/https?:|www\./)
    }
  })
})

describe.each(engines)('signposting a person (%s)', (engine) => {
  it('is one call with the resource and the person, dated today by the core, and shows in their history newest first', async () => {
    const { call, person, forPerson, clock, lock, signIn } = await signpostingStore(engine)
    expect((await forPerson()).records).toEqual([])
    const first = await call<SignpostingRecord>('signposting:record', { personId: person.id, resourceId: 'stress-management-toolkit' })
    expect(first).toMatchObject({
      personId: person.id,
      resourceId: 'stress-management-toolkit',
      resourceName: 'Stress management toolkit',
      signpostedOn: '2026-11-26',
      recordedByName: 'Alex Morgan'
    })
    // Late evening in London is still the same calendar day there (idle time locks the store: sign in again).
    await lock()
    clock.advance(14 * 60 * 60 * 1000 + 30 * 60 * 1000)
    await signIn(admin)
    const second = await call<SignpostingRecord>('signposting:record', { personId: person.id, resourceId: 'mindfulness-resources' })
    expect(second.signpostedOn).toBe('2026-11-26')
    const earlier = await call<SignpostingRecord>('signposting:record', {
      personId: person.id,
      resourceId: 'mental-health-awareness-films',
      signpostedOn: '2026-11-20'
    })
    expect(earlier.signpostedOn).toBe('2026-11-20')
    expect((await forPerson()).records.map((r) => r.resourceName)).toEqual([
      'Mindfulness resources',
      'Stress management toolkit',
      'Mental health awareness films'
    ])
  })

  it('refuses an unknown or retired resource, or a date in the future, by the field’s label, and records nothing', async () => {
    const { call, person, forPerson } = await signpostingStore(engine)
    await call('signposting:setResourceRetired', { id: 'mindfulness-resources', retired: true })
    for (const resourceId of ['nowhere', 'mindfulness-resources']) {
      expect(await refusal(call('signposting:record', { personId: person.id, resourceId }))).toMatchObject({
        message: 'Choose the support resource from the list.',
        fields: ['resourceId']
      })
    }
    expect(
      await refusal(
        call('signposting:record', { personId: person.id, resourceId: 'stress-management-toolkit', signpostedOn: '2026-11-27' })
      )
    ).toMatchObject({ message: 'The date signposted cannot be in the future.', fields: ['signpostedOn'] })
    expect((await forPerson()).records).toEqual([])
  })

  it('is append-only: the database refuses to change or remove a record', async () => {
    const { call, person, exec, forPerson } = await signpostingStore(engine)
    await call('signposting:record', { personId: person.id, resourceId: 'stress-management-toolkit' })
    await expect(exec('UPDATE signposting_records SET resource_id = ?', 'mindfulness-resources')).rejects.toThrow(
      /cannot be changed or removed/
    )
    await expect(exec('DELETE FROM signposting_records')).rejects.toThrow(/cannot be changed or removed/)
    expect((await forPerson()).records.map((r) => r.resourceId)).toEqual(['stress-management-toolkit'])
  })
})

describe.each(engines)('bereavement counselling (%s)', (engine) => {
  it('refuses accepted or declined before an offer, in plain words, writing nothing', async () => {
    const { bereavement, forPerson } = await signpostingStore(engine)
    expect((await forPerson()).bereavement).toEqual({ status: null, nextStatuses: ['offered'], notYetOffered: false, history: [] })
    expect(await refusal(bereavement('accepted'))).toMatchObject({
      code: 'conflict',
      message: 'Record that bereavement counselling was offered before recording that it was accepted.',
      fields: ['status']
    })
    expect((await refusal(bereavement('declined'))).message).toBe(
      'Record that bereavement counselling was offered before recording that it was declined.'
    )
    expect((await forPerson()).bereavement.history).toEqual([])
  })

  it('records offered then accepted, the latest entry being the status, with the history newest first', async () => {
    const { bereavement, forPerson } = await signpostingStore(engine)
    const offered = await bereavement('offered', { happenedOn: '2026-11-24' })
    expect(offered).toMatchObject({ status: 'offered', nextStatuses: ['offered', 'accepted', 'declined'] })
    expect(await refusal(bereavement('accepted', { happenedOn: '2026-11-23' }))).toMatchObject({
      message: 'The date it happened cannot be before the last bereavement counselling entry (24 Nov 2026).',
      fields: ['happenedOn']
    })
    expect(await refusal(bereavement('accepted', { happenedOn: '2026-11-27' }))).toMatchObject({
      message: 'The date it happened cannot be in the future.',
      fields: ['happenedOn']
    })
    const accepted = await bereavement('accepted')
    expect(accepted.status).toBe('accepted')
    expect(accepted.nextStatuses).toEqual(['offered', 'declined'])
    expect(accepted.history.map((entry) => [entry.status, entry.happenedOn, entry.recordedByName])).toEqual([
      ['accepted', '2026-11-26', 'Alex Morgan'],
      ['offered', '2026-11-24', 'Alex Morgan']
    ])
    expect((await refusal(bereavement('accepted'))).message).toBe('Bereavement counselling is already recorded as accepted.')
    expect((await forPerson()).bereavement.history).toHaveLength(2)
  })

  it('offers again on a later day, but not twice on the same day', async () => {
    const { bereavement, forPerson, clock } = await signpostingStore(engine)
    const offered = await bereavement('offered')
    expect(offered.nextStatuses).toEqual(['accepted', 'declined'])
    expect(await refusal(bereavement('offered'))).toMatchObject({
      message: 'Bereavement counselling is already recorded as offered on that day.',
      fields: ['status']
    })
    // Backdated to the same day as the offer: still a repeat.
    expect((await refusal(bereavement('offered', { happenedOn: '2026-11-26' }))).message).toBe(
      'Bereavement counselling is already recorded as offered on that day.'
    )
    expect((await forPerson()).bereavement.history).toHaveLength(1)
    // A minute between entries, so the newest is the latest recorded (the history's order on one day).
    clock.advance(60_000)
    const declined = await bereavement('declined')
    expect(declined.nextStatuses).toEqual(['offered', 'accepted'])
    // After a decline, offering again the same day is a new offer.
    clock.advance(60_000)
    expect((await bereavement('offered')).history.map((entry) => entry.status)).toEqual(['offered', 'declined', 'offered'])
  })

  it('is "not yet offered" for an open bereavement case with no offer, and no longer once it is offered', async () => {
    const { call, person, bereavement, bereavementCaseWithoutOffer, forPerson } = await signpostingStore(engine)
    const overview = () => call<PersonOverview>('people:overview', { id: person.id })
    // Another reason for a case does not call for bereavement counselling.
    await call<CaseRecord>('cases:open', { personId: person.id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
    expect((await overview()).bereavementCounsellingNotYetOffered).toBe(false)
    expect((await forPerson()).bereavement.notYetOffered).toBe(false)

    await bereavementCaseWithoutOffer('c-bereavement', '2026-11-25')
    expect((await overview()).bereavementCounsellingNotYetOffered).toBe(true)
    expect((await forPerson()).bereavement.notYetOffered).toBe(true)

    const offered = await bereavement('offered')
    expect(offered.notYetOffered).toBe(false)
    // No case named: the core links the entry to the open bereavement case.
    expect(offered.history[0]?.caseId).toBe('c-bereavement')
    expect((await overview()).bereavementCounsellingNotYetOffered).toBe(false)
  })

  it('an offer made before the bereavement case opened does not count for it; one on or after the day it opened does', async () => {
    const { call, person, bereavement, bereavementCaseWithoutOffer } = await signpostingStore(engine)
    await bereavement('offered', { happenedOn: '2026-10-01' })
    await bereavementCaseWithoutOffer('c-later', '2026-11-20')
    const overview = () => call<PersonOverview>('people:overview', { id: person.id })
    expect((await overview()).bereavementCounsellingNotYetOffered).toBe(true)
    await bereavement('offered', { happenedOn: '2026-11-20' })
    expect((await overview()).bereavementCounsellingNotYetOffered).toBe(false)
  })

  it('a closed bereavement case, or one whose offer was written on the case, is not "not yet offered"', async () => {
    const { call, person, bereavementCaseWithoutOffer } = await signpostingStore(engine)
    await bereavementCaseWithoutOffer('c-closed', '2026-11-01', 'closed')
    await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'bereavement',
      priority: 'soon',
      nextReviewDate: null,
      pathway: { bereavement: { counsellingOfferedOn: '2026-11-26', response: 'awaiting' } }
    })
    expect((await call<PersonOverview>('people:overview', { id: person.id })).bereavementCounsellingNotYetOffered).toBe(false)
  })

  it('an offer and answer written on a bereavement case go into the counselling history once, in order', async () => {
    const { call, person, forPerson } = await signpostingStore(engine)
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'bereavement',
      priority: 'soon',
      nextReviewDate: null,
      pathway: { bereavement: { counsellingOfferedOn: '2026-11-20', response: 'awaiting' } }
    })
    const history = async () => (await forPerson()).bereavement.history.map((entry) => [entry.status, entry.happenedOn, entry.caseId])
    expect(await history()).toEqual([['offered', '2026-11-20', opened.id]])
    expect((await forPerson()).bereavement.status).toBe('offered')
    // The answer, recorded on the case later: one more entry, the offer not repeated.
    await call('cases:update', { id: opened.id, pathway: { bereavement: { counsellingOfferedOn: '2026-11-20', response: 'accepted' } } })
    // The answer is dated the day it was recorded on the case (the store's today), after the offer.
    expect(await history()).toEqual([
      ['accepted', '2026-11-26', opened.id],
      ['offered', '2026-11-20', opened.id]
    ])
    expect((await forPerson()).bereavement.status).toBe('accepted')
    // Saving the case again with the same offer adds nothing.
    await call('cases:update', { id: opened.id, priority: 'routine' })
    expect(await history()).toHaveLength(2)
  })

  it('refuses an offer of counselling dated in the future, on a new case or a changed one, and writes nothing', async () => {
    const { call, raw, person, forPerson } = await signpostingStore(engine)
    const future = { bereavement: { counsellingOfferedOn: '2026-11-27', response: 'awaiting' } }
    const open = { personId: person.id, reason: 'bereavement', priority: 'soon', nextReviewDate: null }
    expect(await raw('cases:open', { ...open, pathway: future })).toMatchObject({
      ok: false,
      error: { fields: ['pathway.bereavement'], message: 'The date counselling was offered cannot be in the future.' }
    })
    const opened = await call<CaseRecord>('cases:open', {
      ...open,
      pathway: { bereavement: { counsellingOfferedOn: '2026-11-26', response: 'awaiting' } }
    })
    expect(await raw('cases:update', { id: opened.id, pathway: future })).toMatchObject({
      ok: false,
      error: { fields: ['pathway.bereavement'] }
    })
    expect((await forPerson()).bereavement.history.map((entry) => entry.happenedOn)).toEqual(['2026-11-26'])
  })

  it('refuses a case belonging to someone else', async () => {
    const { call, person, bereavement, forPerson } = await signpostingStore(engine)
    const other = await call<Person>('people:create', personFields({ staffNumber: 'PC9999', givenName: 'Owen', familyName: 'Price' }))
    const theirCase = await call<CaseRecord>('cases:open', {
      personId: other.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null
    })
    expect(await refusal(bereavement('offered', { caseId: theirCase.id }))).toMatchObject({
      message: 'That case belongs to someone else.',
      fields: ['caseId']
    })
    expect((await forPerson()).bereavement.history).toEqual([])
    expect(person.id).not.toBe(other.id)
  })
})

describe.each(engines)('need-to-know on signposting (%s)', (engine) => {
  it('a clinician not named on a restricted person can neither read nor record their signposting or bereavement counselling', async () => {
    const store = await restrictedStore(engine)
    for (const attempt of [
      () => store.call('signposting:forPerson', { personId: store.restricted.id }),
      () => store.call('signposting:record', { personId: store.restricted.id, resourceId: 'stress-management-toolkit' }),
      () => store.call('signposting:recordBereavement', { personId: store.restricted.id, status: 'offered' })
    ]) {
      expect((await refusal(attempt())).message).toBe('This record is restricted to named clinicians.')
    }
    await store.signInAsAdmin()
    expect(await store.call<PersonSignposting>('signposting:forPerson', { personId: store.restricted.id })).toMatchObject({
      records: [],
      bereavement: { status: null, history: [] }
    })
    expect(await store.rows('SELECT CAST(count(*) AS INTEGER) AS n FROM signposting_records')).toEqual([{ n: 0 }])
    expect(await store.rows('SELECT CAST(count(*) AS INTEGER) AS n FROM bereavement_counselling')).toEqual([{ n: 0 }])
  })
})

describe.each(engines)('the audit of signposting (%s)', (engine) => {
  it('holds the action and the record’s id, never the resource, the answer or any text', async () => {
    const { call, person, bereavement, rows } = await signpostingStore(engine)
    const record = await call<SignpostingRecord>('signposting:record', { personId: person.id, resourceId: 'bereavement-counselling' })
    await bereavement('offered')
    await bereavement('declined')
    const entries = await rows<{ action: string; entity_type: string; entity_id: string | null; detail: string | null }>(
      "SELECT * FROM audit_log WHERE action IN ('signposting.recorded', 'bereavement-counselling.recorded') ORDER BY seq"
    )
    expect(entries.map((e) => [e.action, e.entity_type, e.detail])).toEqual([
      ['signposting.recorded', 'signposting', null],
      ['bereavement-counselling.recorded', 'bereavement-counselling', null],
      ['bereavement-counselling.recorded', 'bereavement-counselling', null]
    ])
    expect(entries[0]?.entity_id).toBe(record.id)
    // Everything but the action and entity kind: ids, times and hashes only.
    const text = JSON.stringify(entries.map(({ action: _action, entity_type: _type, ...rest }) => rest))
    for (const secret of ['bereavement', 'Bereavement', 'offered', 'declined', 'Evans', 'PC4321']) expect(text).not.toContain(secret)
  })
})

describe.each(engines)('the support resources catalogue (%s)', (engine) => {
  it('administrators add, rename and retire resources; one in use is retired, never deleted, and stays in the history', async () => {
    const { call, person, forPerson } = await signpostingStore(engine)
    const added = await call<CatalogueResource>('signposting:saveResource', {
      name: 'Force wellbeing dog visits',
      description: 'Visits from the force wellbeing dogs.',
      whereToFind: 'Wellbeing team intranet page'
    })
    expect(added).toMatchObject({ name: 'Force wellbeing dog visits', retired: false, timesUsed: 0 })
    expect((await call<SupportResource[]>('signposting:resources', {})).at(-1)?.name).toBe('Force wellbeing dog visits')
    expect(
      await refusal(call('signposting:saveResource', { name: 'MINDFULNESS RESOURCES', description: 'd', whereToFind: 'w' }))
    ).toMatchObject({ message: 'There is already a support resource called MINDFULNESS RESOURCES.', fields: ['name'] })
    const renamed = await call<CatalogueResource>('signposting:saveResource', {
      id: added.id,
      name: 'Wellbeing dogs',
      description: 'Visits from the force wellbeing dogs.',
      whereToFind: 'Wellbeing team'
    })
    expect(renamed.name).toBe('Wellbeing dogs')

    await call('signposting:record', { personId: person.id, resourceId: added.id })
    expect(await refusal(call('signposting:deleteResource', { id: added.id }))).toMatchObject({
      code: 'conflict',
      message: 'People have been signposted to Wellbeing dogs, so it cannot be deleted. Retire it instead: it stays in their history.'
    })
    const retired = await call<CatalogueResource>('signposting:setResourceRetired', { id: added.id, retired: true })
    expect(retired).toMatchObject({ retired: true, timesUsed: 1 })
    expect((await call<SupportResource[]>('signposting:resources', {})).map((r) => r.id)).not.toContain(added.id)
    expect((await forPerson()).records.map((r) => r.resourceName)).toEqual(['Wellbeing dogs'])

    const unused = await call<CatalogueResource>('signposting:saveResource', { name: 'Spare', description: 'd', whereToFind: 'w' })
    expect(await call('signposting:deleteResource', { id: unused.id })).toEqual({ id: unused.id })
    expect((await call<CatalogueResource[]>('signposting:catalogue', {})).map((r) => r.id)).not.toContain(unused.id)
  })

  it('is refused to a clinician who is not an administrator, changing nothing', async () => {
    const store = await restrictedStore(engine)
    for (const [channel, input] of [
      ['signposting:catalogue', {}],
      ['signposting:saveResource', { name: 'X', description: 'd', whereToFind: 'w' }],
      ['signposting:setResourceRetired', { id: 'mindfulness-resources', retired: true }],
      ['signposting:deleteResource', { id: 'mindfulness-resources' }]
    ] as const) {
      expect(await store.raw(channel, input)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'Your role does not allow this.' }
      })
    }
    expect((await store.call<SupportResource[]>('signposting:resources', {})).map((r) => r.id)).toContain('mindfulness-resources')
  })
})
