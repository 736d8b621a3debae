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
