import { describe, expect, it } from 'vitest'
import type { Referral } from '../../shared/contract/referrals'
import { gad7, phq9, referralTeamOn } from '../fixtures/referrals'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'

const stores = useEngineStores()

/** Rosa, referred on 26 Nov 2026, treated from 10 Dec and completed on 25 Jan 2027 (day 60). */
async function treatedReferral(
  engine: Engine,
  screen: (team: Awaited<ReturnType<typeof referralTeamOn>>, personId: string) => Promise<void>
) {
  const team = await referralTeamOn(stores, engine)
  const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
  const save = (sittingDate: string, results: unknown[]) =>
    team.call('screening:save', { personId: rosa.id, sittingDate, mode: 'clinician-entered', results })
  const referral = await team.sent(rosa.id, '2026-11-26')
  await team.later(60)
  await team.step(referral, 'assessed', '2026-12-03')
  await team.step(referral, 'treatment-started', '2026-12-10')
  await screen(team, rosa.id)
  const completed = await team.step(referral, 'completed', '2027-01-25')
  return { team, rosa, referral, completed, save }
}

describe.each(engines)('the outcome of a completed referral (%s)', (engine) => {
  it('pairs the scores on or before the referral with those nearest completion, and classifies them', async () => {
    const { completed } = await treatedReferral(engine, async (team, personId) => {
      const save = (sittingDate: string, results: unknown[]) =>
        team.call('screening:save', { personId, sittingDate, mode: 'clinician-entered', results })
      await save('2026-10-01', [phq9(3), gad7(2)]) // an older sitting: not the latest before the referral
      await save('2026-11-20', [phq9(16), gad7(12)])
      await save('2027-01-02', [phq9(11), gad7(9)]) // mid-treatment: further from completion
      await save('2027-01-22', [phq9(6), gad7(5)])
    })
    expect(completed.outcome).toEqual({
      scores: [
        { measure: 'phq9', name: 'PHQ-9', pre: { date: '2026-11-20', total: 16 }, post: { date: '2027-01-22', total: 6 } },
        { measure: 'gad7', name: 'GAD-7', pre: { date: '2026-11-20', total: 12 }, post: { date: '2027-01-22', total: 5 } }
      ],
      classification: {
        atCasenessPre: true,
        atCasenessPost: false,
        recovery: true,
        reliableImprovement: true,
        reliableDeterioration: false,
        reliableRecovery: true
      },
      summary: 'Reliable recovery'
    })
  })

  it('takes the first score within 14 days after the referral when there is none before it, and never a superseded one', async () => {
    const { completed } = await treatedReferral(engine, async (team, personId) => {
      const save = (sittingDate: string, results: unknown[]) =>
        team.call('screening:save', { personId, sittingDate, mode: 'clinician-entered', results })
      await save('2026-12-01', [phq9(14), gad7(10)])
      const typo = (await save('2027-01-25', [phq9(2), gad7(1)])) as { id: string }
      await team.call('screening:correct', {
        screeningId: typo.id,
        reason: 'Entered against the wrong answers',
        results: [phq9(12), gad7(5)]
      })
    })
    expect(completed.outcome?.scores.map((row) => [row.name, row.pre?.date, row.post?.date])).toEqual([
      ['PHQ-9', '2026-12-01', '2027-01-25'],
      ['GAD-7', '2026-12-01', '2027-01-25']
    ])
    // GAD-7 fell reliably (10 → 5) and PHQ-9 stayed at caseness (14 → 12).
    expect(completed.outcome?.summary).toBe('Reliable improvement')
  })

  it('says plainly which score is missing, and classifies nothing, when there is no score at the end', async () => {
    const { completed } = await treatedReferral(engine, async (team, personId) => {
      await team.call('screening:save', {
        personId,
        sittingDate: '2026-11-26',
        mode: 'clinician-entered',
        results: [phq9(15), gad7(11)]
      })
    })
    expect(completed.outcome).toEqual({
      scores: [
        { measure: 'phq9', name: 'PHQ-9', pre: { date: '2026-11-26', total: 15 }, post: null },
        { measure: 'gad7', name: 'GAD-7', pre: { date: '2026-11-26', total: 11 }, post: null }
      ],
      classification: null,
      summary: 'Not classified: there is no PHQ-9 score from the end of treatment or GAD-7 score from the end of treatment.'
    })
  })

  it('names a missing measure before the referral, and does not use a score from long before it', async () => {
    const { completed } = await treatedReferral(engine, async (team, personId) => {
      const save = (sittingDate: string, results: unknown[]) =>
        team.call('screening:save', { personId, sittingDate, mode: 'clinician-entered', results })
      await save('2026-06-01', [gad7(12)]) // more than 90 days before the referral
      await save('2026-11-26', [phq9(15)])
      await save('2027-01-25', [phq9(4), gad7(3)])
    })
    expect(completed.outcome?.classification).toBeNull()
    expect(completed.outcome?.summary).toBe('Not classified: there is no GAD-7 score from the time of the referral.')
  })

  it('is given only for a completed referral; one still in treatment has none', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    await team.call('screening:save', {
      personId: rosa.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9(15), gad7(11)]
    })
    const referral = await team.sent(rosa.id, '2026-11-26')
    await team.step(referral, 'assessed', '2026-11-26')
    const treated = await team.step(referral, 'treatment-started', '2026-11-26')
    expect(treated.outcome).toBeNull()
    const [listed] = await team.call<Referral[]>('referrals:forPerson', { personId: rosa.id })
    expect(listed?.outcome).toBeNull()
  })

  it('shows PCL-5 alongside where it was used, outside the classification', async () => {
    const { completed } = await treatedReferral(engine, async (team, personId) => {
      const save = (sittingDate: string, results: unknown[]) =>
        team.call('screening:save', { personId, sittingDate, mode: 'clinician-entered', results })
      await save('2026-11-26', [phq9(9), gad7(7), { kind: 'items', instrument: 'pcl5', answers: Array.from({ length: 20 }, () => 2) }])
      await save('2027-01-25', [phq9(9), gad7(7), { kind: 'items', instrument: 'pcl5', answers: Array.from({ length: 20 }, () => 1) }])
    })
    expect(completed.outcome?.scores.find((row) => row.measure === 'pcl5')).toEqual({
      measure: 'pcl5',
      name: 'PCL-5',
      pre: { date: '2026-11-26', total: 40 },
      post: { date: '2027-01-25', total: 20 }
    })
    expect(completed.outcome?.summary).toBe('No reliable change (below caseness before treatment, so recovery does not apply)')
  })
})
