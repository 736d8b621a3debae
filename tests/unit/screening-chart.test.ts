import { describe, expect, it } from 'vitest'
import { contract } from '../../shared/contract'
import { allows } from '../../shared/contract/access'
import type { PersonExposures } from '../../shared/contract/incidents'
import { roles, type Role } from '../../shared/contract/session'
import { chartDomain, dayOf, eventsOnChart, incidentEvents, mayMarkIncidents, type ChartEvent } from '../../shared/screening-chart'

const day = 86_400_000
const incident = (date: string, label = 'Sudden death, CAD 1'): ChartEvent => ({ date, label, kind: 'incident' })
const caseEvent = (date: string): ChartEvent => ({ date, label: 'Case closed', kind: 'case' })
const onChart = (sittings: string[], events: ChartEvent[]) => eventsOnChart(events, chartDomain(sittings, events)).map((e) => e.date)

describe('what a screening chart covers', () => {
  // 2 Mar to 1 Sep 2026 is 183 days: a margin of 9.15 days either side.
  const sittings = ['2026-09-01', '2026-03-02']

  it('runs from the first sitting to the last, whatever their order, with a twentieth of the span either side', () => {
    expect(chartDomain(sittings, [])).toEqual([dayOf('2026-03-02') - 9.15 * day, dayOf('2026-09-01') + 9.15 * day])
  })

  it('marks incidents between the sittings and within the margin, oldest first, and none further out', () => {
    const events = ['2026-09-11', '2026-09-10', '2026-06-01', '2026-02-21', '2026-02-20', '2025-06-01'].map((date) => incident(date))
    expect(onChart(sittings, events)).toEqual(['2026-02-21', '2026-06-01', '2026-09-10'])
  })

  it('is never widened by an incident, so one far from any sitting is left off rather than stretching the chart', () => {
    expect(chartDomain(sittings, [incident('2026-11-20'), incident('2024-01-01')])).toEqual(chartDomain(sittings, []))
  })

  it('is widened by a case event after the last sitting (not before the first), and then marks an incident up to it', () => {
    const events = [caseEvent('2026-11-01'), caseEvent('2025-01-01'), incident('2026-10-30')]
    const [from, to] = chartDomain(sittings, events)
    expect(from).toBe(dayOf('2026-03-02') - 12.2 * day)
    expect(to).toBe(dayOf('2026-11-01') + 12.2 * day)
    expect(onChart(sittings, events)).toEqual(['2026-10-30', '2026-11-01'])
  })

  it('gives a single sitting at least a month, so an incident within a day and a half either side shows and one a week off does not', () => {
    expect(onChart(['2026-06-10'], [incident('2026-06-11'), incident('2026-06-09'), incident('2026-06-17')])).toEqual([
      '2026-06-09',
      '2026-06-11'
    ])
  })
})

describe('incident markers', () => {
  const exposure = (incidentId: string, occurredOn: string, reference: string): PersonExposures['history'][number] => ({
    incidentId,
    occurredOn,
    categoryName: 'Fatal road collision',
    reference,
    part: 'attended',
    intensity: 'high',
    hoursReviewed: null,
    weighted: 12
  })

  it('labels each incident once by its category and reference, and nothing else', () => {
    const markers = incidentEvents([
      exposure('a', '2026-06-01', 'CAD 5150'),
      exposure('a', '2026-06-01', 'CAD 5150'),
      exposure('b', '2026-07-01', 'CAD 9')
    ])
    expect(markers).toEqual([
      { date: '2026-06-01', label: 'Fatal road collision, CAD 5150', kind: 'incident' },
      { date: '2026-07-01', label: 'Fatal road collision, CAD 9', kind: 'incident' }
    ])
  })

  /** Every combination of roles, from none to all four. */
  const combinations: Role[][] = roles.reduce<Role[][]>((sets, role) => [...sets, ...sets.map((set) => [...set, role])], [[]])

  it.each(combinations.map((set) => [set.join(' and ') || 'no role', set] as const))(
    'marks incidents for %s exactly when they may read exposures',
    (_name, set) => {
      expect(mayMarkIncidents(set)).toBe(allows(contract['incidents:forPerson'].access, set))
      // Whoever may see screenings but not exposures gets no markers.
      if (allows(contract['screening:forPerson'].access, set) && !allows(contract['incidents:forPerson'].access, set)) {
        expect(mayMarkIncidents(set)).toBe(false)
      }
    }
  )

  it('marks none for a user who is not signed in, or who is only an administrator, TRiM practitioner or reporter', () => {
    expect(mayMarkIncidents(null)).toBe(false)
    for (const role of ['admin', 'trim', 'reporting'] as const) expect(mayMarkIncidents([role])).toBe(false)
    expect(mayMarkIncidents(['clinician'])).toBe(true)
  })
})
