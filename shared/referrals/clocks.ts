import { addCalendarDays, daysBetween, isCalendarDate } from '../calendar-date'

/**
 * Waiting-time clocks for a referral, as NHS waiting standards count them: days run from the
 * referral date; "within 6 weeks" means treatment started on or before day 42 and "within 18
 * weeks" on or before day 126. A referral still waiting counts up to today, and its `within…`
 * answer stays null until it either starts treatment or passes the limit — a wait is never
 * called a success before it has ended.
 */
export const sixWeeksInDays = 42
export const eighteenWeeksInDays = 126

export interface ReferralClockInput {
  /** `YYYY-MM-DD` */
  referredOn: string
  assessedOn?: string | null
  treatmentStartedOn?: string | null
  today: string
}

export interface ReferralClock {
  daysToAssessment: number | null
  daysToTreatment: number | null
  /** Days from referral to treatment, or to today while still waiting. */
  daysWaiting: number
  within6Weeks: boolean | null
  within18Weeks: boolean | null
}

const labels: Record<keyof ReferralClockInput, string> = {
  referredOn: 'Referral date',
  assessedOn: 'Assessment date',
  treatmentStartedOn: 'Treatment start date',
  today: 'Today'
}

export class ReferralClockError extends RangeError {}

function checkDate(field: keyof ReferralClockInput, value: string): void {
  if (!isCalendarDate(value)) throw new ReferralClockError(`${labels[field]} must be a real date`)
}

/** Days from the referral to an event that has happened (on or before today), or null if it has not. */
function daysToEvent(input: ReferralClockInput, field: 'assessedOn' | 'treatmentStartedOn'): number | null {
  const value = input[field]
  if (value === undefined || value === null) return null
  checkDate(field, value)
  if (daysBetween(input.referredOn, value) < 0) throw new ReferralClockError(`${labels[field]} cannot be before the referral date`)
  if (daysBetween(value, input.today) < 0) throw new ReferralClockError(`${labels[field]} cannot be in the future`)
  return daysBetween(input.referredOn, value)
}

function withinLimit(daysToTreatment: number | null, daysWaiting: number, limit: number): boolean | null {
  if (daysToTreatment !== null) return daysToTreatment <= limit
  return daysWaiting > limit ? false : null
}

export function referralClock(input: ReferralClockInput): ReferralClock {
  checkDate('referredOn', input.referredOn)
  checkDate('today', input.today)
  const daysToToday = daysBetween(input.referredOn, input.today)
  if (daysToToday < 0) throw new ReferralClockError('Referral date cannot be in the future')
  const daysToAssessment = daysToEvent(input, 'assessedOn')
  const daysToTreatment = daysToEvent(input, 'treatmentStartedOn')
  const daysWaiting = daysToTreatment ?? daysToToday
  return {
    daysToAssessment,
    daysToTreatment,
    daysWaiting,
    within6Weeks: withinLimit(daysToTreatment, daysWaiting, sixWeeksInDays),
    within18Weeks: withinLimit(daysToTreatment, daysWaiting, eighteenWeeksInDays)
  }
}

export type ReferralBreach = '6-weeks' | '18-weeks'

/** A referral still waiting for treatment breaches once its wait passes 6 (then 18) weeks. */
export function referralBreach(daysWaiting: number, stillWaiting: boolean): ReferralBreach | null {
  if (!stillWaiting) return null
  if (daysWaiting > eighteenWeeksInDays) return '18-weeks'
  if (daysWaiting > sixWeeksInDays) return '6-weeks'
  return null
}

/**
 * The same rule as dates, for queries: a referral sent before `sixWeeks` (or `eighteenWeeks`)
 * and still waiting for treatment has breached as of `today`.
 */
export function breachCutoffs(today: string): { sixWeeks: string; eighteenWeeks: string } {
  return { sixWeeks: addCalendarDays(today, -sixWeeksInDays), eighteenWeeks: addCalendarDays(today, -eighteenWeeksInDays) }
}
