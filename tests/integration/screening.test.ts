import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { Alert, DueRow, Screening } from '../../shared/contract/screening'
import type { Task } from '../../shared/contract/tasks'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const phq9 = (answers: (number | null)[]) => ({ kind: 'items', instrument: 'phq9', answers })

async function withPerson(overrides = {}) {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
  const store = await caseloadStore(tempFolder(), clock.now)
  const person = await store.call<Person>('people:create', personFields(overrides))
  return { ...store, clock, person }
}

describe('screenings', () => {
  it('scores every answer in the core and stores answers, results and scoring version', async () => {
    const { call, person } = await withPerson()
    const saved = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9([1, 1, 1, 1, 1, 1, 0, 0, 0]), { kind: 'items', instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0], total: 21 }]
    })
    expect(saved).toMatchObject({ rag: 'green', ragRule: null, version: 1 })
    expect(saved.results).toEqual([
      expect.objectContaining({
        instrument: 'phq9',
        total: 6,
        band: 'mild',
        scoringVersion: 'phq9@1',
        answers: [1, 1, 1, 1, 1, 1, 0, 0, 0]
      }),
      expect.objectContaining({ instrument: 'gad7', total: 0, band: 'minimal' })
    ])
  })

  it('turns amber at a clinical cut-off and red at the highest bands, naming the rule', async () => {
    const { call, person } = await withPerson()
    const amber = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9([2, 2, 2, 2, 2, 0, 0, 0, 0])]
    })
    expect(amber).toMatchObject({ rag: 'amber', ragRule: 'phq9-cutoff: PHQ-9 10 or more' })
    const red = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'pcl5', answers: Array(20).fill(2) }]
    })
    expect(red).toMatchObject({ rag: 'red', ragRule: expect.stringContaining('ptsd-rule') })
  })

  it('raises an alert and a top-priority task for the case clinician in the same save as a positive item 9', async () => {
    const { call, raw, person, host } = await withPerson()
    await call('cases:open', { personId: person.id, reason: 'self-referral', priority: 'soon', nextReviewDate: null })
    const saved = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9([0, 0, 0, 0, 0, 0, 0, 0, 1])]
    })
    expect(saved).toMatchObject({ rag: 'red', ragRule: expect.stringContaining('critical-item') })
    const alerts = await call<Alert[]>('screening:alerts', {})
    expect(alerts).toEqual([expect.objectContaining({ personId: person.id, code: 'phq9:item-9', status: 'open' })])
    const task = host.vault.sqlite
      .prepare("SELECT id, title, priority, assignee_id, status FROM tasks WHERE source = 'rule:alert'")
      .get() as { id: string }
    expect(task).toEqual({
      id: expect.any(String),
      title: 'Urgent: review risk (PHQ-9 item 9)',
      priority: 'top',
      assignee_id: host.vault.session?.id,
      status: 'open'
    })
    // The task cannot be ticked off on its own: only acknowledging the alert, with an action, closes it.
    expect(await raw('tasks:complete', { id: task.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('saves neither the screening nor the alert when any part of the save fails', async () => {
    const { raw, person, host } = await withPerson()
    // Make the alert insert fail halfway through the transaction.
    host.vault.sqlite.exec("CREATE TRIGGER fail_alerts BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END;")
    const result = await raw('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9([0, 0, 0, 0, 0, 0, 0, 0, 3])]
    })
    expect(result.ok).toBe(false)
    for (const table of ['screenings', 'screening_results', 'alerts']) {
      expect(host.vault.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 })
    }
    expect(host.vault.sqlite.prepare("SELECT count(*) AS n FROM tasks WHERE source = 'rule:alert'").get()).toEqual({ n: 0 })
  })

  it('keeps an alert until it is acknowledged with an action, which completes its task', async () => {
    const { call, raw, person } = await withPerson()
    await call('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'core10', answers: [0, 4, 4, 0, 0, 2, 0, 0, 0, 0] }]
    })
    const [alert] = await call<Alert[]>('screening:alerts', {})
    expect(alert?.code).toBe('core10:item-6')
    expect(await raw('screening:acknowledge', { alertId: alert?.id, actionNote: '' })).toMatchObject({
      ok: false,
      error: { fields: ['actionNote'] }
    })
    await call('screening:acknowledge', { alertId: alert?.id, actionNote: 'Spoke today; safety plan agreed with GP.' })
    expect(await call<Alert[]>('screening:alerts', {})).toEqual([])
    const history = await call<Alert[]>('screening:alerts', { personId: person.id })
    expect(history).toEqual([
      expect.objectContaining({
        status: 'acknowledged',
        actionNote: 'Spoke today; safety plan agreed with GP.',
        acknowledgedByName: 'Alex Morgan'
      })
    ])
    const tasks = await call<{ rows: Task[] }>('tasks:list', { view: 'person', personId: person.id })
    expect(tasks.rows.every((t) => t.status === 'done')).toBe(true)
  })

  it('locks completed results; a correction is a new version with a reason, and both stay', async () => {
    const { call, raw, person, host } = await withPerson()
    const first = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-20',
      mode: 'clinician-entered',
      results: [phq9([1, 1, 1, 1, 1, 1, 1, 1, 0])]
    })
    expect(() => host.vault.sqlite.prepare('UPDATE screening_results SET total = 0').run()).toThrow('locked')
    const corrected = await call<Screening>('screening:correct', {
      screeningId: first.id,
      reason: 'Item 7 was entered in the wrong box',
      results: [phq9([1, 1, 1, 1, 1, 1, 0, 1, 0])]
    })
    expect(corrected).toMatchObject({
      version: 2,
      supersedesId: first.id,
      correctionReason: 'Item 7 was entered in the wrong box',
      sittingDate: '2026-11-20'
    })
    const history = await call<Screening[]>('screening:forPerson', { personId: person.id })
    expect(history.map((s) => [s.version, s.supersededById])).toEqual([
      [2, null],
      [1, corrected.id]
    ])
    expect(
      await raw('screening:correct', { screeningId: first.id, reason: 'again', results: [phq9([0, 0, 0, 0, 0, 0, 0, 0, 0])] })
    ).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it.each([
    [[phq9([0, 0, 0])], 'results.0'],
    [[phq9([0, 0, 0, 0, 0, 0, 0, 0, 7])], 'results.0.answers.8'],
    [[{ kind: 'items', instrument: 'audit', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0] }], 'results.0.answers.8'],
    [[{ kind: 'items', instrument: 'nope', answers: [] }], 'results.0'],
    [[{ kind: 'external', instrument: 'wsas', total: 99, subscales: {} }], 'results.0'],
    [[phq9(Array(9).fill(0)), phq9(Array(9).fill(0))], 'results.1.instrument'],
    [[], 'results']
  ])('refuses bad results %j, naming %s, and saves nothing', async (results, field) => {
    const { raw, person, host } = await withPerson()
    const result = await raw('screening:save', { personId: person.id, sittingDate: '2026-11-26', mode: 'clinician-entered', results })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.fields).toContain(field)
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM screenings').get()).toEqual({ n: 0 })
  })

  it('labels licensed instruments as externally scored', async () => {
    const { call, person } = await withPerson()
    const saved = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [{ kind: 'external', instrument: 'wsas', total: 22, subscales: {} }]
    })
    expect(saved.results[0]).toMatchObject({
      externallyScored: true,
      band: 'moderately severe or worse',
      scoringVersion: 'wsas@external',
      answers: null
    })
  })

  it('applies RAG rules an administrator has edited', async () => {
    const { call, person } = await withPerson()
    const rules = await call<unknown[]>('screening:rules', {})
    expect(rules.length).toBeGreaterThan(5)
    await call('screening:setRules', {
      rules: [
        { id: 'critical-item', level: 'red', description: 'A critical item is positive', when: { kind: 'critical-flag' } },
        { id: 'strict', level: 'amber', description: 'PHQ-9 5 or more', when: { kind: 'total-at-least', instrument: 'phq9', total: 5 } }
      ]
    })
    const saved = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9([1, 1, 1, 1, 1, 1, 0, 0, 0])]
    })
    expect(saved).toMatchObject({ rag: 'amber', ragRule: 'strict: PHQ-9 5 or more' })
  })
})

