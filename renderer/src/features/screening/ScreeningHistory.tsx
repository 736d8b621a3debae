import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { criticalGapReasonNames, type Screening } from '../../../../shared/contract/screening'
import { getInstrument, instrumentIds, instrumentName, subscaleName } from '../../../../shared/instruments'
import { isReliableChange } from '../../../../shared/instruments/reliable-change'
import { answeredFloorInWords } from '../../../../shared/instruments/answered-floor'
import { chartDomain, dayOf, eventsOnChart, type ChartEvent } from '../../../../shared/screening-chart'
import { Tag } from '../../components/Tag'
import { modeNames, ragColour } from './labels'

// Green to red through the bands; pale enough for dark text and the line to stay readable.
const bandShades = ['#cfe9d7', '#e4f1c2', '#fff0b3', '#fdd9b5', '#f7c1bb', '#f0a39b']
// Chart text takes the page's text colour, so it reads in every theme (SVG attributes cannot use CSS variables);
// it is hidden from assistive technology, which reads the same numbers and dates in the table.
const quietText = { fill: 'currentColor', 'aria-hidden': true }

type Result = Screening['results'][number]

function unansweredItems(result: Result): number[] {
  return (result.answers ?? []).flatMap((answer, index) => (answer === null ? [index + 1] : []))
}

