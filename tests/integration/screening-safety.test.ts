import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Note } from '../../shared/contract/notes'
import type { Person } from '../../shared/contract/people'
import type { Alert, DueRow, FollowUp, Screening } from '../../shared/contract/screening'
import type { Task } from '../../shared/contract/tasks'
import { defaultRagRules } from '../../shared/instruments/rag'
import { nurse, personFields } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { admin, manualClock } from '../fixtures/store'

const stores = useEngineStores()
const phq9 = (answers: (number | null)[], criticalNotAnswered?: unknown[]) => ({
  kind: 'items',
  instrument: 'phq9',
  answers,
  ...(criticalNotAnswered ? { criticalNotAnswered } : {})
})
const blank89 = [1, 1, 1, 1, 1, 1, 1, null, null]
const severe = [3, 3, 3, 3, 3, 3, 2, 2, 0] // PHQ-9 22, item 9 not positive

async function withPerson(engine: Engine, overrides = {}) {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
  const store = await stores(engine, clock.now)
  const person = await store.call<Person>('people:create', personFields(overrides))
  const save = (results: unknown[], mode = 'clinician-entered', sittingDate = '2026-11-26') =>
    store.call<Screening>('screening:save', { personId: person.id, sittingDate, mode, results })
  const followUps = async (personId?: string) =>
    (await store.call<{ rows: FollowUp[]; total: number }>('screening:followUps', personId ? { personId } : {})).rows
  /** A count read back as the store's owner (PostgreSQL's count is text: read as a number on both). */
  const count = async (sql: string) => Number((await store.rows<{ n: number | string }>(sql))[0]?.n)
  return { ...store, clock, person, save, followUps, count }
}

