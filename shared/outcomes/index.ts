/**
 * Treatment outcomes classified as NHS Talking Therapies reports them, from a person's paired
 * PHQ-9 (depression) and GAD-7 (anxiety) scores before and after treatment.
 *
 * - Caseness: PHQ-9 ≥ 10 or GAD-7 ≥ 8 — a case if at or above either cut-off.
 * - Recovery: a case before, and below both cut-offs after. Only people at caseness before can
 *   recover; for anyone else it is false.
 * - Reliable change: a fall (improvement) or rise (deterioration) of at least the measure's
 *   reliable change index — PHQ-9 6, GAD-7 4.
 * - Reliable improvement: a reliable fall on at least one measure and no reliable rise on the
 *   other. Reliable deterioration: a reliable rise on either measure.
 * - Reliable recovery: both recovery and reliable improvement.
 *
 * The cut-offs and indices are NHS Talking Therapies' published values (docs/outcomes.md). The
 * exact wording of the mixed case — one measure improving reliably while the other deteriorates
 * reliably — is not confirmed in a primary source: it is counted here as deterioration and not
 * improvement, the reading that never overstates how a person is doing.
 */

export interface Measure {
  readonly caseness: number
  readonly reliableChange: number
  readonly maximum: number
}

export const measures = {
  phq9: { caseness: 10, reliableChange: 6, maximum: 27 },
  gad7: { caseness: 8, reliableChange: 4, maximum: 21 }
} as const satisfies Record<string, Measure>

export interface PairedScores {
  pre: number
  post: number
}

export interface OutcomeInput {
  phq9: PairedScores
  gad7: PairedScores
}

export interface Outcome {
  atCasenessPre: boolean
  atCasenessPost: boolean
  recovery: boolean
  reliableImprovement: boolean
  reliableDeterioration: boolean
  reliableRecovery: boolean
}

const names = { phq9: 'PHQ-9', gad7: 'GAD-7' } as const

export class OutcomeInputError extends RangeError {}

function checkScore(measure: keyof typeof measures, when: keyof PairedScores, score: number): void {
  const { maximum } = measures[measure]
  if (!Number.isInteger(score) || score < 0 || score > maximum) {
    throw new OutcomeInputError(
      `${names[measure]} score ${when === 'pre' ? 'before' : 'after'} treatment must be a whole number from 0 to ${maximum}`
    )
  }
}

export function classifyOutcome(input: OutcomeInput): Outcome {
  for (const measure of ['phq9', 'gad7'] as const) {
    checkScore(measure, 'pre', input[measure].pre)
    checkScore(measure, 'post', input[measure].post)
  }
  const isCase = (when: keyof PairedScores) => input.phq9[when] >= measures.phq9.caseness || input.gad7[when] >= measures.gad7.caseness
  const fell = (measure: keyof typeof measures) => input[measure].pre - input[measure].post >= measures[measure].reliableChange
  const rose = (measure: keyof typeof measures) => input[measure].post - input[measure].pre >= measures[measure].reliableChange

  const atCasenessPre = isCase('pre')
  const atCasenessPost = isCase('post')
  const recovery = atCasenessPre && !atCasenessPost
  const reliableDeterioration = rose('phq9') || rose('gad7')
  const reliableImprovement = (fell('phq9') || fell('gad7')) && !reliableDeterioration
  return {
    atCasenessPre,
    atCasenessPost,
    recovery,
    reliableImprovement,
    reliableDeterioration,
    reliableRecovery: recovery && reliableImprovement
  }
}
