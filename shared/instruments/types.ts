/**
 * Questionnaires as data plus a pure scoring function. Every definition carries its version
 * and its scoring version, so a stored score can always be traced to the rules that made it.
 */
export interface ResponseOption {
  value: number
  label: string
}

export interface InstrumentItem {
  /** 1-based, in the instrument's published order. */
  number: number
  /** Full wording where the licence allows it; otherwise a short label. */
  text: string
  options: ResponseOption[]
}

export interface Band {
  min: number
  max: number
  /** Lower case, as the reference gives it (e.g. "moderately severe"). */
  label: string
}

export type FlagSeverity = 'critical' | 'warning' | 'info'

export interface Flag {
  code: string
  severity: FlagSeverity
  message: string
}

export interface ScoreResult {
  /** Null when more items are missing than the instrument's rule allows, or it has no total. */
  total: number | null
  band: string | null
  subscales: Record<string, number | null>
  flags: Flag[]
  /** Every item answered. */
  complete: boolean
  /** Critical items (e.g. PHQ-9 item 9) left unanswered: risk was not assessed by this form. */
  unansweredCritical: number[]
  scoringVersion: string
}

export type Answers = readonly (number | null)[]

/**
 * An instrument's rule for missing items (helpers.ts totalAllowingMissing applies it): with
 * `prorate`, up to `allowed` items may be missing and the total is the mean of the answered
 * items scaled to the full count; without it, any missing item withholds the total.
 */
export interface MissingItems {
  allowed: number
  prorate: boolean
}

export interface ScoringOptions {
  /** PCL-5 provisional PTSD cut-off (a setting; default 33). */
  pcl5Cutoff?: number
  /** PC-PTSD-5 positive screen cut-off (3 optimally sensitive, 4 optimally efficient; default 3). */
  pcptsd5Cutoff?: number
}

export interface InstrumentDefinition {
  id: string
  title: string
  version: string
  scoringVersion: string
  recallPeriod: string
  /** True when item wording may be shown in Harbour; false means labels only. */
  textEmbedded: boolean
  items: InstrumentItem[]
  reverseScoredItems: number[]
  subscales: Record<string, number[]>
  /** What each subscale is called on screen (e.g. ITQ "ptsd" → "PTSD symptoms"). */
  subscaleLabels?: Record<string, string>
  bands: Band[]
  /** The score at or above which the result counts as clinically significant (amber), if any. */
  clinicalCutoff: number | null
  /** Items where any answer above 0 is a safety signal. */
  criticalItems: number[]
  /** How many items may be missing before the total is withheld, and whether it is pro-rated. */
  missing: MissingItems
  /** Lowest and highest possible total. */
  range: { min: number; max: number } | null
  copyright: string
  source: string
  score: (answers: Answers, options: ScoringOptions) => Omit<ScoreResult, 'scoringVersion' | 'complete' | 'unansweredCritical'>
  /** When "every item answered" does not apply as it stands (PC-PTSD-5's gate question). */
  isComplete?: (answers: Answers) => boolean
}

/** Bad input to a scoring function: says which item, never guesses. */
export class InstrumentInputError extends Error {
  constructor(
    message: string,
    readonly instrumentId: string,
    readonly item: number | null
  ) {
    super(message)
    this.name = 'InstrumentInputError'
  }
}