/** "item 8", "items 8 and 9", "items 2, 5 and 9". */
function itemsInWords(items: number[]): string {
  if (items.length === 1) return `item ${items[0]}`
  return `items ${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** What a chart plots: the total, or (ITQ, which has no total) both of its dimensions. */
function measuresOf(instrument: string): { key: string; label: string }[] {
  const definition = getInstrument(instrument)
  if (definition.range) return [{ key: 'total', label: 'Score' }]
  return Object.keys(definition.subscales).map((key) => ({ key, label: subscaleName(instrument, key) }))
}

function valueOf(result: Result, key: string): number | null {
  return key === 'total' ? result.total : (result.subscales[key] ?? null)
}

interface Row {
  date: string
  time: number
  label: string
  /** Null when the questionnaire was not completed: never plotted, never "below the cut-off". */
  values: Record<string, number> | null
  /** Item numbers left unanswered. */
  missing: number[]
  /** The clinician recorded that it was not attempted: said so, never as a blank or a score. */
  notAttempted: boolean
  /** What the answers given already reach, when not completed (worked out by the core). */
  floor: Result['answeredFloor']
  findings: string[]
  change: number | null
  reliable: boolean
}

function rowsFor(instrument: string, screenings: Screening[]): Row[] {
  const current = screenings.filter((s) => !s.supersededById).sort((a, b) => a.sittingDate.localeCompare(b.sittingDate))
  const measures = measuresOf(instrument)
  const rows: Row[] = []
  let previous: number | null = null
  for (const sitting of current) {
    const result = sitting.results.find((r) => r.instrument === instrument)
    if (!result) continue
    const findings = result.flags.filter((flag) => flag.severity !== 'critical').map((flag) => flag.message)
    const measured = measures.map((measure) => [measure.key, valueOf(result, measure.key)] as const)
    const values =
      result.complete && measured.every(([, value]) => value !== null) ? (Object.fromEntries(measured) as Record<string, number>) : null
    const total = values?.['total'] ?? null
    const change = total !== null && previous !== null ? total - previous : null
    rows.push({
      date: sitting.sittingDate,
      time: dayOf(sitting.sittingDate),
      label: formatCalendarDate(sitting.sittingDate),
      values,
      missing: unansweredItems(result),
      notAttempted: result.notAttempted,
      floor: result.answeredFloor,
      findings,
      change,
      reliable: change !== null && previous !== null && total !== null ? isReliableChange(instrument, previous, total) : false
    })
    if (total !== null) previous = total
  }
  return rows
}

/** One questionnaire over time: bands shaded, cut-off drawn, reliable changes marked; the same numbers in a table beside it. */
function InstrumentChart({ instrument, rows, events }: { instrument: string; rows: Row[]; events: ChartEvent[] }) {
  const definition = getInstrument(instrument)
  const measures = measuresOf(instrument)
  const plotted = rows.filter((row) => row.values !== null).map((row) => ({ time: row.time, reliable: row.reliable, ...row.values }))
  const subscaleMax = Math.max(
    ...Object.values(definition.subscales).map(
      (items) => items.length * Math.max(...(definition.items[0]?.options.map((o) => o.value) ?? [0]))
    ),
    0
  )
  const max = definition.range?.max ?? (subscaleMax || 10)
  // Which dates the chart covers, and so which events it marks, is decided in shared/screening-chart.ts.
  const domain = chartDomain(
    rows.map((row) => row.date),
    events
  )
  const shown = eventsOnChart(events, domain)
  const caseEvents = shown.filter((event) => event.kind === 'case')
  const incidents = shown.filter((event) => event.kind === 'incident')
  const name = instrumentName(instrument)
  // The table lists the incidents among the sittings, so the chart is not the only place they are shown.
  // An incident on the day of a sitting comes first (the sort keeps this order for equal dates).
  const lines: ({ kind: 'sitting'; date: string; row: Row } | { kind: 'incident'; date: string; event: ChartEvent })[] = [
    ...incidents.map((event) => ({ kind: 'incident' as const, date: event.date, event })),
    ...rows.map((row) => ({ kind: 'sitting' as const, date: row.date, row }))
  ].sort((a, b) => a.date.localeCompare(b.date))
  return (
    <figure className="chart" aria-labelledby={`chart-${instrument}`}>
      <figcaption className="heading-s" id={`chart-${instrument}`}>
        {name} over time
      </figcaption>
      {measures.length > 1 ? (
        <ul className="chart__legend" aria-hidden="true">
          {measures.map((measure, index) => (
            <li key={measure.key}>
              <span className={`chart__swatch${index === 0 ? '' : ' chart__swatch--second'}`} /> {measure.label}
            </li>
          ))}
        </ul>
      ) : null}
      {incidents.length ? (
        <p className="chart__key">
          <span className="chart__swatch chart__swatch--incident" aria-hidden="true" /> Incidents the person was exposed to, also listed in
          the table below
        </p>
      ) : null}
      {/* Only the incident markers speak to assistive technology: the scores are in the table below. */}
      <div className="chart__plot">
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart
            data={plotted}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            accessibilityLayer={false}
            {...(incidents.length ? { role: 'group', 'aria-label': `Incidents marked on the ${name} chart` } : { 'aria-hidden': true })}
          >
            {definition.bands.map((band, index) => (
              <ReferenceArea
                key={band.label}
                y1={band.min}
                y2={Math.min(band.max + 1, max)}
                fill={bandShades[index] ?? bandShades[0]}
                fillOpacity={0.7}
                ifOverflow="hidden"
              />
            ))}
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={domain}
              ticks={rows.map((r) => r.time)}
              tick={quietText}
              tickFormatter={(time: number) => formatCalendarDate(new Date(time).toISOString().slice(0, 10))}
            />
            <YAxis domain={[definition.range?.min ?? 0, max]} allowDecimals={false} width={36} tick={quietText} />
            {caseEvents.map((event) => (
              <ReferenceLine
                key={`${event.date}-${event.label}`}
                x={dayOf(event.date)}
                className="chart__event"
                strokeDasharray="2 4"
                label={{ value: event.label, position: 'insideTopRight', fontSize: 12, ...quietText }}
              />
            ))}
            {incidents.map((event) => (
              <ReferenceLine
                key={`incident-${event.date}-${event.label}`}
                x={dayOf(event.date)}
                shape={(line: { x1?: number; y1?: number; x2?: number; y2?: number }) => {
                  const x = line.x1 ?? 0
                  const top = Math.min(line.y1 ?? 0, line.y2 ?? 0)
                  // The label goes on the side with more room, a line below the case events' labels.
                  const toRight = dayOf(event.date) < (domain[0] + domain[1]) / 2
                  return (
                    <g role="img" aria-label={`Incident on ${formatCalendarDate(event.date)}: ${event.label}`}>
                      <title>{`${event.label}, ${formatCalendarDate(event.date)}`}</title>
                      <line x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} className="chart__incident" />
                      <path d={`M ${x - 5} ${top} h 10 l -5 7 z`} className="chart__incident-tip" />
                      <text x={toRight ? x + 6 : x - 6} y={top + 28} textAnchor={toRight ? 'start' : 'end'} fontSize={12} {...quietText}>
                        {event.label}
                      </text>
                    </g>
                  )
                }}
              />
            ))}
            {definition.clinicalCutoff !== null ? (
              <ReferenceLine
                y={definition.clinicalCutoff}
                className="chart__cutoff"
                strokeDasharray="6 3"
                label={{ value: `cut-off ${definition.clinicalCutoff}`, position: 'insideTopRight', ...quietText }}
              />
            ) : null}
            {measures.map((measure, index) => (
              <Line
                key={measure.key}
                type="linear"
                dataKey={measure.key}
                name={measure.label}
                className={index === 0 ? 'chart__line' : 'chart__line chart__line--second'}
                strokeWidth={3}
                isAnimationActive={false}
                dot={(props: { cx?: number; cy?: number; payload?: { reliable?: boolean }; index?: number }) => (
                  <circle
                    key={`${measure.key}-${props.index}`}
                    cx={props.cx}
                    cy={props.cy}
                    r={props.payload?.reliable ? 7 : 4}
                    className={props.payload?.reliable ? 'chart__dot chart__dot--reliable' : 'chart__dot'}
                  />
                )}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {caseEvents.length ? (
        <p className="hint">
          Marked on the chart: {caseEvents.map((event) => `${event.label} ${formatCalendarDate(event.date)}`).join('; ')}.
        </p>
      ) : null}
      {rows.some((row) => row.values === null) ? (
        <p className={plotted.length === 0 ? 'chart__warning' : 'hint'}>
          {plotted.length === 0
            ? `No ${name} sitting was completed, so there is nothing to plot.`
            : 'Questionnaires that were not completed have no score and are not plotted.'}
        </p>
      ) : null}
      <table className="table table--compact">
        <caption className="visually-hidden">{name} results by date</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {measures.map((measure) => (
              <th scope="col" className="numeric" key={measure.key}>
                {measure.label}
              </th>
            ))}
            <th scope="col">{measures[0]?.key === 'total' ? 'Change' : 'Result'}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) =>
            line.kind === 'incident' ? (
              <tr key={`incident-${line.event.date}-${line.event.label}`} className="row--incident">
                <td>{formatCalendarDate(line.event.date)}</td>
                <td colSpan={measures.length + 1}>Incident: {line.event.label}</td>
              </tr>
            ) : (
              <SittingRow key={line.row.date} row={line.row} measures={measures} />
            )
          )}
        </tbody>
      </table>
    </figure>
  )
}

/** One sitting's row in a chart's table: its scores and change, or why there is no score. */
function SittingRow({ row, measures }: { row: Row; measures: { key: string; label: string }[] }) {
  return (
    <tr>
      <td>{row.label}</td>
      {row.values === null ? (
        <td colSpan={measures.length + 1}>
          {row.notAttempted ? (
            'Not attempted'
          ) : (
            <>
              Not completed{row.missing.length ? ` (${itemsInWords(row.missing)} unanswered)` : ''}:{' '}
              {row.floor ? answeredFloorInWords(row.floor) : 'no score'}
            </>
          )}
        </td>
      ) : (
        <>
          {measures.map((measure) => (
            <td className="numeric" key={measure.key}>
              {row.values?.[measure.key]}
            </td>
          ))}
          <td>
            {measures[0]?.key === 'total'
              ? row.change === null
                ? 'First'
                : `${row.change > 0 ? '+' : ''}${row.change}${row.reliable ? ' (reliable change)' : ''}`
              : null}
            {row.findings.length ? <div>{row.findings.join('; ')}</div> : measures[0]?.key === 'total' ? null : 'Criteria not met'}
          </td>
        </>
      )}
    </tr>
  )
}

/** One questionnaire's result in words: its name, score or dimensions, band, findings and anything missing. */
function ResultLine({ result }: { result: Result }) {
  const name = instrumentName(result.instrument)
  const dimensions = result.total === null && Object.keys(result.subscales).length > 0 && result.instrument === 'itq'
  const missing = unansweredItems(result)
  const floor = result.answeredFloor
  return (
    <div className="result-line">
      <strong>{name}</strong>{' '}
      {result.notAttempted
        ? 'Not attempted'
        : result.total !== null
          ? result.total
          : dimensions
            ? Object.entries(result.subscales)
                .map(([key, value]) => `${subscaleName(result.instrument, key)} ${value ?? '–'}`)
                .join(', ')
            : floor
              ? answeredFloorInWords(floor)
              : 'no score'}
      {result.band ? ` (${result.band})` : ''}
      {result.externallyScored ? ' · scored elsewhere' : ''}
      {result.flags.map((flag) => (
        <Tag key={flag.code} colour={flag.severity === 'critical' ? 'red' : 'yellow'}>
          {flag.severity === 'critical' ? `${flag.code.replace('item-', 'Item ')} positive` : flag.message}
        </Tag>
      ))}
      {dimensions && result.complete && result.flags.length === 0 ? (
        <div className="hint">Criteria for PTSD and Complex PTSD not met</div>
      ) : null}
      {!result.complete && !result.notAttempted && missing.length > 0 ? (
        <div className="hint">Not completed: {itemsInWords(missing)} unanswered</div>
      ) : null}
      {result.criticalNotAnswered.map((gap) => (
        <div key={gap.item} className="hint">
          Item {gap.item} (safety question):{' '}
          {gap.reason === 'asked-verbally'
            ? 'asked verbally, answer recorded'
            : `not answered — ${criticalGapReasonNames[gap.reason].toLowerCase()}`}
        </div>
      ))}
    </div>
  )
}

/** The id of a sitting's Correct button, where focus returns when its correction is cancelled. */
export const correctButtonId = (screeningId: string) => `correct-screening-${screeningId}`

export function ScreeningHistory({
  screenings,
  events,
  onCorrect
}: {
  screenings: Screening[]
  events: ChartEvent[]
  onCorrect: (screening: Screening) => void
}) {
  if (screenings.length === 0) return <p className="empty">No screenings recorded yet.</p>
  // Every questionnaire taken has its chart and table, even when no sitting could be scored.
  const charted = instrumentIds.map((id) => ({ id, rows: rowsFor(id, screenings) })).filter((chart) => chart.rows.length > 0)
  return (
    <>
      <div className="chart-grid">
        {charted.map((chart) => (
          <InstrumentChart key={chart.id} instrument={chart.id} rows={chart.rows} events={events} />
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
                {s.version > 1 ? (
                  <div className="hint">
                    Correction (version {s.version}): {s.correctionReason}
                  </div>
                ) : null}
                {s.supersededById ? <div className="hint">Replaced by a correction</div> : null}
              </td>
              <td>
                <Tag colour={ragColour[s.rag]}>{s.rag.toUpperCase()}</Tag>
                {s.riskNotAssessed ? <Tag colour="purple">Risk not assessed</Tag> : null}
                {s.ragRule ? <div className="hint">{s.ragRule.split(': ').slice(1).join(': ')}</div> : null}
                {s.ragReason ? <div className="rag-reason">{s.ragReason}</div> : null}
              </td>
              <td>
                {s.results.map((r) => (
                  <ResultLine key={r.instrument} result={r} />
                ))}
              </td>
              <td>
                {s.enteredByName}
                {s.mode !== 'clinician-entered' ? (
                  <div className="hint">{modeNames[s.mode][0]?.toUpperCase() + modeNames[s.mode].slice(1)}</div>
                ) : null}
              </td>
              <td>
                {!s.supersededById && s.results.some((r) => r.answers) ? (
                  <button type="button" id={correctButtonId(s.id)} className="link-button" onClick={() => onCorrect(s)}>
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
