/**
 * Display rules for dates and instants: always Europe/London, months always in words
 * (`9 Sep 2026`), never numeric months alone, so nobody misreads 03/04 as 4 March.
 */
const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric'
})

const londonLongDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric'
})

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' })

/** `9 Sep 2026` for an instant, in London time. */
export function formatDate(instant: Date): string {
  // Intl gives "Sept" for September in en-GB; clinical displays use three letters.
  return londonDate.format(instant).replace('Sept', 'Sep')
}

/** `Thursday 26 November 2026`, for headings. */
export function formatLongDate(instant: Date): string {
  return londonLongDate.format(instant).replace(',', '')
}

/** A greeting that suits the time of day in London. */
export function greetingFor(instant: Date): string {
  const hour = Number(londonHour.format(instant))
  if (hour < 12) return 'Good morning'
  if (hour < 18) return 'Good afternoon'
  return 'Good evening'
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23'
})

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: number): number {
  const part = (type: string) => Number(londonParts.formatToParts(new Date(instant)).find((p) => p.type === type)?.value)
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000)
}

/** The instant of a wall-clock time in London (`2026-11-26`, `14:05`), as a Date. */
export function londonInstant(date: string, time: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`)
  const first = naive - londonOffsetMinutes(naive) * 60_000
  // Re-check at the guess, so times near a clock change land on the right side of it.
  return new Date(naive - londonOffsetMinutes(first) * 60_000)
}

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** `14:05`, London time. */
export function formatTime(instant: Date): string {
  return londonTime.format(instant)
}

/** `26 Nov 2026 at 14:05`, London time. */
export function formatDateTime(instant: Date): string {
  return `${formatDate(instant)} at ${formatTime(instant)}`
}
