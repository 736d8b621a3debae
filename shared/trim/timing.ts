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
