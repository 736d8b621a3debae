import { describe, expect, it } from 'vitest'
import type { CaseHandover, CaseRecord, LeftWork } from '../../shared/contract/cases'
import type { Note } from '../../shared/contract/notes'
import type { Person } from '../../shared/contract/people'
import type { Task } from '../../shared/contract/tasks'
import { personFields } from '../fixtures/caseload'
import { priya, teamStore, tom } from '../fixtures/team'
import { useTempFolders } from '../fixtures/temp-folder'
import { itemNinePositive } from '../fixtures/screening-results'

const tempFolder = useTempFolders()

const note = 'Seen weekly since the incident; sleeping better.\nNext: review on Thursday, call before 10.\nGP aware.'

type Team = Awaited<ReturnType<typeof teamStore>>

/** Open work a user holds: a handover notice (case-handover-notice.test.ts) is not work. */
function openTasksOf(team: Team, userId: string): { title: string; case_id: string | null }[] {
  return team.host.vault.sqlite
    .prepare(
      "SELECT title, case_id FROM tasks WHERE assignee_id = ? AND status = 'open' AND source <> 'rule:handover-notice' ORDER BY title"
    )
    .all(userId) as never
}

/**
 * Priya's case for Siân with everything a case gathers: a safety alert raised before it was
 * opened (the case takes it on), the review, her own task, a task about Siân on no case, the
 * alert and screening review raised on the case, and one task she gave Alex on purpose.
 */
async function priyasCase(team: Team) {
  await team.signIn(priya)
  await team.call('screening:save', {
    personId: team.person.id,
    sittingDate: '2026-11-20',
    mode: 'clinician-entered',
    results: [itemNinePositive]
  })
  const opened = await team.call<CaseRecord>('cases:open', {
    personId: team.person.id,
    reason: 'post-incident',
    priority: 'soon',
    nextReviewDate: '2026-12-03'
  })
  await team.call('tasks:create', { title: 'Chase GP letter', dueDate: '2026-12-01', personId: team.person.id, caseId: opened.id })
  await team.call('tasks:create', { title: 'Send sleep leaflet', dueDate: '2026-11-30', personId: team.person.id, caseId: null })
  await team.call('tasks:create', {
    title: 'Book OH physician',
    dueDate: '2026-12-02',
    assigneeId: team.ids.alex,
    personId: team.person.id,
    caseId: opened.id
  })
  await team.call('screening:save', {
    personId: team.person.id,
    sittingDate: '2026-11-26',
    mode: 'clinician-entered',
    results: [itemNinePositive]
  })
  return opened
}

