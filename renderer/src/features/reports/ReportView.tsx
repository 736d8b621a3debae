import type { ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { ReportFigures, ReportResult, ReportTable } from '../../../../shared/contract/reports'

// Chart text takes the page's text colour, so it reads in every theme; the chart is hidden from
// assistive technology, which reads the same figures in the table beside it.
const quietText = { fill: 'currentColor', 'aria-hidden': true }

const ragShades: Record<string, string> = { Red: '#d4351c', Amber: '#f47738', Green: '#00703c' }
const palette = ['#1d70b8', '#f47738', '#4c2c92', '#00703c', '#d53880', '#b58840', '#28a197', '#912b88', '#505a5f', '#85994b', '#6f72af', '#d4351c']

function shade(column: string, index: number): string {
  return ragShades[column] ?? palette[index % palette.length] ?? '#1d70b8'
}

/** A figure as the table shows it: the number, or the mark standing for a hidden one. */
function shown(value: number | null, mark: string): string {
  if (value === null) return mark === '' ? '–' : mark
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 1 })
}

export function periodWords(period: { from: string; to: string }): string {
  return `${formatCalendarDate(period.from)} to ${formatCalendarDate(period.to)}`
}

function FiguresTable({ table, figures, caption }: { table: ReportTable; figures: ReportFigures; caption: string }) {
  const totals = table.kind === 'counts'
  return (
    <table className="table report-table">
      <caption className="table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{table.rowHeading}</th>
          {table.columns.map((column) => (
            <th key={column} scope="col" className="numeric">
              {column}
            </th>
          ))}
          {totals ? (
            <th scope="col" className="numeric">
              {table.totalLabel ?? 'Total'}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {table.columns.map((column, c) => (
              <td key={column} className="numeric">
                {shown(figures.cells[r]?.[c] ?? null, figures.marks[r]?.[c] ?? '')}
              </td>
            ))}
            {totals ? <td className="numeric">{shown(figures.rowTotals[r] ?? null, figures.rowTotalMarks[r] ?? '')}</td> : null}
          </tr>
        ))}
      </tbody>
      {totals && table.rows.length > 1 ? (
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {table.columns.map((column, c) => (
              <td key={column} className="numeric">
                {shown(figures.columnTotals[c] ?? null, figures.columnTotalMarks[c] ?? '')}
              </td>
            ))}
            <td className="numeric">{shown(figures.grandTotal, figures.grandTotalMark)}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  )
}

/** How many of a row's figures are hidden, and so not drawn. */
function hiddenIn(figures: ReportFigures, r: number): number {
  return (figures.cells[r] ?? []).filter((value) => value === null).length
}

function Chart({ table }: { table: ReportTable }) {
  // Only figures that are shown are drawn: a hidden one leaves a gap, never a guess. So that a
  // gap is not read as a zero, a row with hidden figures says so beside its name, and the chart
  // says under it how many are left out.
  const data = table.rows.map((row, r) => {
    const hidden = hiddenIn(table.current, r)
    const entry: Record<string, string | number> = { label: hidden === 0 ? row : `${row} (${hidden} hidden)` }
    table.columns.forEach((column, c) => {
      const value = table.current.cells[r]?.[c]
      if (value !== null && value !== undefined) entry[column] = value
    })
    return entry
  })
  const hidden = table.rows.reduce((sum, _row, r) => sum + hiddenIn(table.current, r), 0)
  const stacked = table.kind === 'counts'
  return (
    <div className="report-chart-frame">
      <ChartBars table={table} data={data} stacked={stacked} />
      {hidden > 0 ? (
        <p className="hint report-chart__hidden">
          {hidden === 1 ? 'One figure is' : `${hidden} figures are`} hidden in the table, so not drawn: a missing bar is not a zero. The
          table gives every figure that can be shown.
        </p>
      ) : null}
    </div>
  )
}

function ChartBars({ table, data, stacked }: { table: ReportTable; data: Record<string, string | number>[]; stacked: boolean }) {
  return (
    <div className="chart report-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(200, 48 * table.rows.length + 90)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={quietText} />
          <YAxis type="category" dataKey="label" width={140} tick={quietText} />
          <Tooltip isAnimationActive={false} />
          <Legend wrapperStyle={{ color: 'currentColor' }} itemSorter={(item) => table.columns.indexOf(String(item.dataKey))} />
          {table.columns.map((column, index) => (
            <Bar
              key={column}
              dataKey={column}
              fill={shade(column, index)}
              isAnimationActive={false}
              {...(stacked ? { stackId: 'figures' } : {})}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

function TableSection({ table, result }: { table: ReportTable; result: ReportResult }) {
  const empty = table.rows.length === 0 || table.columns.length === 0
  return (
    <section className="report-section" aria-labelledby={`report-${table.id}`}>
      <h2 className="heading-m" id={`report-${table.id}`}>
        {table.title}
      </h2>
      <p className="hint">{table.note}</p>
      {empty ? (
        <p className="empty">None in this period.</p>
      ) : (
        <>
          {table.current.wholeTableHidden ? (
            <p className="hint">Every figure is withheld: the numbers in this table are too small to show any of them.</p>
          ) : null}
          <div className="report-pair">
            <Chart table={table} />
            <FiguresTable table={table} figures={table.current} caption={periodWords(result.period)} />
          </div>
          {table.previous && result.previousPeriod ? (
            <FiguresTable table={table} figures={table.previous} caption={`The period before: ${periodWords(result.previousPeriod)}`} />
          ) : null}
        </>
      )}
    </section>
  )
}

export function ReportView({ result, actions }: { result: ReportResult; actions?: ReactNode }) {
  return (
    <div className="report">
      <h2 className="heading-l">
        {result.title}: {periodWords(result.period)}
      </h2>
      {actions ? <div className="button-group">{actions}</div> : null}
      {result.suppressed ? (
        <div className="notice notice--info">
          <h3 className="notice__title">Some figures are hidden to protect individuals</h3>
          <p>
            Counts from 1 to {result.threshold - 1} are shown as “&lt;{result.threshold}”. A few other figures are shown as “*” so
            that a hidden count cannot be worked out from the totals, totals included. “–” means there were too few to give a figure at all
            (such as a median wait behind fewer than {result.threshold} waits). Hidden figures are not drawn in the charts.
          </p>
        </div>
      ) : null}
      {result.tables.map((table) => (
        <TableSection key={table.id} table={table} result={result} />
      ))}
    </div>
  )
}
