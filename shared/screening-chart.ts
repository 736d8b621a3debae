import { allows } from './contract/access'
import type { PersonExposures } from './contract/incidents'
import { incidentsChannels } from './contract/incidents'
import type { Role } from './contract/session'

/**
 * What a screening chart marks besides the scores, and over which dates. The window draws it; the
 * rules for the dates a chart covers and which events fall inside them live here, so they are
 * tested once and the window only displays.
 */

/** A dated marker on a screening chart: a case opened or closed, or an incident the person was exposed to. */
export interface ChartEvent {
  date: string
  /** Case events: what happened. Incidents: category and reference only, never clinical detail. */
  label: string
  kind: 'case' | 'incident'
}

/** A calendar date as a point on a chart's time axis (midday UTC, so no time zone moves it a day). */
export const dayOf = (date: string): number => Date.parse(`${date}T12:00:00Z`)

const day = 86_400_000

/**
 * The dates a chart covers, as [from, to] on its time axis: from the first sitting to the last,
 * widened by case events since the first sitting (a case opened after the last score still shows),
 * with a margin either side. Incidents never widen it: they are marked only where they fall among
 * the scores, so a chart is not stretched by an exposure years away from any sitting.
 */
export function chartDomain(sittingDates: readonly string[], events: readonly ChartEvent[]): [number, number] {
  const sittings = sittingDates.map(dayOf)
  const first = sittings.length ? Math.min(...sittings) : 0
  const caseTimes = events.filter((event) => event.kind === 'case').map((event) => dayOf(event.date))
  const last = Math.max(sittings.length ? Math.max(...sittings) : 0, ...caseTimes.filter((time) => time >= first))
  // At least a month wide, so a single sitting still has room either side.
  const span = Math.max(last - first, 30 * day)
  return [first - span * 0.05, last + span * 0.05]
}

/** The events that fall within a chart's dates, oldest first. */
export function eventsOnChart<E extends { date: string }>(events: readonly E[], domain: readonly [number, number]): E[] {
  return events
    .filter((event) => dayOf(event.date) >= domain[0] && dayOf(event.date) <= domain[1])
    .sort((a, b) => a.date.localeCompare(b.date))
}

/** One marker per incident in a person's exposure history, labelled by category and reference. */
export function incidentEvents(history: PersonExposures['history']): ChartEvent[] {
  const seen = new Set<string>()
  return history.flatMap((exposure) => {
    if (seen.has(exposure.incidentId)) return []
    seen.add(exposure.incidentId)
    return [{ date: exposure.occurredOn, label: `${exposure.categoryName}, ${exposure.reference}`, kind: 'incident' as const }]
  })
}

/**
 * Whether the screening charts may mark incidents for someone with these roles: exactly when they
 * may read a person's exposures, so the charts are never a way round the exposures' access list.
 */
export function mayMarkIncidents(roles: readonly Role[] | null): boolean {
  return allows(incidentsChannels['incidents:forPerson'].access, roles)
}