describe('handing a case to another clinician', () => {
  it('lists what will move first, then moves every open task of the case with it, leaving none with the old holder', async () => {
    const team = await teamStore(tempFolder())
    const opened = await priyasCase(team)
    const before = openTasksOf(team, team.ids.priya)
    expect(before.length).toBe(6)

    const preview = await team.call<{ moving: Task[]; staying: Task[] }>('cases:handoverPreview', { id: opened.id })
    expect(preview.moving.map((t) => t.title).sort()).toEqual([
      'Case review',
      'Chase GP letter',
      'Review a red screening result',
      'Send sleep leaflet',
      'Urgent: review risk (PHQ-9 item 9)',
      'Urgent: review risk (PHQ-9 item 9)'
    ])
    expect(preview.moving.every((t) => t.assigneeName === 'Priya Shah')).toBe(true)
    expect(preview.staying.map((t) => [t.title, t.assigneeName])).toEqual([['Book OH physician', 'Alex Morgan']])

    const moved = await team.call<CaseRecord & { handover: CaseHandover }>('cases:reassign', {
      id: opened.id,
      clinicianId: team.ids.tom,
      note
    })
    expect(moved.handover).toEqual({ fromName: 'Priya Shah', toName: 'Tom Whitfield', tasksMoved: 6 })
    expect(openTasksOf(team, team.ids.priya)).toEqual([])
    expect(openTasksOf(team, team.ids.tom).length).toBe(6)
    expect(openTasksOf(team, team.ids.alex)).toEqual([{ title: 'Book OH physician', case_id: opened.id }])
    // The alert still closes only by acknowledging it, now by Tom.
    const alertTask = preview.moving.find((t) => t.source === 'rule:alert')
    expect(team.host.vault.sqlite.prepare('SELECT assignee_id, status FROM tasks WHERE id = ?').get(alertTask?.id)).toEqual({
      assignee_id: team.ids.tom,
      status: 'open'
    })
  })

  it('keeps who opened the case apart from who holds it now', async () => {
    const team = await teamStore(tempFolder())
    const opened = await priyasCase(team)
    expect(opened).toMatchObject({ openedById: team.ids.priya, openedByName: 'Priya Shah', assignedClinicianName: 'Priya Shah' })
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note })
    await team.signIn(tom)
    const [held] = await team.call<CaseRecord[]>('cases:forPerson', { personId: team.person.id })
    expect(held).toMatchObject({
      openedById: team.ids.priya,
      openedByName: 'Priya Shah',
      assignedClinicianId: team.ids.tom,
      assignedClinicianName: 'Tom Whitfield',
      assignedClinicianActive: true
    })
    expect(team.host.vault.sqlite.prepare('SELECT opened_by FROM cases WHERE id = ?').get(opened.id)).toEqual({ opened_by: team.ids.priya })

    // Opening a case for a colleague: the opener is the person who opened it.
    await team.signInAsAdmin()
    const forTom = await team.call<CaseRecord>('cases:open', {
      personId: team.person.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null,
      assignedClinicianId: team.ids.tom
    })
    expect(forTom).toMatchObject({ openedByName: 'Alex Morgan', assignedClinicianName: 'Tom Whitfield' })
  })

  it('keeps a multi-line note as written, and audits the handover without a word of it', async () => {
    const team = await teamStore(tempFolder())
    const opened = await priyasCase(team)
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note })
    const notes = await team.call<Note[]>('notes:forCase', { caseId: opened.id })
    expect(notes.find((n) => n.text.startsWith('Handover:'))?.text).toBe(`Handover: ${note}`)
    const audit = await team.auditText()
    for (const words of ['sleeping better', 'Thursday', 'GP aware', 'Handover:']) expect(audit).not.toContain(words)
    const entries = team.host.vault.sqlite
      .prepare("SELECT action, entity_type, detail FROM audit_log WHERE action IN ('case.reassigned', 'task.reassigned') ORDER BY seq")
      .all()
    expect(entries).toEqual([
      { action: 'case.reassigned', entity_type: 'case', detail: 'assignedClinicianId; 6 tasks moved' },
      ...Array.from({ length: 6 }, () => ({ action: 'task.reassigned', entity_type: 'task', detail: 'case-handover' }))
    ])
  })

  it('refuses a note that is empty or too long, and then moves nothing', async () => {
    const team = await teamStore(tempFolder())
    const opened = await priyasCase(team)
    for (const bad of ['  \n ', 'x'.repeat(4001)]) {
      const result = await team.raw('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note: bad })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['note'] } })
    }
    expect(openTasksOf(team, team.ids.priya).length).toBe(6)
    expect(openTasksOf(team, team.ids.tom)).toEqual([])
    expect(team.host.vault.sqlite.prepare('SELECT assigned_clinician_id AS holder FROM cases').get()).toEqual({ holder: team.ids.priya })
  })

  it("leaves the person's tasks on no case with the holder while they hold another case for the person", async () => {
    const team = await teamStore(tempFolder())
    const opened = await priyasCase(team)
    await team.call('cases:open', { personId: team.person.id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
    const preview = await team.call<{ moving: Task[] }>('cases:handoverPreview', { id: opened.id })
    expect(preview.moving.filter((t) => t.caseId === null)).toEqual([])
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note })
    expect(openTasksOf(team, team.ids.priya)).toEqual([{ title: 'Send sleep leaflet', case_id: null }])
  })
})