describe.each(engines)('a safety question left unanswered (%s)', (engine) => {
  it('is refused from a clinician without a reason, naming the item, and saves nothing', async () => {
    const { raw, person, count } = await withPerson(engine)
    const result = await raw('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9(blank89)]
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fields: ['results.0.answers.8'],
        message: 'PHQ-9 item 9 is a safety question and has no answer. Answer it, or record why it was not answered.'
      }
    })
    expect(await count('SELECT count(*) AS n FROM screenings')).toBe(0)
  })

  it('with a reason saves as "risk not assessed": never green, the reason kept, and a decision for the team', async () => {
    const { save, person, followUps } = await withPerson(engine)
    const saved = await save([phq9(blank89, [{ item: 9, reason: 'declined' }])])
    expect(saved).toMatchObject({
      rag: 'amber',
      riskNotAssessed: true,
      complete: false,
      ragRule: expect.stringMatching(/^risk-not-assessed: /),
      ragReason: 'PHQ-9 item 9 not answered'
    })
    expect(saved.results[0]).toMatchObject({ total: null, complete: false, criticalNotAnswered: [{ item: 9, reason: 'declined' }] })
    expect(await followUps()).toEqual([
      expect.objectContaining({
        personId: person.id,
        screeningId: saved.id,
        reason: 'risk-not-assessed',
        route: 'team-decision',
        status: 'open'
      })
    ])
  })

  it('asked verbally: the answer given aloud is scored, and a positive one raises the alert', async () => {
    const { save, call } = await withPerson(engine)
    const saved = await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, null], [{ item: 9, reason: 'asked-verbally', verbalAnswer: 2 }])])
    expect(saved).toMatchObject({
      rag: 'red',
      riskNotAssessed: false,
      complete: true,
      ragReason: 'PHQ-9 item 9 answered “More than half the days”'
    })
    expect(saved.results[0]).toMatchObject({
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 2],
      total: 2,
      criticalNotAnswered: [{ item: 9, reason: 'asked-verbally' }]
    })
    expect(await call<Alert[]>('screening:alerts', {})).toEqual([
      expect.objectContaining({ message: 'PHQ-9 item 9 answered “More than half the days”', answer: 2 })
    ])
  })

  it.each([
    [[{ item: 9, reason: 'asked-verbally' }], 'Enter the answer given aloud to PHQ-9 item 9.'],
    [[{ item: 9, reason: 'declined', verbalAnswer: 1 }], 'only be recorded when it was asked verbally'],
    [
      [
        { item: 9, reason: 'declined' },
        { item: 8, reason: 'declined' }
      ],
      'PHQ-9 item 8 is not a safety question.'
    ],
    [[{ item: 9, reason: 'asked-verbally', verbalAnswer: 7 }], 'item 9: 7 is not an allowed answer']
  ])('refuses a reason that does not hold (%j) and saves nothing', async (gaps, message) => {
    const { raw, person, count } = await withPerson(engine)
    const result = await raw('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9(blank89, gaps)]
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain(message)
    expect(await count('SELECT count(*) AS n FROM screenings')).toBe(0)
  })

  it('refuses a reason for a safety question that was answered', async () => {
    const { raw, person } = await withPerson(engine)
    const result = await raw('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9([0, 0, 0, 0, 0, 0, 0, 0, 0], [{ item: 9, reason: 'declined' }])]
    })
    expect(result).toMatchObject({ ok: false, error: { fields: ['results.0.answers.8'] } })
  })

  it('with the other answers already severe, saves red with what was answered, still noting the unassessed risk, as a red decision for the team', async () => {
    const { save, person, followUps } = await withPerson(engine)
    const saved = await save([phq9([3, 3, 3, 3, 3, 3, 3, 3, null], [{ item: 9, reason: 'declined' }])], 'self-completed')
    expect(saved).toMatchObject({
      rag: 'red',
      riskNotAssessed: true,
      complete: false,
      ragRule: expect.stringMatching(/^phq9-highest: /),
      ragReason: 'PHQ-9 at least 24 (severe) from 8 of 9 questions answered'
    })
    expect(saved.results[0]).toMatchObject({ total: null, complete: false })
    expect(await followUps()).toEqual([
      expect.objectContaining({ personId: person.id, screeningId: saved.id, reason: 'red', route: 'team-decision', status: 'open' })
    ])
  })

  it('left blank when self-completed or missing from an import is recorded as such, and still needs a decision', async () => {
    const { save, followUps } = await withPerson(engine)
    const self = await save([phq9(blank89)], 'self-completed')
    expect(self.results[0]?.criticalNotAnswered).toEqual([{ item: 9, reason: 'left-blank-self-completed' }])
    expect(self).toMatchObject({ rag: 'amber', riskNotAssessed: true })
    const imported = await save([phq9(blank89)], 'imported', '2026-11-25')
    expect(imported.results[0]?.criticalNotAnswered).toEqual([{ item: 9, reason: 'not-in-import' }])
    expect((await followUps()).map((f) => f.reason)).toEqual(['risk-not-assessed', 'risk-not-assessed'])
  })

  it('an incomplete questionnaire is never green, and never counts as screened for recall', async () => {
    const { save, call } = await withPerson(engine, { roleId: 'firearms' })
    const saved = await save([{ kind: 'items', instrument: 'gad7', answers: [0, 0, 0, null, 0, 0, 0] }])
    expect(saved).toMatchObject({
      rag: 'amber',
      complete: false,
      riskNotAssessed: false,
      ragRule: expect.stringMatching(/^incomplete: /),
      ragReason: 'GAD-7 not completed'
    })
    const due = await call<{ rows: DueRow[] }>('screening:due', {})
    expect(due.rows.map((r) => [r.dueDate, r.lastScreened, r.lastIncomplete])).toEqual([['2026-11-26', null, '2026-11-26']])
    await save([{ kind: 'items', instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] }])
    expect((await call<{ total: number }>('screening:due', {})).total).toBe(0)
  })
})

