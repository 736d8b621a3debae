import { differenceInYears, format, isValid, parse } from 'date-fns'
import { enGB } from 'date-fns/locale'

/**
 * Calendar dates (birth, incident, review) are plain `YYYY-MM-DD` strings with no time zone,
 * so a date never shifts across midnight or summer time. These helpers read the forms HR
 * systems and people write (always day before month, as in the UK) and show dates with the
 * month in words.
 */
const isoPattern = /^\d{4}-\d{2}-\d{2}$/

// Day-first forms only: 03/04/2026 is 3 April, never 4 March.
const acceptedFormats = [
  'yyyy-MM-dd',
  'd/M/yyyy',
  'd-M-yyyy',
  'd.M.yyyy',
  'yyyy/M/d',
  'd MMM yyyy',
  'd MMMM yyyy',
  'd-MMM-yyyy',
  'd MMM, yyyy'
]

const reference = new Date(2000, 0, 1)

// The numeric forms almost every HR file uses, read directly: trying each date-fns pattern in
// turn took most of the time of checking a large file. Same answers (tests/unit/calendar-date.test.ts).
const isoForm = /^(\d{4})-(\d{2})-(\d{2})$/
const dayFirstForm = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/
// "5 Mar 2010", "5 March 2010", "5 Mar, 2010" and "5-MAR-2010", with the month's English name in
// any case; anything else in words (such as "Sept") is left to the patterns, as before.
const wordsForm = /^(\d{1,2})( |-)([A-Za-z]+)(,?)\2(\d{4})$/
const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december'
]
const shortMonths = new Map(monthNames.map((name, index) => [name.slice(0, 3), index + 1]))
const longMonths = new Map(monthNames.map((name, index) => [name, index + 1]))

/** The words forms the patterns accept: a full name only with spaces and no comma. */
function wordsDate(match: RegExpExecArray): string | null | undefined {
  const [, day, separator, name = '', comma, year] = match
  const lower = name.toLowerCase()
  const month = shortMonths.get(lower) ?? (separator === ' ' && comma === '' ? longMonths.get(lower) : undefined)
  if (month === undefined) return undefined
  if (separator === '-' && comma === ',') return undefined
  return realDate(Number(year), month, Number(day))
}

function realDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** `YYYY-MM-DD` for any accepted form of a real date, or null. Two-digit years are refused. */
export function parseCalendarDate(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/g, ' ')
  if (trimmed === '') return null
  const iso = isoForm.exec(trimmed)
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const dayFirst = dayFirstForm.exec(trimmed)
  if (dayFirst) return realDate(Number(dayFirst[4]), Number(dayFirst[3]), Number(dayFirst[1]))
  const words = wordsForm.exec(trimmed)
  const fromWords = words ? wordsDate(words) : undefined
  return fromWords === undefined ? parseWithPatterns(trimmed) : fromWords
}

/** Every accepted form, by date-fns: the words forms ("12 Mar 1980") and the rarer numeric ones. */
export function parseWithPatterns(trimmed: string): string | null {
  for (const pattern of acceptedFormats) {
    const parsed = parse(trimmed, pattern, reference, { locale: enGB })
    if (isValid(parsed) && parsed.getFullYear() >= 1000) {
      const iso = format(parsed, 'yyyy-MM-dd')
      // date-fns accepts "31/2/2026" as 3 March on some inputs; insist the day survived.
      if (pattern === 'yyyy-MM-dd' && iso !== trimmed) return null
      return iso
    }
  }
  return null
}

export function isCalendarDate(text: string): boolean {
  return isoPattern.test(text) && parseCalendarDate(text) === text
}

function toLocal(iso: string): Date {
  const [year, month, day] = iso.split('-').map(Number)
  return new Date(year ?? 0, (month ?? 1) - 1, day ?? 1)
}

/** `9 Sep 2026`: never a numeric month. */
export function formatCalendarDate(iso: string | null | undefined): string {
  if (!iso || !isCalendarDate(iso)) return 'Not known'
  return format(toLocal(iso), 'd MMM yyyy', { locale: enGB })
}

// Made once: building a time-zone formatter costs about 0.1 ms, and nearly every call asks for today.
const londonIsoDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today's calendar date in London, for due dates and ages. */
export function todayInLondon(now: Date): string {
  return londonIsoDate.format(now)
}

export function ageOn(dateOfBirth: string | null | undefined, today: string): number | null {
  if (!dateOfBirth || !isCalendarDate(dateOfBirth)) return null
  return differenceInYears(toLocal(today), toLocal(dateOfBirth))
}

// Day arithmetic in UTC, where every day has 24 hours: no summer time to step round, and about
// ten times quicker than date-fns over local dates, which mattered for lists that count waits.
const dayMs = 86_400_000

function utcMidnight(iso: string, plusDays = 0): number {
  const [year, month, day] = iso.split('-').map(Number)
  return Date.UTC(year ?? Number.NaN, (month ?? Number.NaN) - 1, (day ?? Number.NaN) + plusDays)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / dayMs)
}

/** The calendar date `days` after `iso` (before it when negative). */
export function addCalendarDays(iso: string, days: number): string {
  return new Date(utcMidnight(iso, days)).toISOString().slice(0, 10)
}
