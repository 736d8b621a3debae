import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import type { PersonOverview } from '../../shared/contract/person-overview'
import { personFields } from '../fixtures/caseload'
import { officeAdmin, priya, reporter, teamStoreOn, tom } from '../fixtures/team'
import { engines, useEngineStores } from '../fixtures/engines'

const stores = useEngineStores()

describe.each(engines)('the person overview (%s)', (engine) => {
  it('leads with open alerts, the open case and who holds it, the latest results with bands, due tasks and what is due next', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.signIn(priya)
    const { person } = team
    await team.call('screening:save', {
      personId: person.id,
      sittingDate: '2026-05-02',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1] }]
    })
    const opened = await team.call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'post-incident',
      priority: 'urgent',
      nextReviewDate: '2026-12-03'
    })
    await team.call('tasks:create', { title: 'Chase GP letter', dueDate: '2026-11-20', personId: person.id, caseId: opened.id })
    await team.call('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-25',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'phq9', answers: [3, 3, 2, 2, 1, 1, 1, 1, 1] }]
    })
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note: 'Going on leave.' })
    await team.signIn(tom)

    const overview = await team.call<PersonOverview>('people:overview', { id: person.id })
    expect(overview.person).toMatchObject({ id: person.id, staffNumber: 'PC4321' })
    expect(overview.openAlerts.map((a) => a.message)).toEqual(['PHQ-9 item 9 answered “Several days”'])
    expect(overview.openCases).toEqual([
      expect.objectContaining({
        id: opened.id,
        status: 'open',
        nextReviewDate: '2026-12-03',
        assignedClinicianName: 'Tom Whitfield',
        openedByName: 'Priya Shah'
      })
    ])
    expect(overview.latestResults).toEqual([
      expect.objectContaining({
        instrument: 'phq9',
        sittingDate: '2026-11-25',
        total: 15,
        band: 'moderately severe',
        rag: 'red',
        complete: true
      }),
      expect.objectContaining({ instrument: 'gad7', sittingDate: '2026-05-02', total: 7, band: 'mild', rag: 'green', complete: true })
    ])
    expect(overview.dueTasks[0]).toMatchObject({ title: 'Chase GP letter', dueDate: '2026-11-20', assigneeName: 'Tom Whitfield' })
    expect(overview.dueTasks.map((t) => t.dueDate)).toEqual([...overview.dueTasks.map((t) => t.dueDate)].sort())
    expect(overview.dueTasksTotal).toBe(overview.dueTasks.length)
    expect(overview.nextReview).toEqual({ date: '2026-12-03', caseId: opened.id, overdue: false })
    // Firearms is recalled every 12 months from the last complete sitting.
    expect(overview.nextScreening).toEqual({ status: 'due', dueDate: '2027-11-25', overdue: false })
  })

  it('shows what an incomplete questionnaire’s answers reach, with its own colour, never its sitting’s', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.signIn(priya)
    const { person } = team
    // PHQ-9 item 9 makes the sitting red; the GAD-7 beside it is unfinished and low.
    await team.call('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-25',
      mode: 'clinician-entered',
      results: [
        { kind: 'items', instrument: 'phq9', answers: [3, 3, 2, 2, 1, 1, 1, 1, 1] },
        { kind: 'items', instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, null] }
      ]
    })
    const overview = await team.call<PersonOverview>('people:overview', { id: person.id })
    const phq9 = overview.latestResults.find((result) => result.instrument === 'phq9')
    const gad7 = overview.latestResults.find((result) => result.instrument === 'gad7')
    expect(phq9).toMatchObject({ instrument: 'phq9', complete: true, rag: 'red', answeredFloor: null })
    expect(gad7).toMatchObject({ instrument: 'gad7', complete: false, answeredFloor: { total: 0, band: 'minimal', answered: 6, items: 7 } })
    // Not the sitting's red, and never green: incomplete is at least amber.
    expect(gad7?.rag).toBe('amber')
    expect(gad7?.ragReason ?? '').not.toMatch(/PHQ-9/)
  })

  it('says when someone has never been screened, has left, or is not recalled', async () => {
    const team = await teamStoreOn(stores, engine)
    const never = await team.call<PersonOverview>('people:overview', { id: team.person.id })
    expect(never.nextScreening).toEqual({ status: 'never-screened', dueDate: null, overdue: true })
    expect(never).toMatchObject({ openAlerts: [], openCases: [], latestResults: [], dueTasks: [], dueTasksTotal: 0, nextReview: null })
    const leaver = await team.call<Person>('people:create', personFields({ staffNumber: 'PC2', leavingDate: '2026-10-01' }))
    expect((await team.call<PersonOverview>('people:overview', { id: leaver.id })).nextScreening.status).toBe('left')
    const noRole = await team.call<Person>('people:create', personFields({ staffNumber: 'PC3', roleId: null }))
    expect((await team.call<PersonOverview>('people:overview', { id: noRole.id })).nextScreening.status).toBe('not-recalled')
  })

  it('is a view of the record: one audit entry with no content, as opening the record is', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.call('people:overview', { id: team.person.id })
    const views = await team.rows("SELECT actor_id, entity_id, detail FROM audit_log WHERE action = 'person.viewed'")
    expect(views).toEqual([{ actor_id: team.ids.alex, entity_id: team.person.id, detail: null }])
    for (const value of ['Siân', 'Evans', 'PC4321']) expect(await team.auditText()).not.toContain(value)
  })

  it('gives nobody more than the record itself would: other roles and clinicians not named on a restricted record are refused', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.add(reporter as never)
    await team.add(officeAdmin as never)
    const hidden = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC9001', givenName: 'Hana', familyName: 'Reid', restricted: true, namedClinicianIds: [team.ids.priya] })
    )
    await team.signIn(priya)
    await team.call('cases:open', { personId: hidden.id, reason: 'self-referral', priority: 'routine', nextReviewDate: '2026-12-10' })
    expect((await team.call<PersonOverview>('people:overview', { id: hidden.id })).openCases).toHaveLength(1)

    for (const who of [reporter, officeAdmin]) {
      await team.signIn(who)
      for (const id of [team.person.id, hidden.id]) {
        expect(await team.raw('people:overview', { id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
        expect(await team.raw('people:get', { id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      }
    }
    await team.signIn(tom)
    const refused = await team.raw('people:overview', { id: hidden.id })
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', message: 'This record is restricted to named clinicians.' })
    })
    expect(JSON.stringify(refused)).not.toContain('Reid')
    expect(await team.rows("SELECT actor_id FROM audit_log WHERE action = 'person.view-refused' AND entity_id = ?", hidden.id)).toEqual([
      { actor_id: team.ids.tom }
    ])
    expect(
      await team.rows(
        "SELECT CAST(count(*) AS INTEGER) AS n FROM audit_log WHERE action = 'person.viewed' AND entity_id = ? AND actor_id = ?",
        hidden.id,
        team.ids.tom
      )
    ).toEqual([{ n: 0 }])
    expect(await team.raw('people:overview', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' }
    })
  })
})