describe.each(engines)('every red result leads somewhere (%s)', (engine) => {
  it('with no open case: a decision on the team worklist until someone opens a case', async () => {
    const { save, call, person, followUps } = await withPerson(engine)
    const saved = await save([phq9(severe)])
    expect(saved).toMatchObject({ rag: 'red', ragRule: expect.stringMatching(/^phq9-highest: /), ragReason: 'PHQ-9 22: severe' })
    expect(await followUps()).toEqual([
      expect.objectContaining({
        reason: 'red',
        route: 'team-decision',
        status: 'open',
        ragReason: 'PHQ-9 22: severe',
        sittingDate: '2026-11-26'
      })
    ])
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'surveillance-result',
      priority: 'soon',
      nextReviewDate: null
    })
    expect(await followUps()).toEqual([])
    // The result is now the new case clinician's to review: nothing is left with no one.
    expect(await followUps(person.id)).toEqual([
      expect.objectContaining({ status: 'open', route: 'case-review', caseId: opened.id, reason: 'red', assigneeName: admin.displayName }),
      expect.objectContaining({ status: 'decided', decision: 'case-opened', caseId: opened.id, decidedByName: admin.displayName })
    ])
    const tasks = await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })
    expect(tasks.rows.map((t) => [t.title, t.status])).toEqual([['Review a red screening result', 'open']])
  })

  it('opening a case brings an open alert’s task onto the case', async () => {
    const { save, call, person } = await withPerson(engine)
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 1])])
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'surveillance-result',
      priority: 'urgent',
      nextReviewDate: null
    })
    const tasks = await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })
    expect(tasks.rows.map((t) => t.title).sort()).toEqual(['Review a red screening result', 'Urgent: review risk (PHQ-9 item 9)'])
  })

  it('or recorded as not needing a case, with the reason, which takes it off the worklist', async () => {
    const { save, call, raw, person, followUps } = await withPerson(engine)
    await save([phq9(severe)])
    const [entry] = await followUps()
    expect(await raw('screening:decide', { followUpId: entry?.id, decision: 'no-case', note: '' })).toMatchObject({
      ok: false,
      error: { fields: ['note'] }
    })
    expect(await raw('screening:decide', { followUpId: entry?.id, decision: 'reviewed', note: 'Seen' })).toMatchObject({
      ok: false,
      error: { fields: ['decision'] }
    })
    await call('screening:decide', {
      followUpId: entry?.id,
      decision: 'no-case',
      note: 'Already under NHS Talking Therapies; agreed with him to recheck in 4 weeks.'
    })
    expect(await followUps()).toEqual([])
    expect(await followUps(person.id)).toEqual([
      expect.objectContaining({
        decision: 'no-case',
        decisionNote: 'Already under NHS Talking Therapies; agreed with him to recheck in 4 weeks.'
      })
    ])
    expect(await raw('screening:decide', { followUpId: entry?.id, decision: 'no-case', note: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
  })

  it('with an open case: a top-priority review for its clinician, closed only by recording the decision, which goes on the case', async () => {
    const { save, call, raw, person, followUps, rows, addUser } = await withPerson(engine)
    const { id: nurseId } = await addUser(nurse)
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'soon',
      nextReviewDate: null,
      assignedClinicianId: nurseId
    })
    await save([phq9(severe)])
    expect(await followUps()).toEqual([])
    const [review] = await followUps(person.id)
    expect(review).toMatchObject({ route: 'case-review', caseId: opened.id, assigneeName: nurse.displayName, status: 'open' })
    const [task] = (await rows(
      "SELECT id, title, priority, assignee_id AS assignee, status FROM tasks WHERE source = 'rule:screening-review'"
    )) as [{ id: string }]
    expect(task).toEqual({
      id: expect.any(String),
      title: 'Review a red screening result',
      priority: 'top',
      assignee: nurseId,
      status: 'open'
    })
    expect(await raw('tasks:complete', { id: task.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    await call('screening:decide', { followUpId: review?.id, decision: 'reviewed', note: 'Phoned: referred to GP for medication review.' })
    expect(await rows('SELECT status FROM tasks WHERE id = ?', task.id)).toEqual([{ status: 'done' }])
    const notes = await call<Note[]>('notes:forCase', { caseId: opened.id })
    expect(notes[0]?.text).toBe(
      'Screening result reviewed (red result of 26 Nov 2026: PHQ-9 22: severe).\nDecision: Phoned: referred to GP for medication review.'
    )
  })

  it('a positive safety question with an open case is reviewed through its alert, not a second task', async () => {
    const { save, call, person, count } = await withPerson(engine)
    await call('cases:open', { personId: person.id, reason: 'self-referral', priority: 'soon', nextReviewDate: null })
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 1])])
    expect(await count("SELECT count(*) AS n FROM tasks WHERE source = 'rule:alert'")).toBe(1)
    expect(await count("SELECT count(*) AS n FROM tasks WHERE source = 'rule:screening-review'")).toBe(0)
  })

  it('a green result leads to nothing', async () => {
    const { save, followUps, person, count } = await withPerson(engine)
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 0])])
    expect(await followUps(person.id)).toEqual([])
    expect(await count('SELECT count(*) AS n FROM tasks')).toBe(0)
  })

  it.each([
    ['same-as-red', 1, 'team-decision'],
    ['open-case-only', 0, null],
    ['none', 0, null]
  ] as const)('amber follows the setting %s', async (setting, entries, route) => {
    const { save, call, followUps, person } = await withPerson(engine)
    await call('screening:setFollowUpSetting', { amber: setting })
    expect(await call('screening:followUpSetting', {})).toEqual({ amber: setting })
    await save([phq9([2, 2, 2, 2, 2, 0, 0, 0, 0])])
    const rows = await followUps(person.id)
    expect(rows).toHaveLength(entries)
    if (route) expect(rows[0]).toMatchObject({ reason: 'amber', route })
  })

  it('amber with an open case is reviewed by its clinician unless the setting says nothing', async () => {
    const { save, call, followUps, person } = await withPerson(engine)
    await call('cases:open', { personId: person.id, reason: 'self-referral', priority: 'soon', nextReviewDate: null })
    await call('screening:setFollowUpSetting', { amber: 'open-case-only' })
    await save([phq9([2, 2, 2, 2, 2, 0, 0, 0, 0])])
    expect(await followUps(person.id)).toEqual([expect.objectContaining({ reason: 'amber', route: 'case-review' })])
  })

  it('the worklist pages, most serious first, and says how many there are', async () => {
    const { call } = await withPerson(engine)
    const add = async (staffNumber: string, answers: (number | null)[], gaps?: unknown[]) => {
      const person = await call<Person>('people:create', personFields({ staffNumber }))
      await call('screening:save', {
        personId: person.id,
        sittingDate: '2026-11-26',
        mode: 'clinician-entered',
        results: [phq9(answers, gaps)]
      })
    }
    await add('PC1', [2, 2, 2, 2, 2, 0, 0, 0, 0])
    await add('PC2', blank89, [{ item: 9, reason: 'declined' }])
    await add('PC3', severe)
    const first = await call<{ rows: FollowUp[]; total: number }>('screening:followUps', { page: { offset: 0, limit: 2 } })
    expect(first.total).toBe(3)
    expect(first.rows.map((f) => f.reason)).toEqual(['red', 'risk-not-assessed'])
    const second = await call<{ rows: FollowUp[]; total: number }>('screening:followUps', { page: { offset: 2, limit: 2 } })
    expect(second).toMatchObject({ total: 3, rows: [expect.objectContaining({ reason: 'amber' })] })
  })

  it('a restricted person’s result is on the worklist only for their named clinicians', async () => {
    const { call, followUps, addUser, userId, signIn } = await withPerson(engine)
    const { id: nurseId } = await addUser(nurse)
    const hidden = await call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC9', restricted: true, namedClinicianIds: [userId() ?? ''] })
    )
    await call('screening:save', { personId: hidden.id, sittingDate: '2026-11-26', mode: 'clinician-entered', results: [phq9(severe)] })
    expect(await followUps()).toHaveLength(1)
    await signIn(nurse)
    expect(userId()).toBe(nurseId)
    expect(await followUps()).toEqual([])
  })

  it('audits follow-ups by id and decision only, never what was written', async () => {
    const { save, call, followUps, rows } = await withPerson(engine)
    await save([phq9(severe)])
    const [entry] = await followUps()
    await call('screening:decide', { followUpId: entry?.id, decision: 'no-case', note: 'Sensitive words here' })
    const entries = await rows("SELECT action, entity_id AS id, detail FROM audit_log WHERE action LIKE 'follow-up.%' ORDER BY seq")
    expect(entries).toEqual([
      { action: 'follow-up.raised', id: entry?.id, detail: null },
      { action: 'follow-up.decided', id: entry?.id, detail: 'no-case' }
    ])
  })
})

