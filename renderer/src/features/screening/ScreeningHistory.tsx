import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { Screening } from '../../../../shared/contract/screening'
import { getInstrument, instrumentIds } from '../../../../shared/instruments'
import { isReliableChange } from '../../../../shared/instruments/reliable-change'
import { Tag } from '../../components/Tag'

const ragColour = { red: 'red', amber: 'yellow', green: 'green' } as const
// Green to red through the bands; pale enough for dark text and the line to stay readable.
const bandShades = ['#cfe9d7', '#e4f1c2', '#fff0b3', '#fdd9b5', '#f7c1bb', '#f0a39b']

export interface ChartEvent {
  date: string
  label: string
}

const dayOf = (iso: string) => Date.parse(`${iso}T12:00:00Z`)

interface Point {
  date: string
  time: number
  label: string
  total: number
  reliable: boolean
  change: number | null
}

function seriesFor(instrument: string, screenings: Screening[]): Point[] {
  const current = screenings.filter((s) => !s.supersededById).sort((a, b) => a.sittingDate.localeCompare(b.sittingDate))
  const points: Point[] = []
  for (const sitting of current) {
    const result = sitting.results.find((r) => r.instrument === instrument)
    if (!result || result.total === null) continue
    const previous = points.at(-1)
    const change = previous ? result.total - previous.total : null
    points.push({ date: sitting.sittingDate, time: dayOf(sitting.sittingDate), label: formatCalendarDate(sitting.sittingDate), total: result.total, change, reliable: previous ? isReliableChange(instrument, previous.total, result.total) : false })
  }
  return points
}

/** One instrument over time: bands shaded, cut-off drawn, reliable changes marked; a table for screen readers beside it. */
function InstrumentChart({ instrument, points, events }: { instrument: string; points: Point[]; events: ChartEvent[] }) {
  const definition = getInstrument(instrument)
  const max = definition.range?.max ?? Math.max(...points.map((p) => p.total), 10)
  const first = points[0]?.time ?? 0
  // Events since the first score widen the chart, so a case opened after the last score still shows.
  const eventTimes = events.map((event) => dayOf(event.date)).filter((time) => time >= first)
  const last = Math.max(points.at(-1)?.time ?? 0, ...eventTimes)
  const span = Math.max(last - first, 30 * 86_400_000)
  const domain: [number, number] = [first - span * 0.05, last + span * 0.05]
  const shown = events.filter((event) => dayOf(event.date) >= domain[0] && dayOf(event.date) <= domain[1])
  return (
    <figure className="chart" aria-labelledby={`chart-${instrument}`}>
      <figcaption className="heading-s" id={`chart-${instrument}`}>
        {definition.title.split(' (')[0]} over time
      </figcaption>
      <div className="chart__plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            {definition.bands.map((band, index) => (
              <ReferenceArea key={band.label} y1={band.min} y2={Math.min(band.max + 1, max)} fill={bandShades[index] ?? bandShades[0]} fillOpacity={0.7} ifOverflow="hidden" />
            ))}
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="time" type="number" scale="time" domain={domain} ticks={points.map((p) => p.time)} tickFormatter={(time: number) => formatCalendarDate(new Date(time).toISOString().slice(0, 10))} />
            <YAxis domain={[definition.range?.min ?? 0, max]} allowDecimals={false} width={36} />
            {shown.map((event) => (
              <ReferenceLine key={`${event.date}-${event.label}`} x={dayOf(event.date)} stroke="#4c6272" strokeDasharray="2 4" label={{ value: event.label, position: 'insideTopRight', fontSize: 12 }} />
            ))}
            {definition.clinicalCutoff !== null ? <ReferenceLine y={definition.clinicalCutoff} className="chart__cutoff" strokeDasharray="6 3" label={{ value: `cut-off ${definition.clinicalCutoff}`, position: 'insideTopRight' }} /> : null}
            <Line type="linear" dataKey="total" className="chart__line" stroke="#005eb8" strokeWidth={3} isAnimationActive={false} dot={(props: { cx?: number; cy?: number; payload?: Point; index?: number }) => (
              <circle key={props.index} cx={props.cx} cy={props.cy} r={props.payload?.reliable ? 7 : 4} className={props.payload?.reliable ? 'chart__dot chart__dot--reliable' : 'chart__dot'} />
            )} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {shown.length ? (
        <p className="hint">Marked on the chart: {shown.map((event) => `${event.label} ${formatCalendarDate(event.date)}`).join('; ')}.</p>
      ) : null}
      <table className="table table--compact">
        <caption className="visually-hidden">{definition.title} scores by date</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="numeric">
              Score
            </th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.date}>
              <td>{point.label}</td>
              <td className="numeric">{point.total}</td>
              <td>{point.change === null ? 'First' : `${point.change > 0 ? '+' : ''}${point.change}${point.reliable ? ' (reliable change)' : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

export function ScreeningHistory({ screenings, events, onCorrect }: { screenings: Screening[]; events: ChartEvent[]; onCorrect: (screening: Screening) => void }) {
  if (screenings.length === 0) return <p className="empty">No screenings recorded yet.</p>
  const charted = instrumentIds.filter((id) => seriesFor(id, screenings).length > 0)
  return (
    <>
      <div className="chart-grid">
        {charted.map((id) => (
          <InstrumentChart key={id} instrument={id} points={seriesFor(id, screenings)} events={events} />
        ))}
      </div>
      <table className="table">
        <caption className="table__caption">All sittings, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Overall</th>
            <th scope="col">Results</th>
            <th scope="col">Entered by</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {screenings.map((s) => (
            <tr key={s.id} className={s.supersededById ? 'row--superseded' : undefined}>
              <td>
                {formatCalendarDate(s.sittingDate)}
                {s.version > 1 ? <div className="hint">Correction (version {s.version}): {s.correctionReason}</div> : null}
                {s.supersededById ? <div className="hint">Replaced by a correction</div> : null}
              </td>
              <td>
                <Tag colour={ragColour[s.rag]}>{s.rag.toUpperCase()}</Tag>
                {s.ragRule ? <div className="hint">{s.ragRule.split(': ')[1]}</div> : null}
              </td>
              <td>
                {s.results.map((r) => (
                  <div key={r.instrument}>
                    {r.instrument.toUpperCase()} {r.total ?? '–'}
                    {r.band ? ` (${r.band})` : ''}
                    {r.externallyScored ? ' · scored elsewhere' : ''}
                  </div>
                ))}
              </td>
              <td>
                {s.enteredByName}
                {s.mode === 'self-completed' ? <div className="hint">Self-completed</div> : null}
              </td>
              <td>
                {!s.supersededById && s.results.some((r) => r.answers) ? (
                  <button type="button" className="link-button" onClick={() => onCorrect(s)}>
                    Correct<span className="visually-hidden"> the screening of {formatCalendarDate(s.sittingDate)}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
