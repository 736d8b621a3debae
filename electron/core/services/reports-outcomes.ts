import { addCalendarDays } from '../../../shared/calendar-date'
import { outcomeHeadline, outcomeHeadlines, outcomePairing, referralOutcome, type Sitting } from '../../../shared/outcomes/pairing'
import type { CountedTable } from './reports-tables'
import { groupHeading, groupKey, groupLabel, fixedGroupRows } from './reports-groups'
import type { ReportQuery } from './reports-queries'

/** Each completed referral's outcome, one column each; the last for those that cannot be classified. */
export const notClassified = 'Not classified (a score missing)'
export const outcomeColumns: string[] = [...outcomeHeadlines, notClassified]

/**
 * Outcome rates for referrals completed in the period (docs/outcomes.md): each referral paired
 * with its person's PHQ-9 and GAD-7 totals by the rule of shared/outcomes/pairing.ts and counted
 * once under its headline (reliable recovery, recovered, reliable improvement, no reliable change,
 * reliable deterioration), or as not classified when a score is missing. The pairing's windows
 * are not SQL, so the core reads the fewest rows it can from the report views (migration 0260):
 * ids as opaque keys, dates and totals; no name, answer or free text. Only the counts leave, and
 * through suppression like every table.
 */
export async function outcomes(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period, by } = query
  const completed = await db
    .selectFrom('report_completed_referrals')
    .select([groupKey(by).as('g'), 'referral_id', 'person_id', 'referred_on', 'treatment_started_on', 'completed_on'])
    .where('completed_on', '>=', period.from)
    .where('completed_on', '<=', period.to)
    .execute()
  const earliest = completed.reduce((first, row) => (row.referred_on < first ? row.referred_on : first), period.from)
  const scores = await db
    .selectFrom('report_outcome_scores')
    .select(['person_id', 'sitting_date', 'measure', 'total'])
    .where(
      'person_id',
      'in',
      db
        .selectFrom('report_completed_referrals')
        .select('person_id')
        .where('completed_on', '>=', period.from)
        .where('completed_on', '<=', period.to)
    )
    // No score before the earliest referral's look-back, or after the latest completion's grace, can be paired.
    .where('sitting_date', '>=', addCalendarDays(earliest, -outcomePairing.preLookBackDays))
    .where('sitting_date', '<=', addCalendarDays(period.to, outcomePairing.postGraceDaysAfter))
    .orderBy('sitting_date')
    .execute()
  const byPerson = new Map<string, { phq9: Sitting[]; gad7: Sitting[]; pcl5: Sitting[] }>()
  for (const row of scores) {
    let sittings = byPerson.get(row.person_id)
    if (sittings === undefined) byPerson.set(row.person_id, (sittings = { phq9: [], gad7: [], pcl5: [] }))
    sittings[row.measure].push({ date: row.sitting_date, total: Number(row.total) })
  }
  const none = { phq9: [], gad7: [], pcl5: [] }
  const counts = new Map<string, number>()
  for (const referral of completed) {
    // Only the scores the pairing's windows can reach (dates compare as text), so that a person
    // screened for years is not walked through for every referral.
    const from = addCalendarDays(referral.referred_on, -outcomePairing.preLookBackDays)
    const to = addCalendarDays(referral.completed_on, outcomePairing.postGraceDaysAfter)
    const all = byPerson.get(referral.person_id) ?? none
    const within = (sittings: Sitting[]) => sittings.filter((sitting) => sitting.date >= from && sitting.date <= to)
    const outcome = referralOutcome(
      { phq9: within(all.phq9), gad7: within(all.gad7), pcl5: [] },
      {
        referredOn: referral.referred_on,
        treatmentStartedOn: referral.treatment_started_on,
        completedOn: referral.completed_on
      }
    )
    const column = outcome.classification === null ? notClassified : outcomeHeadline(outcome.classification)
    const key = `${referral.g}\u0000${column}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const figures = [...counts].map(([key, value]) => {
    const [g = '', column = ''] = key.split('\u0000')
    return { row: groupLabel(by, g), column, value }
  })
  return [
    {
      id: 'outcomes',
      title: 'Outcomes of completed referrals',
      kind: 'counts',
      rowHeading: groupHeading(by),
      rows: fixedGroupRows(by),
      sortRows: true,
      columns: outcomeColumns,
      totalLabel: 'Referrals completed',
      note: 'Referrals completed in the period, each counted once by its outcome on PHQ-9 and GAD-7 before and after treatment (NHS Talking Therapies measures): recovered is below caseness after treatment, having been a case before; reliable recovery is recovery with a reliable improvement; reliable deterioration is a reliable rise on either measure. A referral without both scores before and after is not classified. Rates are not given as percentages: beside a hidden count, a percentage could reveal it.',
      figures
    }
  ]
}