describe.each(engines)('corrections and repeated sittings do not duplicate alerts (%s)', (engine) => {
  it('a correction keeps an acknowledged alert for the same answer, and raises one for a different answer', async () => {
    const { save, call } = await withPerson(engine)
    const first = await save([phq9([1, 1, 1, 1, 1, 1, 1, 1, 1])])
    const [alert] = await call<Alert[]>('screening:alerts', {})
    await call('screening:acknowledge', { alertId: alert?.id, actionNote: 'Phoned; safe.' })
    const corrected = await call<Screening>('screening:correct', {
      screeningId: first.id,
      reason: 'Item 7 was wrong',
      results: [phq9([1, 1, 1, 1, 1, 1, 0, 1, 1])]
    })
    expect(corrected.rag).toBe('red')
    expect(await call<Alert[]>('screening:alerts', {})).toEqual([])
    await call<Screening>('screening:correct', {
      screeningId: corrected.id,
      reason: 'Item 9 was more',
      results: [phq9([1, 1, 1, 1, 1, 1, 0, 1, 3])]
    })
    expect(await call<Alert[]>('screening:alerts', {})).toEqual([
      expect.objectContaining({ message: 'PHQ-9 item 9 answered “Nearly every day”', sittingVersion: 3 })
    ])
  })

  it('a correction keeps an open alert open without adding another', async () => {
    const { save, call } = await withPerson(engine)
    const first = await save([phq9([1, 1, 1, 1, 1, 1, 1, 1, 1])])
    await call<Screening>('screening:correct', {
      screeningId: first.id,
      reason: 'Item 7 was wrong',
      results: [phq9([1, 1, 1, 1, 1, 1, 0, 1, 1])]
    })
    expect(await call<Alert[]>('screening:alerts', {})).toEqual([expect.objectContaining({ sittingVersion: 1, status: 'open' })])
  })

  it('a correction of a sitting whose alert was the review raises no second review', async () => {
    const { save, call, person, count } = await withPerson(engine)
    await call('cases:open', { personId: person.id, reason: 'self-referral', priority: 'soon', nextReviewDate: null })
    const first = await save([phq9([1, 1, 1, 1, 1, 1, 1, 1, 1])])
    const [alert] = await call<Alert[]>('screening:alerts', {})
    await call('screening:acknowledge', { alertId: alert?.id, actionNote: 'Phoned; safe.' })
    await call('screening:correct', { screeningId: first.id, reason: 'Item 4 was wrong', results: [phq9([1, 1, 1, 0, 1, 1, 1, 1, 1])] })
    expect(await count("SELECT count(*) AS n FROM tasks WHERE source = 'rule:screening-review'")).toBe(0)
    expect(await count('SELECT count(*) AS n FROM screening_follow_ups')).toBe(0)
  })

  it('a correction carries an open follow-up to the new version, at the graver reason, rather than adding one', async () => {
    const { save, call, person, followUps } = await withPerson(engine)
    const first = await save([phq9(blank89, [{ item: 9, reason: 'declined' }])])
    const corrected = await call<Screening>('screening:correct', {
      screeningId: first.id,
      reason: 'Item 9 asked again',
      results: [phq9([1, 1, 1, 1, 1, 1, 1, 1, 2])]
    })
    const rows = await followUps(person.id)
    expect(rows).toEqual([
      expect.objectContaining({
        screeningId: corrected.id,
        reason: 'red',
        status: 'open',
        ragReason: 'PHQ-9 item 9 answered “More than half the days”'
      })
    ])
    // Corrected back to green, it stays open: a clinician decides, not the correction.
    await call('screening:correct', {
      screeningId: corrected.id,
      reason: 'Entered against the wrong person',
      results: [phq9([0, 0, 0, 0, 0, 0, 0, 0, 0])]
    })
    expect((await followUps(person.id)).map((f) => [f.reason, f.status, f.rag])).toEqual([['red', 'open', 'green']])
  })

  it('a review carried to a graver correction says so and goes to the top', async () => {
    const { save, call, person, rows } = await withPerson(engine)
    await call('cases:open', { personId: person.id, reason: 'self-referral', priority: 'soon', nextReviewDate: null })
    const first = await save([phq9([2, 2, 2, 2, 2, 0, 0, 0, 0])])
    await call('screening:correct', {
      screeningId: first.id,
      reason: 'Items 6 and 7 were missed',
      results: [phq9([2, 2, 2, 2, 2, 3, 3, 0, 0])]
    })
    expect(await rows("SELECT title, priority, status FROM tasks WHERE source = 'rule:screening-review'")).toEqual([
      { title: 'Review a red screening result', priority: 'top', status: 'open' }
    ])
  })

  it('a correction does not re-raise a follow-up already decided at the same level', async () => {
    const { save, call, followUps, person } = await withPerson(engine)
    const first = await save([phq9(severe)])
    const [entry] = await followUps()
    await call('screening:decide', { followUpId: entry?.id, decision: 'no-case', note: 'Known to GP.' })
    await call('screening:correct', { screeningId: first.id, reason: 'Typo', results: [phq9([3, 3, 3, 3, 3, 3, 3, 2, 0])] })
    expect(await followUps(person.id)).toHaveLength(1)
  })

  it('each alert names its sitting, date and how it was completed, so two are told apart', async () => {
    const { save, call } = await withPerson(engine)
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 1])], 'clinician-entered', '2026-11-20')
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 1])], 'self-completed')
    const alerts = await call<Alert[]>('screening:alerts', {})
    expect(alerts.map((a) => [a.message, a.sittingDate, a.sittingMode])).toEqual([
      ['PHQ-9 item 9 answered “Several days”', '2026-11-26', 'self-completed'],
      ['PHQ-9 item 9 answered “Several days”', '2026-11-20', 'clinician-entered']
    ])
  })
})

