import { daysBetween } from '../calendar-date'
import { classifyOutcome, type Outcome } from './index'

/**
 * Which of a person's screenings stand for "before" and "after" a completed referral, and the
 * outcome they give. One rule for every measure (PHQ-9, GAD-7, PCL-5), each paired on its own:
 *
 * - Before: the latest score on or before the referral was sent, no more than
 *   `preLookBackDays` before it. If there is none, the earliest score in the
 *   `preGraceDaysAfter` days after sending (services often screen at the first contact), as
 *   long as it is before treatment started.
 * - After: the score nearest the date the referral was completed, from the day after the
 *   "before" score up to `postGraceDaysAfter` days after completion; of two equally near, the
 *   earlier. Never the same sitting as "before".
 *
 * The classification (NHS Talking Therapies, ./index.ts) needs both PHQ-9 and GAD-7 before and
 * after; if any of the four is missing there is no classification, and the core says which.
 * PCL-5 is shown alongside where it was used but is not part of the classification.
 */
export const outcomePairing = { preLookBackDays: 90, preGraceDaysAfter: 14, postGraceDaysAfter: 14 } as const

export const outcomeMeasures = ['phq9', 'gad7', 'pcl5'] as const
export type OutcomeMeasure = (typeof outcomeMeasures)[number]

export const outcomeMeasureNames: Record<OutcomeMeasure, string> = { phq9: 'PHQ-9', gad7: 'GAD-7', pcl5: 'PCL-5' }

export interface Sitting {
  /** `YYYY-MM-DD` */
  date: string
  total: number
}

export interface PairedSittings {
  pre: Sitting | null
  post: Sitting | null
}

export interface PairingDates {
  referredOn: string
  treatmentStartedOn: string | null
  completedOn: string
}

/** The before and after sittings of one measure, by the rule above. */
export function pairSittings(sittings: readonly Sitting[], dates: PairingDates): PairedSittings {
  const { preLookBackDays, preGraceDaysAfter, postGraceDaysAfter } = outcomePairing
  const sorted = [...sittings].sort((a, b) => a.date.localeCompare(b.date))
  const onOrBefore = sorted.filter((s) => {
    const before = daysBetween(s.date, dates.referredOn)
    return before >= 0 && before <= preLookBackDays
  })
  const graceEnd = dates.treatmentStartedOn
  const soonAfter = sorted.find((s) => {
    const after = daysBetween(dates.referredOn, s.date)
    return after > 0 && after <= preGraceDaysAfter && (graceEnd === null || daysBetween(s.date, graceEnd) > 0)
  })
  const pre = onOrBefore.at(-1) ?? soonAfter ?? null
  let post: Sitting | null = null
  for (const s of sorted) {
    if (pre !== null && daysBetween(pre.date, s.date) <= 0) continue
    if (daysBetween(dates.referredOn, s.date) < 0) continue
    // A score from before treatment began says nothing about its end.
    if (dates.treatmentStartedOn !== null && daysBetween(dates.treatmentStartedOn, s.date) <= 0) continue
    if (daysBetween(dates.completedOn, s.date) > postGraceDaysAfter) continue
    const distance = Math.abs(daysBetween(dates.completedOn, s.date))
    if (post === null || distance < Math.abs(daysBetween(dates.completedOn, post.date))) post = s
  }
  return { pre, post }
}

export interface ReferralOutcome {
  scores: { measure: OutcomeMeasure; name: string; pre: Sitting | null; post: Sitting | null }[]
  classification: Outcome | null
  /** The classification in words, or which score is missing. */
  summary: string
}

/** The headlines an outcome can have, one each: the outcome rates report counts by them. */
export const outcomeHeadlines = [
  'Reliable recovery',
  'Recovered',
  'Reliable improvement',
  'No reliable change',
  'Reliable deterioration'
] as const
export type OutcomeHeadline = (typeof outcomeHeadlines)[number]

/** The outcome's one headline, most telling first, as NHS Talking Therapies reports it. */
export function outcomeHeadline(outcome: Outcome): OutcomeHeadline {
  if (outcome.reliableDeterioration) return 'Reliable deterioration'
  if (outcome.reliableRecovery) return 'Reliable recovery'
  if (outcome.recovery) return 'Recovered'
  if (outcome.reliableImprovement) return 'Reliable improvement'
  return 'No reliable change'
}

/** The outcome's headline in words, saying why recovery does not apply to someone below caseness. */
export function outcomeWords(outcome: Outcome): string {
  const headline = outcomeHeadline(outcome)
  if (headline === 'No reliable change' && !outcome.atCasenessPre)
    return 'No reliable change (below caseness before treatment, so recovery does not apply)'
  return headline
}

/** Pairs every measure and classifies the result, or says plainly which scores are missing. */
export function referralOutcome(sittings: Record<OutcomeMeasure, readonly Sitting[]>, dates: PairingDates): ReferralOutcome {
  const scores = outcomeMeasures
    .map((measure) => ({ measure, name: outcomeMeasureNames[measure], ...pairSittings(sittings[measure], dates) }))
    // PCL-5 only where it was used.
    .filter((row) => row.measure !== 'pcl5' || row.pre !== null || row.post !== null)
  const missing = scores
    .filter((row) => row.measure !== 'pcl5')
    .flatMap((row) => [
      ...(row.pre ? [] : [`${row.name} score from the time of the referral`]),
      ...(row.post ? [] : [`${row.name} score from the end of treatment`])
    ])
  const phq9 = scores.find((row) => row.measure === 'phq9')
  const gad7 = scores.find((row) => row.measure === 'gad7')
  if (missing.length > 0 || !phq9?.pre || !phq9.post || !gad7?.pre || !gad7.post) {
    return { scores, classification: null, summary: `Not classified: there is no ${listWords(missing)}.` }
  }
  const classification = classifyOutcome({
    phq9: { pre: phq9.pre.total, post: phq9.post.total },
    gad7: { pre: gad7.pre.total, post: gad7.post.total }
  })
  return { scores, classification, summary: outcomeWords(classification) }
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`
}
