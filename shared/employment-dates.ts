/**
 * Whether a person's dates from an HR file could be true. A typo in a year (1895 for 1985,
 * 2105 for 2015) makes a date that parses but cannot be right; these rules catch the usual
 * ones. Dates are `YYYY-MM-DD` strings, compared as text.
 */
export const employmentDateLimits = {
  /** No one works for a force before their 16th birthday (volunteer cadets are not imported). */
  minimumAge: 16,
  /** Nobody on an HR file was born more than this many years ago. */
  oldestAge: 100,
  /** Starters are on HR files weeks or months ahead, never years. */
  startYearsAhead: 1,
  /** A planned leaving date (a fixed term, a retirement) can be years ahead, but not decades. */
  leavingYearsAhead: 10
}

export type EmploymentDate = 'start_date' | 'leaving_date'

export type ImplausibleDate =
  | { kind: 'born-in-future' }
  | { kind: 'born-too-long-ago' }
  | { kind: 'before-minimum-age'; date: EmploymentDate }
  | { kind: 'leaving-before-start' }
  | { kind: 'too-far-ahead'; date: EmploymentDate; years: number }

/**
 * The same day `years` later (earlier if negative), as text. 29 February in a year without
 * one stays "…-02-29", which sorts between the 28th and 1 March: a birthday on 29 February
 * is reached on 1 March, as UK law has it.
 */
export function yearsAfter(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years
  return `${String(year).padStart(4, '0')}${date.slice(4)}`
}

export function implausibleDates(
  dates: { dateOfBirth: string | null; startDate: string | null; leavingDate: string | null },
  today: string
): ImplausibleDate[] {
  const { dateOfBirth, startDate, leavingDate } = dates
  const limits = employmentDateLimits
  const found: ImplausibleDate[] = []
  if (dateOfBirth && dateOfBirth > today) found.push({ kind: 'born-in-future' })
  if (dateOfBirth && dateOfBirth < yearsAfter(today, -limits.oldestAge)) found.push({ kind: 'born-too-long-ago' })
  if (dateOfBirth) {
    const oldEnough = yearsAfter(dateOfBirth, limits.minimumAge)
    if (startDate && startDate < oldEnough) found.push({ kind: 'before-minimum-age', date: 'start_date' })
    // Leaving before 16 without a start date; with one, leaving before starting says it already.
    else if (!startDate && leavingDate && leavingDate < oldEnough) found.push({ kind: 'before-minimum-age', date: 'leaving_date' })
  }
  if (startDate && leavingDate && leavingDate < startDate) found.push({ kind: 'leaving-before-start' })
  if (startDate && startDate > yearsAfter(today, limits.startYearsAhead))
    found.push({ kind: 'too-far-ahead', date: 'start_date', years: limits.startYearsAhead })
  if (leavingDate && leavingDate > yearsAfter(today, limits.leavingYearsAhead))
    found.push({ kind: 'too-far-ahead', date: 'leaving_date', years: limits.leavingYearsAhead })
  return found
}