describe.each(engines)('the follow-up after a safety alert (%s)', (engine) => {
  it('closes only with what happened, which goes on the case and beside the alert', async () => {
    const { save, call, raw, person } = await withPerson(engine)
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'soon',
      nextReviewDate: null
    })
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 2])])
    const [alert] = await call<Alert[]>('screening:alerts', {})
    expect((await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })).rows.map((t) => t.title)).toEqual([
      'Urgent: review risk (PHQ-9 item 9)'
    ])
    await call('screening:acknowledge', { alertId: alert?.id, actionNote: 'Phoned; safe.', followUpDate: '2026-11-27' })
    const [task] = (await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })).rows.filter((t) => t.status === 'open')
    expect(task?.title).toBe('Follow up after a safety alert')
    expect(await raw('tasks:complete', { id: task?.id })).toMatchObject({
      ok: false,
      error: { fields: ['outcome'], message: 'Enter what happened at the follow-up.' }
    })
    expect(await raw('tasks:complete', { id: task?.id, outcome: '   ' })).toMatchObject({ ok: false, error: { fields: ['outcome'] } })
    await call('tasks:complete', { id: task?.id, outcome: 'Seen at the station; sleeping better; no thoughts of self-harm.' })
    const [history] = await call<Alert[]>('screening:alerts', { personId: person.id })
    expect(history).toMatchObject({
      followUpOutcome: 'Seen at the station; sleeping better; no thoughts of self-harm.',
      followUpDoneByName: admin.displayName,
      followUpDoneAt: expect.any(String)
    })
    const [note] = await call<Note[]>('notes:forCase', { caseId: opened.id })
    expect(note?.text).toBe(
      'Follow up after a safety alert (due 27 Nov 2026): done.\nSeen at the station; sleeping better; no thoughts of self-harm.'
    )
  })

  it('says when a follow-up is overdue by the core’s clock, and not once it is done', async () => {
    const { save, call, person, clock, lock, signIn } = await withPerson(engine)
    // A day on, the session has locked itself: sign in again, as the clinician would.
    const nextDay = async () => {
      await lock()
      clock.advance(24 * 3600_000)
      await signIn(admin)
    }
    await call<CaseRecord>('cases:open', { personId: person.id, reason: 'self-referral', priority: 'soon', nextReviewDate: null })
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 2])])
    const [alert] = await call<Alert[]>('screening:alerts', {})
    const acknowledged = await call<Alert>('screening:acknowledge', {
      alertId: alert?.id,
      actionNote: 'Phoned; safe.',
      followUpDate: '2026-11-27'
    })
    expect(acknowledged.followUpOverdue).toBe(false)
    const followUp = async () => (await call<Alert[]>('screening:alerts', { personId: person.id }))[0]
    await nextDay() // 27 Nov: due today, not overdue
    expect((await followUp())?.followUpOverdue).toBe(false)
    await nextDay() // 28 Nov: overdue
    expect((await followUp())?.followUpOverdue).toBe(true)
    const [task] = (await call<{ rows: Task[] }>('tasks:list', { view: 'person', personId: person.id })).rows.filter(
      (t) => t.status === 'open'
    )
    await call('tasks:complete', { id: task?.id, outcome: 'Seen; well.' })
    expect((await followUp())?.followUpOverdue).toBe(false)
  })

  it('ordinary tasks still close without an outcome', async () => {
    const { call } = await withPerson(engine)
    const task = await call<Task>('tasks:create', { title: 'Ring the GP', dueDate: '2026-11-27', personId: null, caseId: null })
    expect(await call<Task>('tasks:complete', { id: task.id })).toMatchObject({ status: 'done', outcome: null })
  })
})

