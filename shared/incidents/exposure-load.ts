import { isCalendarDate } from '../calendar-date'
import { intensityFactor, type ExposureIntensity } from './categories'

/**
 * A person's cumulative trauma exposure over two rolling windows, and which threshold rules it
 * meets. Written once here; the core sends the result and the window only shows it.
 *
 * Windows, both ending today (London calendar, from the core's clock) and including it:
 * - 30 days: today and the 29 days before it (an exposure 29 days ago counts, 30 days ago does not);
 * - 12 months: from the day after the same date a year earlier, through today (on 26 Nov 2026,
 *   27 Nov 2025 counts and 26 Nov 2025 does not; on 29 Feb the year-earlier date is 28 Feb).
 * An exposure dated after today is in neither window (the core refuses such dates anyway).
 *
 * Each exposure counts once, and weighs its category's weight × its intensity (low 1, medium 2,
 * high 3). Hours of material reviewed are summed per window for the record; they do not change
 * the weight.
 */
export interface ExposureForLoad {
  /** `YYYY-MM-DD`: the incident's date. */
  date: string
  /** The category's weight when the exposure was recorded. */
  weight: number
  intensity: ExposureIntensity
  hours: number | null
}

/**
 * The thresholds, from the `exposureThresholds` setting (configurable; these are the defaults):
 * 3 or more exposures in 30 days, or a weighted load of 30 or more in 12 months. Null switches a
 * rule off.
 */
export interface ExposureThresholds {
  countIn30Days: number | null
  weightedIn12Months: number | null
}

export const defaultExposureThresholds: ExposureThresholds = { countIn30Days: 3, weightedIn12Months: 30 }

export const exposureRules = ['count-30-days', 'weighted-12-months'] as const
export type ExposureRule = (typeof exposureRules)[number]

export interface WindowLoad {
  /** The first date the window includes (it runs to today). */
  from: string
  count: number
  weighted: number
  hours: number
}

export interface FiredRule {
  rule: ExposureRule
  /** The rule in the user's words, naming its threshold. */
  label: string
}

export interface ExposureLoad {
  last30Days: WindowLoad
  last12Months: WindowLoad
  fired: FiredRule[]
}

export class ExposureLoadError extends RangeError {}

/** The first date in the 30-day window ending `today`. */
export function thirtyDayWindowStart(today: string): string {
  return addDays(today, -29)
}

/** The first date in the 12-month window ending `today`: the day after the same date a year before. */
export function twelveMonthWindowStart(today: string): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number]
  const sameDay = month === 2 && day === 29 ? `${year - 1}-02-28` : `${String(year - 1).padStart(4, '0')}-${today.slice(5)}`
  return addDays(sameDay, 1)
}

/** The first date of the window a rule looks at. */
export function ruleWindowStart(rule: ExposureRule, today: string): string {
  return rule === 'count-30-days' ? thirtyDayWindowStart(today) : twelveMonthWindowStart(today)
}

const reviewTitlePrefix = 'Review trauma exposure: '

/** The title of the review task a fired rule raises, naming the rule. */
export function exposureReviewTitle(label: string): string {
  return `${reviewTitlePrefix}${label}`
}

const reviewKeyPrefix = 'exposure:'

/** The review task's rule key: one per person, rule and the day it was raised. */
export function exposureReviewKey(personId: string, rule: ExposureRule, raisedOn: string): string {
  return `${reviewKeyPrefix}${personId}:${rule}:${raisedOn}`
}

/** The rule and day a review task's rule key holds, or null for any other key. */
export function exposureReviewKeyParts(key: string): { personId: string; rule: ExposureRule; raisedOn: string } | null {
  const [prefix, personId, rule, raisedOn, ...rest] = key.split(':')
  if (`${prefix}:` !== reviewKeyPrefix || !personId || !raisedOn || rest.length > 0) return null
  return (exposureRules as readonly string[]).includes(rule ?? '') ? { personId, rule: rule as ExposureRule, raisedOn } : null
}

export function ruleLabel(rule: ExposureRule, thresholds: ExposureThresholds): string {
  // A rule switched off since its review was raised is still named, without a number.
  if (rule === 'count-30-days')
    return thresholds.countIn30Days === null ? 'Exposures in 30 days' : `${thresholds.countIn30Days} or more exposures in 30 days`
  return thresholds.weightedIn12Months === null
    ? 'Weighted load in 12 months'
    : `Weighted load of ${thresholds.weightedIn12Months} or more in 12 months`
}

/** The calendar date `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const moved = new Date(Date.UTC(year, month - 1, day + days))
  // Years before 100 would be read as 19xx by Date.UTC; the calendar-date checks rule them out.
  return moved.toISOString().slice(0, 10)
}

/** Whether `date` falls in the window starting `from` and ending `today`, both included. */
export function inWindow(date: string, from: string, today: string): boolean {
  return date >= from && date <= today
}

function windowLoad(exposures: readonly ExposureForLoad[], from: string, today: string): WindowLoad {
  let count = 0
  let weighted = 0
  let hours = 0
  for (const exposure of exposures) {
    if (!inWindow(exposure.date, from, today)) continue
    count += 1
    weighted += exposure.weight * intensityFactor[exposure.intensity]
    hours += exposure.hours ?? 0
  }
  return { from, count, weighted, hours }
}

export function exposureLoad(exposures: readonly ExposureForLoad[], today: string, thresholds: ExposureThresholds): ExposureLoad {
  if (!isCalendarDate(today)) throw new ExposureLoadError('Today must be a real date')
  for (const exposure of exposures) if (!isCalendarDate(exposure.date)) throw new ExposureLoadError('Each exposure needs a real date')
  const last30Days = windowLoad(exposures, thirtyDayWindowStart(today), today)
  const last12Months = windowLoad(exposures, twelveMonthWindowStart(today), today)
  const fired: FiredRule[] = []
  if (thresholds.countIn30Days !== null && last30Days.count >= thresholds.countIn30Days)
    fired.push({ rule: 'count-30-days', label: ruleLabel('count-30-days', thresholds) })
  if (thresholds.weightedIn12Months !== null && last12Months.weighted >= thresholds.weightedIn12Months)
    fired.push({ rule: 'weighted-12-months', label: ruleLabel('weighted-12-months', thresholds) })
  return { last30Days, last12Months, fired }
}
