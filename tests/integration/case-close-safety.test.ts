import { describe, expect, it } from 'vitest'
import type { CaseRecord, SafetyWork } from '../../shared/contract/cases'
import { teamStoreOn, tom } from '../fixtures/team'
import { engines, useEngineStores } from '../fixtures/engines'
import { itemNinePositive } from '../fixtures/screening-results'

const stores = useEngineStores()

type Team = Awaited<ReturnType<typeof teamStoreOn>>

/** Priya holds Siân's case; a PHQ-9 with item 9 positive raised an alert on it. */
async function caseWithOpenAlert(team: Team) {
  const opened = await team.priyaOpensCase()
  await team.call('screening:save', {
    personId: team.person.id,
    sittingDate: '2026-11-26',
    mode: 'clinician-entered',
    results: [itemNinePositive]
  })
  return opened
}

const openTasks = (team: Team) =>
  team.rows<{ title: string; assignee_id: string; source: string }>(
    "SELECT title, assignee_id, source FROM tasks WHERE status = 'open' ORDER BY title"
  )

describe.each(engines)('closing a case with open safety work (%s)', (engine) => {
  it('refuses without an explicit confirmation, changing nothing, and lists the work', async () => {
    const team = await teamStoreOn(stores, engine)
    const opened = await caseWithOpenAlert(team)
    await team.signIn(tom)
    const tasksBefore = await openTasks(team)

    const work = await team.call<SafetyWork[]>('cases:safetyWork', { id: opened.id })
    expect(work).toEqual([expect.objectContaining({ kind: 'alert', holderName: 'Priya Shah' })])
    expect(work[0]?.title).toContain('PHQ-9 item 9')

    const refused = await team.raw('cases:close', { id: opened.id, outcome: 'Back to full duties' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (refused.ok) throw new Error('closed')
    expect(refused.error.message).toContain('open safety work (1 item)')
    // Nothing changed: the case is open, no task was added or closed, nothing audited as closed.
    const [still] = await team.call<CaseRecord[]>('cases:forPerson', { personId: team.person.id })
    expect(still?.status).toBe('open')
    expect(await openTasks(team)).toEqual(tasksBefore)
    expect(await team.auditText()).not.toContain('case.closed')
  })

  it('closes with the confirmation, keeps the safety work open and tells the holder; the audit has no clinical content', async () => {
    const team = await teamStoreOn(stores, engine)
    const opened = await caseWithOpenAlert(team)
    await team.signIn(tom)

    const closed = await team.call<CaseRecord>('cases:close', {
      id: opened.id,
      outcome: 'Sleeping better now',
      confirmOpenSafetyWork: true
    })
    expect(closed.status).toBe('closed')
    // The alert and its urgent task stay open; only the case's review is closed.
    expect(await team.rows('SELECT status FROM alerts')).toEqual([{ status: 'open' }])
    const open = await openTasks(team)
    expect(open.filter((task) => task.source === 'rule:alert')).toEqual([expect.objectContaining({ assignee_id: team.ids.priya })])
    expect(open.map((task) => task.title)).not.toContain('Case review due')
    // Priya, who holds the case, is told by a task of her own.
    expect(open.filter((task) => task.assignee_id === team.ids.priya && task.source === 'rule:case-closed-by-other')).toEqual([
      expect.objectContaining({ title: 'Tom Whitfield closed your case with safety work still open: check it is followed up' })
    ])
    const audit = await team.auditText()
    expect(audit).toContain('open-safety-work:1')
    expect(audit).not.toContain('Sleeping better')
    expect(audit).not.toContain('PHQ-9')
    // The work is still listed for the person, but a closed case has none left to confirm.
    expect(await team.call<SafetyWork[]>('cases:safetyWork', { id: opened.id })).toEqual([])
  })

  it('does not send the holder a task when the holder closes their own case', async () => {
    const team = await teamStoreOn(stores, engine)
    const opened = await caseWithOpenAlert(team)
    await team.call('cases:close', { id: opened.id, outcome: 'Done', confirmOpenSafetyWork: true })
    expect((await openTasks(team)).filter((task) => task.source === 'rule:case-closed-by-other')).toEqual([])
    expect((await openTasks(team)).filter((task) => task.source === 'rule:alert')).toHaveLength(1)
  })
})
