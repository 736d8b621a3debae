/**
 * When a person's record is past retention (docs/retention.md). Pure: dates are `YYYY-MM-DD`
 * text, "today" comes from the core's clock.
 *
 * Two record classes, each kept for a number of whole years set by an administrator:
 * - (a) a leaver's whole record: kept for `leaverYears` after the later of the leaving date and
 *   the last entry of any kind about them (an entry made after someone left restarts the clock);
 *   someone with no leaving date has not left, so is never due by this rule;
 * - (b) health surveillance records (screenings, when the setting says they are): kept for
 *   `surveillanceYears` after the last one.
 * A person is past retention only when every class that applies to them is over, so the longest
 * period wins. A period ends on its anniversary (29 February counts as reached on 1 March in a
 * year without one, the later day, which keeps records longer); the record is kept through that
 * day and is due from the day after.
 */

export interface RetentionPeriods {
  leaverYears: number
  surveillanceYears: number
  screeningsAreHealthSurveillance: boolean
}

export const defaultRetentionPeriods: RetentionPeriods = {
  leaverYears: 6,
  surveillanceYears: 40,
  screeningsAreHealthSurveillance: true
}

export interface RetentionFacts {
  /** The leaving date, or null when the person has not left. */
  leftOn: string | null
  /** The date of the last entry of any kind about the person, or null when there is none. */
  lastEntryOn: string | null
  /** The date of the last health surveillance record (screening sitting), or null. */
  lastSurveillanceOn: string | null
}

/** Which rule holds a person longest: the one that decides when they fall due. */
export type RetentionRule = 'leaver' | 'health-surveillance'

export type RetentionDue =
  | { due: false; reason: 'not-left' }
  | {
      due: boolean
      reason: 'period'
      keptUntil: string
      rule: RetentionRule
      leaverKeptUntil: string
      surveillanceKeptUntil: string | null
    }

/**
 * The same calendar day `years` later. 29 February in a year without one becomes 1 March (the
 * later day: a record is never let go early).
 */
export function addYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years
  const month = iso.slice(5, 7)
  const day = iso.slice(8, 10)
  if (month === '02' && day === '29' && !isLeapYear(year)) return `${pad(year)}-03-01`
  return `${pad(year)}-${month}-${day}`
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const pad = (year: number) => String(year).padStart(4, '0')

const later = (a: string, b: string | null) => (b !== null && b > a ? b : a)

/** Whether the person is past retention on `today`, and until when each rule keeps them. */
export function retentionDue(facts: RetentionFacts, periods: RetentionPeriods, today: string): RetentionDue {
  if (facts.leftOn === null) return { due: false, reason: 'not-left' }
  const leaverKeptUntil = addYears(later(facts.leftOn, facts.lastEntryOn), periods.leaverYears)
  const surveillanceKeptUntil =
    periods.screeningsAreHealthSurveillance && facts.lastSurveillanceOn !== null
      ? addYears(facts.lastSurveillanceOn, periods.surveillanceYears)
      : null
  const rule: RetentionRule = surveillanceKeptUntil !== null && surveillanceKeptUntil > leaverKeptUntil ? 'health-surveillance' : 'leaver'
  const keptUntil = rule === 'health-surveillance' && surveillanceKeptUntil !== null ? surveillanceKeptUntil : leaverKeptUntil
  return { due: today > keptUntil, reason: 'period', keptUntil, rule, leaverKeptUntil, surveillanceKeptUntil }
}
