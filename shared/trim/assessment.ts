/**
 * A TRiM assessment's score and whether it prompts a referral: one rule for the core (which
 * stores and routes it) and the window (which only shows what the core said).
 * - The score is the number of risk factors recorded present; it is never typed in.
 * - A referral is prompted when the score is at or above the threshold (the `trimSettings`
 *   setting, 3 until changed), or at a follow-up where persistent difficulty is recorded.
 */
export const assessmentKinds = ['initial', 'follow-up'] as const
export type AssessmentKind = (typeof assessmentKinds)[number]

export const assessmentKindLabels: Record<AssessmentKind, string> = { initial: 'Initial assessment', 'follow-up': 'Follow-up assessment' }

export const assessmentOutcomes = ['no-further-action', 'follow-up', 'refer'] as const
export type AssessmentOutcome = (typeof assessmentOutcomes)[number]

export const assessmentOutcomeLabels: Record<AssessmentOutcome, string> = {
  'no-further-action': 'No further action',
  'follow-up': 'Follow-up',
  refer: 'Refer'
}

export function trimScore(factors: readonly { present: boolean }[]): number {
  return factors.filter((factor) => factor.present).length
}

export type PromptReason = 'score' | 'persistent-difficulty'

export interface PromptInput {
  kind: AssessmentKind
  score: number
  /** Recorded at a follow-up only; null at an initial assessment. */
  persistentDifficulty: boolean | null
  threshold: number
}

/** Why this assessment prompts a referral, each reason that applies; empty when it does not. */
export function referralPromptReasons(input: PromptInput): PromptReason[] {
  const reasons: PromptReason[] = []
  if (input.score >= input.threshold) reasons.push('score')
  if (input.kind === 'follow-up' && input.persistentDifficulty === true) reasons.push('persistent-difficulty')
  return reasons
}

export function promptsReferral(input: PromptInput): boolean {
  return referralPromptReasons(input).length > 0
}

export const referralPromptTitle = 'A TRiM assessment suggests a referral'

/**
 * A referral made for the person on or after the day of an assessment (calendar dates,
 * `YYYY-MM-DD`) answers that assessment's suggestion of one: it is no longer waiting for anyone.
 */
export function referralAnswersPrompt(referralMadeOn: string, assessedOn: string): boolean {
  return referralMadeOn >= assessedOn
}
