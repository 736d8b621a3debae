import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Incident, IncidentCategory, IncidentSaved, PersonExposures } from '../../shared/contract/incidents'
import type { Person } from '../../shared/contract/people'
import type { Task } from '../../shared/contract/tasks'
import { nurse, personFields } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine, type EngineStore } from '../fixtures/engines'
import { restrictedOn } from '../fixtures/restricted'
import { admin, manualClock } from '../fixtures/store'

const stores = useEngineStores()
const day = 24 * 60 * 60 * 1000

/** How many rows a table holds, read as the store's owner. */
async function countOf(store: EngineStore, table: string): Promise<number> {
  const [row] = await store.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`)
  return row?.n ?? 0
}

/** The restricted-person store (restricted.ts) with Sam signed in. */
async function restrictedStore(engine: Engine) {
  const store = await restrictedOn(await stores(engine))
  await store.signInAsSam()
  return store
}

/** A store on 26 Nov 2026 with three people: PC4321 Siân Evans, PC5555 Owen Price, PS0077 Ade Bello. */
async function incidentStore(engine: Engine) {
  const clock = manualClock(new Date('2026-11-26T09:00:00Z'))
  const store = await stores(engine, clock.now)
  const sian = await store.call<Person>('people:create', personFields())
  const owen = await store.call<Person>('people:create', personFields({ staffNumber: 'PC5555', givenName: 'Owen', familyName: 'Price' }))
  const ade = await store.call<Person>('people:create', personFields({ staffNumber: 'PS0077', givenName: 'Ade', familyName: 'Bello' }))
  const later = async (days: number) => {
    await store.lock()
    clock.advance(days * day)
    await store.signIn(admin)
  }
  const count = (table: string) => countOf(store, table)
  const reviewTasks = () =>
    store.rows<{ person_id: string; title: string; assignee_id: string; case_id: string | null; due_date: string }>(
      "SELECT person_id, title, assignee_id, case_id, due_date FROM tasks WHERE source = 'rule:exposure-review' ORDER BY created_at, title"
    )
  /** Logs an incident for these people (by person id), low intensity, attended. */
  const log = (occurredOn: string, people: Person[], over: { categoryId?: string; intensity?: string; reference?: string } = {}) =>
    store.call<IncidentSaved>('incidents:create', {
      occurredOn,
      categoryId: over.categoryId ?? 'sudden-death',
      reference: over.reference ?? 'CAD 1234',
      attendees: people.map((p) => ({ personId: p.id, part: 'attended', intensity: over.intensity ?? 'low', hoursReviewed: null }))
    })
  return { ...store, clock, later, sian, owen, ade, count, reviewTasks, log }
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fields?: string[]; code?: string }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown as { message: string; fields?: string[] }
  )
  if (error === null) throw new Error('expected a refusal')
  return error
}

describe.each(engines)('the incident categories (%s)', (engine) => {
  it('start with the guidance’s list and weights, in order', async () => {
    const { call } = await incidentStore(engine)
    const categories = await call<IncidentCategory[]>('incidents:categories', {})
    expect(categories.map((c) => c.name)).toEqual([
      'Death of a child',
      'Sudden death',
      'Suicide',
      'Fatal road collision',
      'Serious assault on an officer',
      'Firearms discharge',
      'Mass casualty',
      'Indecent image review',
      'Death of a colleague',
      'Other'
    ])
    expect(categories[0]).toMatchObject({ weight: 5, retired: false })
  })

  it('an administrator adds, reweights and retires one; a retired category is not offered and cannot be chosen', async () => {
    const { call, sian, count } = await incidentStore(engine)
    const added = await call<IncidentCategory>('incidents:saveCategory', { id: null, name: 'Hostage incident', weight: 6, retired: false })
    expect(added).toMatchObject({ name: 'Hostage incident', weight: 6, retired: false })
    expect((await call<IncidentCategory[]>('incidents:categories', {})).at(-1)?.name).toBe('Hostage incident')
    const refused = await refusal(call('incidents:saveCategory', { id: null, name: 'SUICIDE', weight: 3, retired: false }))
    expect(refused).toMatchObject({ message: 'There is already a category called SUICIDE.', fields: ['name'] })
    await call('incidents:saveCategory', { id: added.id, name: 'Hostage incident', weight: 6, retired: true })
    expect((await call<IncidentCategory[]>('incidents:categories', {})).map((c) => c.name)).not.toContain('Hostage incident')
    expect((await call<IncidentCategory[]>('incidents:categories', { includeRetired: true })).map((c) => c.name)).toContain(
      'Hostage incident'
    )
    const notOffered = await refusal(
      call('incidents:create', {
        occurredOn: '2026-11-26',
        categoryId: added.id,
        reference: 'CAD 1',
        attendees: [{ personId: sian.id, part: 'attended', intensity: 'low', hoursReviewed: null }]
      })
    )
    expect(notOffered).toMatchObject({ message: 'Choose the category from the list.', fields: ['categoryId'] })
    expect(await count('incidents')).toBe(0)
  })

  it('only administrators change the catalogue', async () => {
    const store = await restrictedStore(engine)
    const refused = await store.raw('incidents:saveCategory', { id: 'suicide', name: 'Suicide', weight: 1, retired: false })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await store.rows("SELECT weight FROM incident_categories WHERE id = 'suicide'")).toEqual([{ weight: 4 }])
  })
})

describe.each(engines)('logging an incident (%s)', (engine) => {
  it('saves the incident with three attendees, by search and by pasted staff number, each with their part and intensity', async () => {
    const { call, sian, owen, ade } = await incidentStore(engine)
    const saved = await call<IncidentSaved>('incidents:create', {
      occurredOn: '2026-11-25',
      categoryId: 'fatal-road-collision',
      reference: 'CAD 4471 A38',
      attendees: [
        { personId: sian.id, part: 'attended', intensity: 'high', hoursReviewed: null },
        { staffNumber: 'pc5555', part: 'supervisor', intensity: 'medium', hoursReviewed: null },
        { staffNumber: 'PS0077', part: 'viewed-material', intensity: 'low', hoursReviewed: 3.5 }
      ]
    })
    expect(saved).toMatchObject({ occurredOn: '2026-11-25', categoryName: 'Fatal road collision', reference: 'CAD 4471 A38' })
    expect(saved.exposures).toEqual([
      { personId: ade.id, personName: 'Ade Bello', staffNumber: 'PS0077', part: 'viewed-material', intensity: 'low', hoursReviewed: 3.5 },
      { personId: sian.id, personName: 'Siân Evans', staffNumber: 'PC4321', part: 'attended', intensity: 'high', hoursReviewed: null },
      { personId: owen.id, personName: 'Owen Price', staffNumber: 'PC5555', part: 'supervisor', intensity: 'medium', hoursReviewed: null }
    ])
    expect(saved.reviewsRaised).toEqual([])
    const recent = await call<Incident[]>('incidents:recent', {})
    expect(recent.map((i) => i.id)).toEqual([saved.id])

    const history = await call<PersonExposures>('incidents:forPerson', { personId: sian.id })
    expect(history.history).toEqual([
      {
        incidentId: saved.id,
        occurredOn: '2026-11-25',
        categoryName: 'Fatal road collision',
        reference: 'CAD 4471 A38',
        part: 'attended',
        intensity: 'high',
        hoursReviewed: null,
        weighted: 12
      }
    ])
    expect(history.load).toMatchObject({ last30Days: { count: 1, weighted: 12 }, last12Months: { count: 1, weighted: 12 }, fired: [] })
    expect((await call<PersonExposures>('incidents:forPerson', { personId: ade.id })).load.last30Days.hours).toBe(3.5)
  })

  it('refuses a pasted list with unknown staff numbers, naming every one, and saves nothing', async () => {
    const { call, sian, count, rows } = await incidentStore(engine)
    const auditBefore = await count('audit_log')
    const refused = await refusal(
      call('incidents:create', {
        occurredOn: '2026-11-26',
        categoryId: 'suicide',
        reference: 'CAD 9',
        attendees: [
          { personId: sian.id, part: 'attended', intensity: 'low', hoursReviewed: null },
          { staffNumber: 'PC5555', part: 'attended', intensity: 'low', hoursReviewed: null },
          { staffNumber: 'PC0001', part: 'attended', intensity: 'low', hoursReviewed: null },
          { staffNumber: 'X99', part: 'attended', intensity: 'low', hoursReviewed: null }
        ]
      })
    )
    expect(refused).toMatchObject({
      message: 'No one Harbour can show you has these staff numbers: PC0001, X99. Check them, or add the people first. Nothing was saved.',
      fields: ['attendees']
    })
    expect([await count('incidents'), await count('exposures'), await count('tasks')]).toEqual([0, 0, 0])
    expect(await count('audit_log')).toBe(auditBefore)
    expect(
      await rows("SELECT CAST(count(*) AS INTEGER) AS n FROM audit_log WHERE action LIKE 'incident%' OR action LIKE 'exposure%'")
    ).toEqual([{ n: 0 }])
  })

  it('matches pasted staff numbers (lines, commas, any case, repeats once) and lists the unknown ones', async () => {
    const { call, sian, owen } = await incidentStore(engine)
    const matched = await call<{ people: { id: string }[] }>('incidents:matchStaffNumbers', { staffNumbers: 'pc4321\nPC5555, PC4321 ' })
    expect(matched.people.map((p) => p.id)).toEqual([sian.id, owen.id])
    const refused = await refusal(call('incidents:matchStaffNumbers', { staffNumbers: 'PC4321\nPC0001' }))
    expect(refused).toMatchObject({
      message: 'No one Harbour can show you has the staff number PC0001. Check it, or add the person first.',
      fields: ['staffNumbers']
    })
  })

  it('reads a control room list: collar numbers written with a space, ranks and names left out and said so', async () => {
    const { call, sian, owen, ade } = await incidentStore(engine)
    const matched = await call<{ people: { id: string }[]; ignored: string[] }>('incidents:matchStaffNumbers', {
      staffNumbers: 'PC 4321 Siân Evans\nSgt PS 0077; pc 5555'
    })
    expect(matched.people.map((p) => p.id)).toEqual([sian.id, ade.id, owen.id])
    expect(matched.ignored).toEqual(['Siân', 'Evans', 'Sgt'])
    expect((await call<{ ignored: string[] }>('incidents:matchStaffNumbers', { staffNumbers: 'PC4321' })).ignored).toEqual([])
    // A part with a digit that names no one is never left out quietly, even next to a word.
    expect(await refusal(call('incidents:matchStaffNumbers', { staffNumbers: 'PC 4321\nPC 9999' }))).toMatchObject({
      message: 'No one Harbour can show you has the staff number 9999. Check it, or add the person first.',
      fields: ['staffNumbers']
    })
    expect(await refusal(call('incidents:matchStaffNumbers', { staffNumbers: 'Sgt Evans' }))).toMatchObject({
      message: 'There are no staff numbers in what was pasted. Paste the staff or collar numbers.',
      fields: ['staffNumbers']
    })
  })

  it('says a date is in the future together with the form’s other problems, before anyone is added', async () => {
    const { call, count } = await incidentStore(engine)
    const refused = (await refusal(
      call('incidents:create', { occurredOn: '2026-11-27', categoryId: '', reference: 'CAD 1', attendees: [] })
    )) as { problems?: { field: string; message: string }[] }
    expect(refused.problems).toEqual(
      expect.arrayContaining([
        { field: 'occurredOn', message: 'The date of the incident cannot be in the future.' },
        { field: 'categoryId', message: 'Choose the category' },
        { field: 'attendees', message: 'Add at least one person exposed' }
      ])
    )
    // Today is not in the future: only the other problems are named.
    const today = (await refusal(
      call('incidents:create', { occurredOn: '2026-11-26', categoryId: '', reference: 'CAD 1', attendees: [] })
    )) as {
      problems?: { field: string }[]
    }
    expect(today.problems?.map((p) => p.field)).not.toContain('occurredOn')
    expect(await count('incidents')).toBe(0)
  })

  it('refuses a future date, a person listed twice, and a person already on the incident, saving nothing', async () => {
    const { call, log, sian, owen, count } = await incidentStore(engine)
    const future = await refusal(log('2026-11-27', [sian]))
    expect(future).toMatchObject({ message: 'The date of the incident cannot be in the future.', fields: ['occurredOn'] })
    const twice = await refusal(
      call('incidents:create', {
        occurredOn: '2026-11-26',
        categoryId: 'suicide',
        reference: 'CAD 9',
        attendees: [
          { personId: sian.id, part: 'attended', intensity: 'low', hoursReviewed: null },
          { staffNumber: 'PC4321', part: 'aftermath', intensity: 'low', hoursReviewed: null }
        ]
      })
    )
    expect(twice).toMatchObject({ message: 'Siân Evans is listed more than once. List each person once.', fields: ['attendees'] })
    expect(await count('incidents')).toBe(0)
    const saved = await log('2026-11-26', [sian])
    const again = await refusal(
      call('incidents:addExposures', {
        incidentId: saved.id,
        attendees: [
          { personId: owen.id, part: 'call-handler', intensity: 'low', hoursReviewed: null },
          { personId: sian.id, part: 'attended', intensity: 'low', hoursReviewed: null }
        ]
      })
    )
    expect(again).toMatchObject({ message: 'Already recorded on this incident: Siân Evans. Nothing was saved.', fields: ['attendees'] })
    expect(await count('exposures')).toBe(1)
    const added = await call<IncidentSaved>('incidents:addExposures', {
      incidentId: saved.id,
      attendees: [{ personId: owen.id, part: 'call-handler', intensity: 'low', hoursReviewed: null }]
    })
    expect(added.exposures.map((e) => [e.personName, e.part])).toEqual([
      ['Siân Evans', 'attended'],
      ['Owen Price', 'call-handler']
    ])
  })
})

describe.each(engines)('exposure load and threshold review tasks (%s)', (engine) => {
  it('raises no task below the threshold, and one task naming the rule when it is met, once per window', async () => {
    const { call, log, sian, owen, reviewTasks, later, userId, addUser } = await incidentStore(engine)
    const adminId = userId()
    // Sam holds Siân's open case: the review goes to Sam.
    const sam = await addUser(nurse)
    const opened = await call<CaseRecord>('cases:open', {
      personId: sian.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null,
      assignedClinicianId: sam.id
    })
    await log('2026-11-01', [sian, owen])
    const second = await log('2026-11-20', [sian, owen])
    expect(second.reviewsRaised).toEqual([])
    expect(await reviewTasks()).toEqual([])

    const third = await log('2026-11-26', [sian])
    expect(third.reviewsRaised).toEqual([{ personId: sian.id, personName: 'Siân Evans', rule: '3 or more exposures in 30 days' }])
    expect(await reviewTasks()).toEqual([
      {
        person_id: sian.id,
        title: 'Review trauma exposure: 3 or more exposures in 30 days',
        assignee_id: sam.id,
        case_id: opened.id,
        due_date: '2026-12-03'
      }
    ])
    const load = await call<PersonExposures>('incidents:forPerson', { personId: sian.id })
    expect(load.load.last30Days).toMatchObject({ from: '2026-10-28', count: 3, weighted: 9 })
    expect(load.load.fired).toEqual([{ rule: 'count-30-days', label: '3 or more exposures in 30 days' }])
    // Owen, at two, has none.
    expect((await call<PersonExposures>('incidents:forPerson', { personId: owen.id })).load.fired).toEqual([])

    // A fourth in the same window: still one task.
    await later(2)
    const fourth = await log('2026-11-27', [sian])
    expect(fourth.reviewsRaised).toEqual([])
    expect(await reviewTasks()).toHaveLength(1)

    // Owen's third, with no open case: the review goes to the clinician recording.
    await log('2026-11-28', [owen])
    expect((await reviewTasks()).filter((t) => t.person_id === owen.id)).toEqual([
      expect.objectContaining({ assignee_id: adminId, case_id: null, title: 'Review trauma exposure: 3 or more exposures in 30 days' })
    ])

    // A month on, the old window has passed: three new exposures raise a new task.
    await later(31)
    for (const date of ['2026-12-27', '2026-12-28']) await log(date, [sian])
    expect((await reviewTasks()).filter((t) => t.person_id === sian.id)).toHaveLength(1)
    const next = await log('2026-12-29', [sian])
    expect(next.reviewsRaised.map((r) => r.rule)).toEqual(['3 or more exposures in 30 days'])
    expect((await reviewTasks()).filter((t) => t.person_id === sian.id)).toHaveLength(2)
    const tasks = await call<{ rows: Task[] }>('tasks:list', { view: 'person', personId: sian.id, page: { offset: 0, limit: 50 } })
    expect(tasks.rows.filter((t) => t.source === 'rule:exposure-review')).toHaveLength(2)
  })

  it('fires the weighted 12-month rule by category weight × intensity, and follows the thresholds setting', async () => {
    const { log, sian, owen, reviewTasks, exec } = await incidentStore(engine)
    // Death of a child (5) × high (3) = 15; twice = 30, the default threshold.
    await log('2026-01-10', [sian, owen], { categoryId: 'death-of-a-child', intensity: 'high' })
    expect(await reviewTasks()).toEqual([])
    await exec(
      "INSERT INTO settings (key, value) VALUES ('exposureThresholds', ?)",
      JSON.stringify({ countIn30Days: null, weightedIn12Months: 40 })
    )
    await log('2026-11-26', [sian], { categoryId: 'death-of-a-child', intensity: 'high' })
    expect(await reviewTasks()).toEqual([])
    await exec(
      "UPDATE settings SET value = ? WHERE key = 'exposureThresholds'",
      JSON.stringify({ countIn30Days: null, weightedIn12Months: 30 })
    )
    const saved = await log('2026-11-26', [owen], { categoryId: 'death-of-a-child', intensity: 'high', reference: 'CAD 2' })
    expect(saved.reviewsRaised).toEqual([{ personId: owen.id, personName: 'Owen Price', rule: 'Weighted load of 30 or more in 12 months' }])
    expect((await reviewTasks()).map((t) => [t.person_id, t.title])).toEqual([
      [owen.id, 'Review trauma exposure: Weighted load of 30 or more in 12 months']
    ])
  })

  it('shows the caseload a tag naming the rule on the case of a person whose threshold fired', async () => {
    const { call, log, sian, owen, exec } = await incidentStore(engine)
    await call('cases:open', { personId: sian.id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
    await call('cases:open', { personId: owen.id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
    for (const date of ['2026-11-24', '2026-11-25']) await log(date, [sian, owen])
    await log('2026-11-26', [sian])
    const caseload = await call<{ rows: { personId: string; exposureReview: string | null }[] }>('caseload:list', {})
    expect(caseload.rows.map((r) => [r.personId, r.exposureReview]).sort()).toEqual(
      [
        [sian.id, '3 or more exposures in 30 days'],
        [owen.id, null]
      ].sort()
    )

    // The tag comes from the review's rule key, not its title: a retitled task still names its rule.
    await exec(`UPDATE tasks SET title = 'Call Sian' WHERE source = 'rule:exposure-review'`)
    await exec(
      "INSERT INTO settings (key, value) VALUES ('exposureThresholds', ?)",
      JSON.stringify({ countIn30Days: 4, weightedIn12Months: 30 })
    )
    const again = await call<{ rows: { personId: string; exposureReview: string | null }[] }>('caseload:list', {})
    expect(again.rows.find((r) => r.personId === sian.id)?.exposureReview).toBe('4 or more exposures in 30 days')
    await exec(
      "UPDATE settings SET value = ? WHERE key = 'exposureThresholds'",
      JSON.stringify({ countIn30Days: null, weightedIn12Months: 30 })
    )
    const off = await call<{ rows: { personId: string; exposureReview: string | null }[] }>('caseload:list', {})
    expect(off.rows.find((r) => r.personId === sian.id)?.exposureReview).toBe('Exposures in 30 days')
  })
})

describe.each(engines)('need-to-know and the audit (%s)', (engine) => {
  it('keeps a restricted person’s exposures to their named clinicians, on every path, and saves nothing when refused', async () => {
    const store = await restrictedStore(engine)
    const count = (table: string) => countOf(store, table)
    await store.signInAsAdmin()
    const both = await store.call<IncidentSaved>('incidents:create', {
      occurredOn: '2026-11-26',
      categoryId: 'suicide',
      reference: 'CAD 77',
      attendees: [
        { personId: store.restricted.id, part: 'attended', intensity: 'high', hoursReviewed: null },
        { personId: store.open.id, part: 'attended', intensity: 'low', hoursReviewed: null }
      ]
    })
    expect(both.exposures).toHaveLength(2)

    await store.signInAsSam()
    // Sam sees the incident, but only the person Sam may see.
    const [seen] = await store.call<Incident[]>('incidents:recent', {})
    expect(seen?.exposures.map((e) => e.personId)).toEqual([store.open.id])
    expect((await refusal(store.call('incidents:forPerson', { personId: store.restricted.id }))).message).toBe(
      'This record is restricted to named clinicians.'
    )
    // By staff number the restricted person is not found, just as an unknown number.
    const byNumber = await refusal(
      store.call('incidents:create', {
        occurredOn: '2026-11-26',
        categoryId: 'suicide',
        reference: 'CAD 78',
        attendees: [
          { staffNumber: store.open.staffNumber, part: 'attended', intensity: 'low', hoursReviewed: null },
          { staffNumber: store.restricted.staffNumber, part: 'attended', intensity: 'low', hoursReviewed: null }
        ]
      })
    )
    expect(byNumber.message).toBe(
      `No one Harbour can show you has the staff number ${store.restricted.staffNumber}. Check it, or add the person first. Nothing was saved.`
    )
    const byId = await refusal(
      store.call('incidents:addExposures', {
        incidentId: both.id,
        attendees: [{ personId: store.restricted.id, part: 'aftermath', intensity: 'low', hoursReviewed: null }]
      })
    )
    expect(byId.message).toBe('This record is restricted to named clinicians.')
    expect(await refusal(store.call('incidents:matchStaffNumbers', { staffNumbers: store.restricted.staffNumber }))).toMatchObject({
      fields: ['staffNumbers']
    })
    expect([await count('incidents'), await count('exposures')]).toEqual([1, 2])
  })

  it('audits every write by action and id, never the reference, category or part', async () => {
    const { log, sian, owen, rows, call } = await incidentStore(engine)
    const saved = await log('2026-11-26', [sian], { reference: 'Harbour Road CAD 5150', categoryId: 'death-of-a-colleague' })
    await call('incidents:addExposures', {
      incidentId: saved.id,
      attendees: [{ personId: owen.id, part: 'viewed-material', intensity: 'high', hoursReviewed: 2 }]
    })
    await call('incidents:saveCategory', { id: 'other', name: 'Other', weight: 3, retired: false })
    const entries = await rows(
      `SELECT action, entity_type, entity_id, detail FROM audit_log
       WHERE action IN ('incident.created', 'exposure.recorded', 'incident.exposures-added', 'incident-category.changed') ORDER BY seq`
    )
    expect(entries).toEqual([
      { action: 'incident.created', entity_type: 'incident', entity_id: saved.id, detail: null },
      { action: 'exposure.recorded', entity_type: 'person', entity_id: sian.id, detail: null },
      { action: 'exposure.recorded', entity_type: 'person', entity_id: owen.id, detail: null },
      { action: 'incident.exposures-added', entity_type: 'incident', entity_id: saved.id, detail: null },
      { action: 'incident-category.changed', entity_type: 'incident-category', entity_id: 'other', detail: null }
    ])
    const all = JSON.stringify(await rows('SELECT * FROM audit_log'))
    // 'CAD 5150' with its space: four digits alone turn up by chance in the entries' hashes and signatures.
    for (const secret of ['Harbour Road', 'CAD 5150', 'colleague', 'viewed-material', 'attended']) expect(all).not.toContain(secret)
  })
})

describe.each(engines)('the exposure thresholds setting (%s)', (engine) => {
  it('an administrator changes the thresholds (blank switches a rule off); a bad value is refused at its field and changes nothing; clinicians cannot change them', async () => {
    const { call, raw, log, sian, reviewTasks, rows, addUser, signIn } = await incidentStore(engine)
    expect(await call('incidents:thresholds', {})).toEqual({ countIn30Days: 3, weightedIn12Months: 30 })
    expect(await call('incidents:setThresholds', { countIn30Days: 2, weightedIn12Months: null })).toEqual({
      countIn30Days: 2,
      weightedIn12Months: null
    })
    const refused = await refusal(call('incidents:setThresholds', { countIn30Days: 0, weightedIn12Months: null }))
    expect(refused).toMatchObject({ message: 'Exposures in 30 days must be 1 or more.', fields: ['countIn30Days'] })
    expect(await call('incidents:thresholds', {})).toEqual({ countIn30Days: 2, weightedIn12Months: null })
    await log('2026-11-20', [sian])
    const second = await log('2026-11-26', [sian])
    expect(second.reviewsRaised.map((r) => r.rule)).toEqual(['2 or more exposures in 30 days'])
    expect(await reviewTasks()).toHaveLength(1)
    const audit = await rows("SELECT detail FROM audit_log WHERE action = 'settings.changed'")
    expect(audit).toEqual([{ detail: 'exposureThresholds' }])

    // A clinician who is not an administrator, on the same store (a team server's logins are the cluster's: one store a test).
    await addUser(nurse)
    await signIn(nurse)
    expect(await raw('incidents:setThresholds', { countIn30Days: 1, weightedIn12Months: 1 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
  })
})
