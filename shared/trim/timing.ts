import { addDays } from '../incidents/exposure-load'

/**
 * When a TRiM offer's two assessments fall due, counted in calendar days from the incident's
 * date: the initial assessment about 72 hours after (3 days) and the follow-up about a month
 * after (28 days). Both are the force's settings (`trimSettings`); these are the defaults.
 */
export interface TrimSettings {
  initialAssessmentDays: number
  followUpDays: number
  /** Risk factors present at or above which an assessment prompts a referral. */
  referralThreshold: number
}

export const defaultTrimSettings: TrimSettings = { initialAssessmentDays: 3, followUpDays: 28, referralThreshold: 3 }

export function trimDueDates(incidentDate: string, settings: Pick<TrimSettings, 'initialAssessmentDays' | 'followUpDays'>) {
  return { initialDue: addDays(incidentDate, settings.initialAssessmentDays), followUpDue: addDays(incidentDate, settings.followUpDays) }
}

/** The assessment a TRiM offer waits for next, when it falls due, and whether that is past. */
export interface NextTrimAssessment {
  kind: 'initial' | 'follow-up'
  /** `YYYY-MM-DD` */
  dueOn: string
  overdue: boolean
}

/**
 * The initial assessment until it is recorded, then the follow-up until that is; null once both
 * are. Overdue means the due day has passed (due today is not overdue). Calendar dates compare as text.
 */
export function nextTrimAssessment(offer: {
  initialDue: string
  followUpDue: string
  recorded: readonly ('initial' | 'follow-up')[]
  today: string
}): NextTrimAssessment | null {
  const kind = !offer.recorded.includes('initial') ? 'initial' : !offer.recorded.includes('follow-up') ? 'follow-up' : null
  if (kind === null) return null
  const dueOn = kind === 'initial' ? offer.initialDue : offer.followUpDue
  return { kind, dueOn, overdue: dueOn < offer.today }
}