describe('surveillance due list', () => {
  it('recalls people by their role interval and last screening, not leavers or roles without an interval', async () => {
    const { call, person, clock, host } = await withPerson({ roleId: 'firearms' })
    await call('people:create', personFields({ staffNumber: 'PC2', givenName: 'Neil', familyName: 'Hood', roleId: 'neighbourhood' }))
    await call(
      'people:create',
      personFields({
        staffNumber: 'PC3',
        givenName: 'Lee',
        familyName: 'Left',
        roleId: 'firearms',
        // Started at 18: a start before the 16th birthday is refused as implausible.
        startDate: '2003-06-01',
        leavingDate: '2026-01-31'
      })
    )
    const grader = await call<Person>(
      'people:create',
      personFields({
        staffNumber: 'PC4',
        givenName: 'Gail',
        familyName: 'Grader',
        roleId: 'online-child-sexual-exploitation-indecent-image-grading'
      })
    )
    let due = await call<{ rows: DueRow[]; total: number; overdue: number }>('screening:due', {})
    expect(due.rows.map((r) => [r.personName, r.dueDate, r.lastScreened])).toEqual([
      ['Evans, Siân', '2026-11-26', null],
      ['Grader, Gail', '2026-11-26', null]
    ])
    await call('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9(Array(9).fill(0))]
    })
    await call('screening:save', {
      personId: grader.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9(Array(9).fill(0))]
    })
    expect((await call<{ total: number }>('screening:due', {})).total).toBe(0)
    // Six months on, the six-monthly role is due; the annual one is not.
    clock.advance(180 * 24 * 60 * 60 * 1000)
    host.vault.lockIfDue()
    const { admin } = await import('../fixtures/store')
    await host.vault.unlock(admin.username, admin.passphrase)
    due = await call('screening:due', {})
    expect(due.rows.map((r) => [r.personName, r.dueDate, r.overdue])).toEqual([['Grader, Gail', '2027-05-26', false]])
    expect((await call<{ total: number }>('screening:due', { withinDays: 0 })).total).toBe(0)
    expect((await call<{ total: number }>('screening:due', { withinDays: 366, roleId: 'firearms' })).total).toBe(1)
  })
})