describe.each(engines)('acknowledging an alert (%s)', (engine) => {
  it('records who took the action and when, a follow-up date, and puts it on the case as a note', async () => {
    const { save, call, person, addUser } = await withPerson(engine)
    const { id: nurseId } = await addUser(nurse)
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'soon',
      nextReviewDate: null
    })
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 2])])
    const [alert] = await call<Alert[]>('screening:alerts', {})
    const action = 'Phoned Siân at 09:45.\nSafe; safety plan agreed; GP appointment today.'
    const done = await call<Alert>('screening:acknowledge', {
      alertId: alert?.id,
      actionNote: action,
      actionTakenBy: nurseId,
      actionTakenOn: '2026-11-26',
      actionTakenTime: '09:45',
      followUpDate: '2026-12-03'
    })
    expect(done).toMatchObject({
      status: 'acknowledged',
      actionNote: action,
      actionTakenByName: nurse.displayName,
      actionTakenAt: '2026-11-26T09:45:00.000Z',
      acknowledgedByName: admin.displayName,
      followUpDate: '2026-12-03'
    })
    const tasks = await call<{ rows: Task[] }>('tasks:list', { view: 'person', personId: person.id })
    expect(tasks.rows.filter((t) => t.status === 'open').map((t) => [t.title, t.dueDate])).toEqual([
      ['Follow up after a safety alert', '2026-12-03']
    ])
    const [note] = await call<Note[]>('notes:forCase', { caseId: opened.id })
    expect(note?.text).toBe(
      `Safety alert acknowledged: PHQ-9 item 9 answered “More than half the days” (screening of 26 Nov 2026, entered by a clinician).\nAction taken by ${nurse.displayName} on 26 Nov 2026 at 09:45:\n${action}\nFollow up by 3 Dec 2026.`
    )
    expect(await call<Alert[]>('screening:alerts', { personId: person.id })).toEqual([
      expect.objectContaining({ status: 'acknowledged', actionNote: action })
    ])
  })

  it.each([
    [{ actionTakenOn: '2026-11-26', actionTakenTime: '23:00' }, 'actionTakenOn', 'cannot be in the future'],
    [{ actionTakenOn: '2026-11-26' }, 'actionTakenTime', 'both the date and the time'],
    [{ followUpDate: '2026-11-01' }, 'followUpDate', 'today or later'],
    [{ actionTakenBy: '00000000-0000-4000-8000-000000000000' }, 'actionTakenBy', 'active clinician']
  ])('refuses %j at its field and changes nothing', async (extra, field, message) => {
    const { save, call, raw } = await withPerson(engine)
    await save([phq9([0, 0, 0, 0, 0, 0, 0, 0, 2])])
    const [alert] = await call<Alert[]>('screening:alerts', {})
    const result = await raw('screening:acknowledge', { alertId: alert?.id, actionNote: 'Phoned', ...extra })
    expect(result).toMatchObject({ ok: false, error: { fields: [field] } })
    if (!result.ok) expect(result.error.message).toContain(message)
    expect(await call<Alert[]>('screening:alerts', {})).toEqual([expect.objectContaining({ status: 'open' })])
  })
})