describe('work left with a clinician who can no longer sign in', () => {
  async function priyaLeaves(team: Team) {
    const opened = await priyasCase(team)
    await team.call('tasks:create', { title: 'Write up the team debrief', dueDate: '2026-12-05', personId: null, caseId: null })
    // A restricted record named for Priya only: Alex may not see it, or move it.
    const hidden = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC9001', givenName: 'Hana', familyName: 'Reid', restricted: true, namedClinicianIds: [team.ids.priya] })
    )
    await team.call('cases:open', { personId: hidden.id, reason: 'self-referral', priority: 'routine', nextReviewDate: '2026-12-10' })
    await team.signInAsAdmin()
    await team.call('users:disable', { userId: team.ids.priya })
    return { opened, hidden }
  }

  it('is counted on the team caseload, listed for clinicians as far as they may see, and handed over in one step', async () => {
    const team = await teamStore(tempFolder())
    const { opened } = await priyaLeaves(team)

    const row = (
      await team.call<{ clinicianName: string; active: boolean; openCases: number; openTasks: number }[]>('caseload:team', {})
    ).find((r) => r.clinicianName === 'Priya Shah')
    expect(row).toMatchObject({ active: false, openCases: 2, openTasks: 8 })

    const left = await team.call<LeftWork[]>('cases:leftWork', {})
    expect(left).toHaveLength(1)
    expect(left[0]).toMatchObject({ userId: team.ids.priya, name: 'Priya Shah', cases: [{ id: opened.id, personName: 'Evans, Siân' }] })
    // Whether the review (3 Dec) has passed is the core's to say, by its clock.
    expect(left[0]?.cases[0]).toMatchObject({ nextReviewDate: '2026-12-03', reviewOverdue: false })
    expect(left[0]?.tasks.map((t) => t.title).sort()).toEqual([
      'Case review',
      'Chase GP letter',
      'Review a red screening result',
      'Send sleep leaflet',
      'Urgent: review risk (PHQ-9 item 9)',
      'Urgent: review risk (PHQ-9 item 9)',
      'Write up the team debrief'
    ])
    expect(JSON.stringify(left)).not.toContain('Reid')

    const done = await team.call<{ cases: number; tasks: number; stillHeld: number }>('cases:handOverLeftWork', {
      fromUserId: team.ids.priya,
      clinicianId: team.ids.tom,
      note
    })
    expect(done).toEqual({ fromName: 'Priya Shah', toName: 'Tom Whitfield', cases: 1, tasks: 7, stillHeld: 2 })
    expect(openTasksOf(team, team.ids.priya)).toEqual([{ title: 'Case review', case_id: expect.any(String) }])
    expect(await team.call<LeftWork[]>('cases:leftWork', {})).toEqual([])
    const [moved] = await team.call<CaseRecord[]>('cases:forPerson', { personId: team.person.id })
    expect(moved).toMatchObject({ openedByName: 'Priya Shah', assignedClinicianName: 'Tom Whitfield' })
    const audit = await team.auditText()
    for (const words of ['sleeping better', 'Thursday', 'GP aware']) expect(audit).not.toContain(words)
    expect(team.host.vault.sqlite.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'user.work-handed-over'").all()).toEqual([
      { entity_id: team.ids.priya, detail: '1 cases, 7 tasks' }
    ])
  })

  it('marks a left case whose review date has passed as overdue, by the core’s clock', async () => {
    const team = await teamStore(tempFolder())
    await priyaLeaves(team)
    const reviewOf = async () => (await team.call<LeftWork[]>('cases:leftWork', {}))[0]?.cases[0]
    expect(await reviewOf()).toMatchObject({ nextReviewDate: '2026-12-03', reviewOverdue: false })
    // 3 December, the review day itself: not yet overdue; 4 December: overdue.
    for (const [days, overdue] of [
      [7, false],
      [1, true]
    ] as const) {
      team.host.vault.lock('manual')
      team.clock.advance(days * 86_400_000)
      await team.signInAsAdmin()
      expect(await reviewOf()).toMatchObject({ nextReviewDate: '2026-12-03', reviewOverdue: overdue })
    }
  })

  it('a single case of a disabled holder takes its tasks with it too', async () => {
    const team = await teamStore(tempFolder())
    const { opened } = await priyaLeaves(team)
    const preview = await team.call<{ moving: Task[] }>('cases:handoverPreview', { id: opened.id })
    expect(preview.moving).toHaveLength(6)
    const moved = await team.call<{ handover: CaseHandover; assignedClinicianActive: boolean }>('cases:reassign', {
      id: opened.id,
      clinicianId: team.ids.tom,
      note
    })
    expect(moved.handover).toEqual({ fromName: 'Priya Shah', toName: 'Tom Whitfield', tasksMoved: 6 })
  })

  it('is handed over only from a disabled user, to an active clinician, and changes nothing when refused', async () => {
    const team = await teamStore(tempFolder())
    await priyaLeaves(team)
    expect(await team.raw('cases:handOverLeftWork', { fromUserId: team.ids.tom, clinicianId: team.ids.alex, note })).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'Tom Whitfield can still sign in. Hand their cases over one at a time, or ask an administrator to disable their account first.'
      }
    })
    expect(await team.raw('cases:handOverLeftWork', { fromUserId: team.ids.priya, clinicianId: team.ids.priya, note })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['clinicianId'] }
    })
    expect(await team.raw('cases:handOverLeftWork', { fromUserId: team.ids.priya, clinicianId: team.ids.tom, note: ' ' })).toMatchObject({
      ok: false,
      error: { fields: ['note'] }
    })
    expect(openTasksOf(team, team.ids.priya).length).toBe(8)
  })
})
