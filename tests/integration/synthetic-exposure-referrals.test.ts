import { beforeAll, describe, expect, it } from 'vitest'
import { daysBetween, todayInLondon } from '../../shared/calendar-date'
import { nextReferralStatuses, referralEnded, type ReferralStatus } from '../../shared/referrals/status'
import { referralPromptReasons } from '../../shared/trim/assessment'
import { syncReferralChasers } from '../../electron/core/services/referrals-chasers'
import { seedSynthetic, type SeedResult } from '../../electron/core/services/synthetic'
import type { SqliteDatabase } from '../../electron/core/store/open'
import { callAs } from '../fixtures/core-context'
import { createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const clock = () => new Date('2026-11-26T09:30:00Z')
const today = todayInLondon(clock())

interface ReferralRow {
  id: string
  person_id: string
  destination_id: string
  status: ReferralStatus
  consent_id: string | null
  referred_on: string | null
  assessed_on: string | null
  treatment_started_on: string | null
  ended_on: string | null
  last_step_on: string
  created_at: string
}

describe('synthetic incidents, TRiM and referrals', () => {
  let sqlite: SqliteDatabase
  let seeded: SeedResult
  let host: Awaited<ReturnType<typeof createTestStore>>['host']
  const all = <T>(text: string): T[] => sqlite.prepare(text).all() as T[]
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

  beforeAll(async () => {
    ;({ host } = await createTestStore(tempFolder(), clock))
    seeded = await seedSynthetic(callAs(host), { people: 1500, seed: 13, referralsPerPerson: 2 })
    sqlite = host.vault.sqlite
  })

  it('counts what it wrote, about two referrals a person, and breaks no foreign key', () => {
    expect(seeded.referrals).toBe(count('referrals'))
    expect(seeded.referralSteps).toBe(count('referral_steps'))
    expect(seeded.consents).toBe(count('consents'))
    expect(seeded.incidents).toBe(count('incidents'))
    expect(seeded.exposures).toBe(count('exposures'))
    expect(seeded.trimPlans).toBe(count('trim_plans'))
    expect(seeded.trimOffers).toBe(count('trim_offers'))
    expect(seeded.trimAssessments).toBe(count('trim_assessments'))
    expect(seeded.tasks).toBe(count('tasks'))
    expect(seeded.referrals).toBeGreaterThan(2700)
    expect(seeded.referrals).toBeLessThan(3300)
    for (const n of [seeded.incidents, seeded.exposures, seeded.trimPlans, seeded.trimOffers, seeded.trimAssessments])
      expect(n).toBeGreaterThan(0)
    expect(all('PRAGMA foreign_key_check')).toEqual([])
  })

  it('gives every referral a legal status history, dated in order, that its row agrees with', () => {
    const referrals = all<ReferralRow>('SELECT * FROM referrals')
    const steps = all<{ referral_id: string; step_number: number; status: ReferralStatus; happened_on: string; person_id: string }>(
      'SELECT referral_id, step_number, status, happened_on, person_id FROM referral_steps ORDER BY referral_id, step_number'
    )
    const byReferral = new Map<string, typeof steps>()
    for (const step of steps) byReferral.set(step.referral_id, [...(byReferral.get(step.referral_id) ?? []), step])
    const problems: string[] = []
    for (const referral of referrals) {
      const history = byReferral.get(referral.id) ?? []
      const first = history[0]
      const last = history[history.length - 1]
      if (!first || !last || first.status !== 'drafted') problems.push(`${referral.id}: does not start drafted`)
      history.forEach((step, index) => {
        const before = history[index - 1]
        if (step.step_number !== index + 1) problems.push(`${referral.id}: step numbers`)
        if (step.person_id !== referral.person_id) problems.push(`${referral.id}: step for someone else`)
        if (before && !nextReferralStatuses[before.status].includes(step.status))
          problems.push(`${referral.id}: ${before.status} → ${step.status}`)
        if (before && step.happened_on < before.happened_on) problems.push(`${referral.id}: dated out of order`)
      })
      const firstOn = (status: ReferralStatus) => history.find((step) => step.status === status)?.happened_on ?? null
      if (last && (referral.status !== last.status || referral.last_step_on !== last.happened_on))
        problems.push(`${referral.id}: row is not its last step`)
      if (referral.referred_on !== firstOn('sent')) problems.push(`${referral.id}: referred_on`)
      if (referral.assessed_on !== firstOn('assessed')) problems.push(`${referral.id}: assessed_on`)
      if (referral.treatment_started_on !== firstOn('treatment-started')) problems.push(`${referral.id}: treatment_started_on`)
      if ((referral.ended_on !== null) !== referralEnded(referral.status)) problems.push(`${referral.id}: ended_on`)
    }
    expect(problems).toEqual([])
    // Every status of the journey turns up, so the histories are not all one shape.
    expect(new Set(referrals.map((r) => r.status))).toEqual(new Set(Object.keys(nextReferralStatuses)))
  })

  it('has a current consent for the destination, given by the day it was sent, for every referral sent', () => {
    const unconsented = all<{ id: string }>(`
      SELECT r.id FROM referrals r LEFT JOIN consents c ON c.id = r.consent_id
      WHERE r.referred_on IS NOT NULL AND (c.id IS NULL OR c.person_id <> r.person_id OR c.purpose <> 'referral'
        OR c.destination_id <> r.destination_id OR c.given_on > r.referred_on OR c.withdrawn_on IS NOT NULL)`)
    expect(unconsented).toEqual([])
    expect(all('SELECT id FROM referrals WHERE referred_on IS NULL AND consent_id IS NOT NULL')).toEqual([])
    expect(count('referrals WHERE referred_on IS NOT NULL')).toBeGreaterThan(0)
  })

  it('dates nothing after today, and has waits past 6 and 18 weeks', () => {
    const now = clock().toISOString()
    const future = [
      ...all(
        `SELECT id FROM referrals WHERE max(coalesce(referred_on, ''), coalesce(assessed_on, ''), coalesce(treatment_started_on, ''), coalesce(ended_on, ''), last_step_on) > '${today}' OR created_at > '${now}' OR updated_at > '${now}'`
      ),
      ...all(`SELECT id FROM referral_steps WHERE happened_on > '${today}' OR recorded_at > '${now}'`),
      ...all(`SELECT id FROM consents WHERE given_on > '${today}' OR recorded_at > '${now}'`),
      ...all(`SELECT id FROM incidents WHERE occurred_on > '${today}'`),
      ...all(`SELECT id FROM trim_plans WHERE decided_on > '${today}'`),
      ...all(`SELECT id FROM trim_assessments WHERE assessed_on > '${today}' OR created_at > '${now}'`),
      ...all(`SELECT id FROM tasks WHERE created_at > '${now}' OR completed_at > '${now}'`)
    ]
    expect(future).toEqual([])
    const waits = all<ReferralRow>('SELECT * FROM referrals WHERE referred_on IS NOT NULL').map((r) =>
      daysBetween(r.referred_on ?? '', r.treatment_started_on ?? r.ended_on ?? today)
    )
    expect(waits.filter((days) => days > 42).length).toBeGreaterThan(0)
    expect(waits.filter((days) => days > 126).length).toBeGreaterThan(0)
    // Some still open for the worklist, most ended.
    const open = count(`referrals WHERE ended_on IS NULL`)
    expect(open).toBeGreaterThan(0)
    expect(open).toBeLessThan(seeded.referrals / 2)
  })

  it('has chased every quiet referral already, so the app finds no chaser left to raise', async () => {
    expect(count("tasks WHERE source = 'rule:referral-chase'")).toBeGreaterThan(0)
    expect(await syncReferralChasers(callAs(host))).toBe(0)
  })

  it('writes exposures and TRiM as the app does', () => {
    expect(
      all(`SELECT e.id FROM exposures e JOIN incidents i ON i.id = e.incident_id JOIN incident_categories c ON c.id = i.category_id
           WHERE e.occurred_on <> i.occurred_on OR e.weight <> c.weight OR (e.part = 'viewed-material') <> (e.hours_reviewed IS NOT NULL)`)
    ).toEqual([])
    // Offered only to people exposed in the incident, after a plan that offered TRiM.
    expect(
      all(`SELECT o.id FROM trim_offers o JOIN trim_plans p ON p.id = o.plan_id
           LEFT JOIN exposures e ON e.incident_id = o.incident_id AND e.person_id = o.person_id
           WHERE e.id IS NULL OR p.decision <> 'offered' OR p.incident_id <> o.incident_id`)
    ).toEqual([])
    // A task is done exactly when its assessment is recorded.
    expect(
      all(`SELECT o.id FROM trim_offers o JOIN tasks t ON t.id IN (o.initial_task_id, o.follow_up_task_id)
           LEFT JOIN trim_assessments a ON a.offer_id = o.id AND a.kind = CASE WHEN t.id = o.initial_task_id THEN 'initial' ELSE 'follow-up' END
           WHERE (t.status = 'done') <> (a.id IS NOT NULL)`)
    ).toEqual([])
    const assessments = all<{
      kind: 'initial' | 'follow-up'
      score: number
      factors_present: string
      persistent_difficulty: number | null
      prompted: number
      prompt_task_id: string | null
    }>('SELECT kind, score, factors_present, persistent_difficulty, prompted, prompt_task_id FROM trim_assessments')
    const wrong = assessments.filter((a) => {
      const reasons = referralPromptReasons({
        kind: a.kind,
        score: a.score,
        persistentDifficulty: a.persistent_difficulty === null ? null : a.persistent_difficulty === 1,
        threshold: 3
      })
      return (
        (JSON.parse(a.factors_present) as string[]).length !== a.score ||
        reasons.length > 0 !== (a.prompted === 1) ||
        (a.prompted === 1) !== (a.prompt_task_id !== null)
      )
    })
    expect(wrong).toEqual([])
    expect(assessments.some((a) => a.prompted === 1)).toBe(true)
  })
})