describe.each(engines)('clinical labels (%s)', (engine) => {
  it('names the rule and what fired it for trauma results', async () => {
    const { save } = await withPerson(engine)
    const itq = await save([{ kind: 'items', instrument: 'itq', answers: Array(18).fill(3) }])
    expect(itq).toMatchObject({ rag: 'red', ragReason: 'ITQ: Meets the ICD-11 criteria for Complex PTSD' })
    expect(itq.results[0]).toMatchObject({ subscales: { ptsd: 18, dso: 18 }, flags: [expect.objectContaining({ code: 'itq-cptsd' })] })
    const pcl5 = await save([{ kind: 'items', instrument: 'pcl5', answers: Array(20).fill(2) }], 'clinician-entered', '2026-11-25')
    expect(pcl5.ragReason).toBe('PCL-5: Total 40 is at or above the cut-off of 33: provisional PTSD')
  })
})

describe.each(engines)('screening rules (%s)', (engine) => {
  it('refuse to drop the critical-item rule, and change nothing', async () => {
    const { call, raw } = await withPerson(engine)
    const withoutCritical = defaultRagRules.filter((rule) => rule.id !== 'critical-item')
    expect(await raw('screening:setRules', { rules: withoutCritical })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: 'The rule that turns a positive critical item red cannot be removed.' }
    })
    const weakened = defaultRagRules.map((rule) => (rule.id === 'critical-item' ? { ...rule, level: 'amber' } : rule))
    expect((await raw('screening:setRules', { rules: weakened })).ok).toBe(false)
    expect(await call('screening:rules', {})).toEqual(defaultRagRules)
  })

  it('audit each change with the old and the new rule', async () => {
    const { call, rows } = await withPerson(engine)
    const changed = defaultRagRules
      .map((rule) =>
        rule.id === 'phq9-cutoff'
          ? { ...rule, description: 'PHQ-9 12 or more', when: { kind: 'total-at-least' as const, instrument: 'phq9', total: 12 } }
          : rule
      )
      .filter((rule) => rule.id !== 'gad7-cutoff')
    await call('screening:setRules', { rules: changed })
    const [row] = (await rows("SELECT entity_id AS id, detail FROM audit_log WHERE action = 'settings.changed' ORDER BY seq DESC")) as [
      { id: string; detail: string }
    ]
    expect(row.id).toBe('ragRules')
    const detail = JSON.parse(row.detail) as {
      removed: { id: string }[]
      added: unknown[]
      changed: { before: { when: { total: number } }; after: { when: { total: number } } }[]
    }
    expect(detail.removed.map((rule) => rule.id)).toEqual(['gad7-cutoff'])
    expect(detail.added).toEqual([])
    expect(detail.changed.map((change) => [change.before.when.total, change.after.when.total])).toEqual([[10, 12]])
  })

  it('fall back to the defaults when the stored rules lack the critical-item rule', async () => {
    const { call, exec } = await withPerson(engine)
    await exec("INSERT INTO settings (key, value) VALUES ('ragRules', '[]')")
    expect(await call('screening:rules', {})).toEqual(defaultRagRules)
  })
})
