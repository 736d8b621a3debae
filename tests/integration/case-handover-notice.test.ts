import { describe, expect, it } from 'vitest'
import type { LeftWork } from '../../shared/contract/cases'
import type { Task } from '../../shared/contract/tasks'
import { teamStoreOn, tom } from '../fixtures/team'
import { engines, useEngineStores } from '../fixtures/engines'

const stores = useEngineStores()

const note = 'Seen weekly since the incident; sleeping better.\nNext: review on Thursday.'
type Team = Awaited<ReturnType<typeof teamStoreOn>>

function noticesOf(team: Team, userId: string) {
  return team.rows<{ title: string; case_id: string; person_id: string; status: string }>(
    "SELECT title, case_id, person_id, status FROM tasks WHERE assignee_id = ? AND source = 'rule:handover-notice' ORDER BY created_at",
    userId
  )
}

async function priyasCase(team: Team) {
  const opened = await team.priyaOpensCase()
  await team.call('tasks:create', { title: 'Chase GP letter', dueDate: '2026-12-01', personId: team.person.id, caseId: opened.id })
  return opened
}

// The clinician a case is handed to is told, with the handover note; the notice is not work.
describe.each(engines)('a handover notice (%s)', (engine) => {
  it('tells the new holder which case is now theirs and what the note says, and tells nobody else', async () => {
    const team = await teamStoreOn(stores, engine)
    const opened = await priyasCase(team)
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note })
    expect(await noticesOf(team, team.ids.tom)).toEqual([
      {
        title: `Post-incident case handed over to you by Priya Shah. Handover note: ${note}`,
        case_id: opened.id,
        person_id: team.person.id,
        status: 'open'
      }
    ])
    expect(await noticesOf(team, team.ids.priya)).toEqual([])
    expect(await noticesOf(team, team.ids.alex)).toEqual([])
    // The audit says a notice was made, never what it says.
    expect(await team.auditText()).not.toContain('sleeping better')
    expect(
      await team.rows("SELECT CAST(count(*) AS INTEGER) AS n FROM audit_log WHERE action = 'task.created' AND detail = 'handover-notice'")
    ).toEqual([{ n: 1 }])

    await team.signIn(tom)
    const mine = await team.call<{ rows: Task[] }>('tasks:list', { view: 'mine' })
    const notice = mine.rows.find((task) => task.source === 'rule:handover-notice')
    expect(notice).toMatchObject({ personName: 'Evans, Siân', caseId: opened.id })
    // It is Tom's to read, not work on the record: the case's and the person's task lists leave it out.
    for (const view of [
      { view: 'case', caseId: opened.id },
      { view: 'person', personId: team.person.id }
    ]) {
      const listed = await team.call<{ rows: Task[]; total: number }>('tasks:list', view)
      expect(listed.rows.map((task) => task.source)).not.toContain('rule:handover-notice')
      expect(listed.total).toBe(listed.rows.length)
    }
    // Read, it closes like any task, with nothing to write down.
    expect(await team.call<Task>('tasks:complete', { id: notice?.id })).toMatchObject({ status: 'done', outcome: null })
  })

  it('never moves with the case: handing it on closes the old notice and tells the next holder', async () => {
    const team = await teamStoreOn(stores, engine)
    const opened = await priyasCase(team)
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note })
    await team.signIn(tom)
    const preview = await team.call<{ moving: Task[]; staying: Task[] }>('cases:handoverPreview', { id: opened.id })
    expect(preview.moving.map((task) => task.title).sort()).toEqual(['Case review', 'Chase GP letter'])
    expect(preview.staying).toEqual([])
    const moved = await team.call<{ handover: { tasksMoved: number } }>('cases:reassign', {
      id: opened.id,
      clinicianId: team.ids.alex,
      note: 'Back to Alex.'
    })
    expect(moved.handover.tasksMoved).toBe(2)
    expect((await noticesOf(team, team.ids.tom)).map((n) => n.status)).toEqual(['done'])
    expect(await noticesOf(team, team.ids.alex)).toEqual([
      expect.objectContaining({
        title: 'Post-incident case handed over to you by Tom Whitfield. Handover note: Back to Alex.',
        status: 'open'
      })
    ])
  })

  it('is not counted as work left by a clinician who can no longer sign in, and closes when their work is handed over', async () => {
    const team = await teamStoreOn(stores, engine)
    const opened = await priyasCase(team)
    await team.signInAsAdmin()
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note })
    await team.call('users:disable', { userId: team.ids.tom })
    expect((await noticesOf(team, team.ids.tom)).map((n) => n.status)).toEqual(['open'])

    const row = (await team.call<{ clinicianName: string; openTasks: number; overdueTasks: number }[]>('caseload:team', {})).find(
      (r) => r.clinicianName === 'Tom Whitfield'
    )
    expect(row).toMatchObject({ openTasks: 2 })
    const left = await team.call<LeftWork[]>('cases:leftWork', {})
    expect(left[0]?.tasks.map((task) => task.title).sort()).toEqual(['Case review', 'Chase GP letter'])

    const done = await team.call<{ cases: number; tasks: number; stillHeld: number }>('cases:handOverLeftWork', {
      fromUserId: team.ids.tom,
      clinicianId: team.ids.priya,
      note: 'Tom has left.'
    })
    expect(done).toEqual({ fromName: 'Tom Whitfield', toName: 'Priya Shah', cases: 1, tasks: 2, stillHeld: 0 })
    expect(
      await team.rows("SELECT CAST(count(*) AS INTEGER) AS n FROM tasks WHERE assignee_id = ? AND status = 'open'", team.ids.tom)
    ).toEqual([{ n: 0 }])
    expect(await noticesOf(team, team.ids.priya)).toEqual([
      expect.objectContaining({
        title: 'Post-incident case handed over to you by Alex Morgan. Handover note: Tom has left.',
        status: 'open'
      })
    ])
    expect(await team.call<LeftWork[]>('cases:leftWork', {})).toEqual([])
    // Nobody disabled holds anything now, so Team caseload no longer lists Tom.
    expect((await team.call<{ clinicianName: string }[]>('caseload:team', {})).map((r) => r.clinicianName)).not.toContain('Tom Whitfield')
  })

  it('is not counted among a case’s open tasks on the caseload', async () => {
    const team = await teamStoreOn(stores, engine)
    const opened = await priyasCase(team)
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note })
    await team.signIn(tom)
    const caseload = await team.call<{ rows: { caseId: string; openTasks: number }[] }>('caseload:list', {})
    expect(caseload.rows.find((r) => r.caseId === opened.id)).toMatchObject({ openTasks: 2 })
  })
})
