import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Alert, FollowUp } from '../../shared/contract/screening'
import { priya, teamStoreOn } from '../fixtures/team'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'

const stores = useEngineStores()

type Team = Awaited<ReturnType<typeof teamStoreOn>>

/** Priya holds Siân's case, then leaves: an administrator disables her, so she cannot sign in. */
async function priyaHoldsThenLeaves(engine: Engine): Promise<{ team: Team; opened: CaseRecord }> {
  const team = await teamStoreOn(stores, engine)
  await team.signIn(priya)
  const opened = await team.call<CaseRecord>('cases:open', {
    personId: team.person.id,
    reason: 'post-incident',
    priority: 'soon',
    nextReviewDate: null
  })
  await team.signInAsAdmin()
  await team.call('users:disable', { userId: team.ids.priya })
  return { team, opened }
}

const openTasksOf = (team: Team, userId: string) =>
  team.rows<{ title: string; case_id: string | null; source: string }>(
    "SELECT title, case_id, source FROM tasks WHERE assignee_id = ? AND status = 'open' ORDER BY title",
    userId
  )

const teamDecisions = (team: Team) => team.call<{ rows: FollowUp[]; total: number }>('screening:followUps', {})

describe.each(engines)('a result for someone whose case holder cannot sign in (%s)', (engine) => {
  it('raises a red alert where the team sees it, saying the holder cannot sign in, and gives the holder nothing new', async () => {
    const { team, opened } = await priyaHoldsThenLeaves(engine)
    const before = await openTasksOf(team, team.ids.priya)

    await team.call('screening:save', {
      personId: team.person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 2] }]
    })

    const alerts = await team.call<Alert[]>('screening:alerts', {})
    expect(alerts).toHaveLength(1)
    expect(alerts[0]?.message).toBe(
      'PHQ-9 item 9 answered “More than half the days”. Priya Shah holds the case but cannot sign in: the team must act on this alert'
    )
    // Nothing new went to Priya, where no one would see it.
    expect(await openTasksOf(team, team.ids.priya)).toEqual(before)
    // The urgent task is with the clinician who recorded the result, on the case.
    expect(await openTasksOf(team, team.ids.alex)).toEqual([
      { title: 'Urgent: review risk (PHQ-9 item 9)', case_id: opened.id, source: 'rule:alert' }
    ])
    // And the red result waits on the team's worklist for a decision.
    const decisions = await teamDecisions(team)
    expect(decisions.rows.map((row) => [row.personId, row.reason, row.route, row.assigneeName])).toEqual([
      [team.person.id, 'red', 'team-decision', null]
    ])

    // Once the case is handed to someone who can sign in, the alert no longer says so.
    await team.call('cases:reassign', { id: opened.id, clinicianId: team.ids.tom, note: 'Priya has left.' })
    expect((await team.call<Alert[]>('screening:alerts', {}))[0]?.message).toBe('PHQ-9 item 9 answered “More than half the days”')
  })

  it('sends an unassessed risk (a safety question left blank) to the team, not to the holder', async () => {
    const { team } = await priyaHoldsThenLeaves(engine)
    const before = await openTasksOf(team, team.ids.priya)
    await team.call('screening:save', {
      personId: team.person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [
        {
          kind: 'items',
          instrument: 'phq9',
          answers: [1, 1, 1, 1, 1, 1, 1, 1, null],
          criticalNotAnswered: [{ item: 9, reason: 'declined' }]
        }
      ]
    })
    expect(await openTasksOf(team, team.ids.priya)).toEqual(before)
    const decisions = await teamDecisions(team)
    expect(decisions.rows.map((row) => [row.personId, row.reason, row.route])).toEqual([
      [team.person.id, 'risk-not-assessed', 'team-decision']
    ])
  })

  it('raises no alert for a result with warnings only, and gives the holder nothing', async () => {
    const { team } = await priyaHoldsThenLeaves(engine)
    const before = await openTasksOf(team, team.ids.priya)
    // AUDIT-C of 5: a positive screen (a warning), no safety question.
    await team.call('screening:save', {
      personId: team.person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'auditc', answers: [2, 2, 1] }]
    })
    expect(await team.rows('SELECT CAST(count(*) AS INTEGER) AS n FROM alerts')).toEqual([{ n: 0 }])
    expect(await team.call<Alert[]>('screening:alerts', {})).toEqual([])
    expect(await openTasksOf(team, team.ids.priya)).toEqual(before)
  })

  it('still routes to a holder who can sign in, with the alert worded as always', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.signIn(priya)
    const opened = await team.call<CaseRecord>('cases:open', {
      personId: team.person.id,
      reason: 'post-incident',
      priority: 'soon',
      nextReviewDate: null
    })
    await team.call('screening:save', {
      personId: team.person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 2] }]
    })
    expect((await team.call<Alert[]>('screening:alerts', {}))[0]?.message).toBe('PHQ-9 item 9 answered “More than half the days”')
    expect(await openTasksOf(team, team.ids.priya)).toContainEqual({
      title: 'Urgent: review risk (PHQ-9 item 9)',
      case_id: opened.id,
      source: 'rule:alert'
    })
    expect((await teamDecisions(team)).total).toBe(0)
  })
})
