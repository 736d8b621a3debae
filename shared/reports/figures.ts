import { formatCalendarDate } from '../calendar-date'
import type { ReportFigures, ReportResult, ReportTable } from '../contract/reports'

/**
 * How a published figure is shown wherever it goes (the screen, the CSV, the PDF): the number,
 * or the mark standing for a hidden one — "<5" a count from 1 to 4, "*" a figure hidden so that
 * none can be worked out, "–" a statistic with too few behind it or a table withheld whole.
 */
export function figureMark(value: number | null, mark: string): string | null {
  if (value !== null) return null
  return mark === '' ? '–' : mark
}

/** One line explaining the marks, for the foot of every exported report. */
export const suppressionFootnote =
  '<5: a count from 1 to 4, hidden so that no one can be identified. *: a figure hidden so that a hidden count cannot be worked out from the others or the totals. –: not shown (fewer than 5 behind it, or every figure of the table too small to show).'

/** The figures of a table in reading order, each with its row's label: for exports. */
export interface FigureLine {
  label: string
  cells: { value: number | null; mark: string }[]
  total: { value: number | null; mark: string } | null
}

/** A table's lines as the screen shows them: one per row, then (for counts over several rows) the totals. */
export function figureLines(table: ReportTable, figures: ReportFigures): FigureLine[] {
  const totals = table.kind === 'counts'
  const lines: FigureLine[] = table.rows.map((row, r) => ({
    label: row,
    cells: table.columns.map((_, c) => ({ value: figures.cells[r]?.[c] ?? null, mark: figures.marks[r]?.[c] ?? '' })),
    total: totals ? { value: figures.rowTotals[r] ?? null, mark: figures.rowTotalMarks[r] ?? '' } : null
  }))
  if (totals && table.rows.length > 1)
    lines.push({
      label: 'Total',
      cells: table.columns.map((_, c) => ({ value: figures.columnTotals[c] ?? null, mark: figures.columnTotalMarks[c] ?? '' })),
      total: { value: figures.grandTotal, mark: figures.grandTotalMark }
    })
  return lines
}

/** "1 Feb 2027 to 28 Feb 2027". */
export function periodWords(period: { from: string; to: string }): string {
  return `${formatCalendarDate(period.from)} to ${formatCalendarDate(period.to)}`
}

/** The headings an exported table's figures go under. */
export function figureHeadings(table: ReportTable): string[] {
  return [table.rowHeading, ...table.columns, ...(table.kind === 'counts' ? [table.totalLabel ?? 'Total'] : [])]
}

/** The description of a report's request, in words, for an export's first lines. */
export function reportRequestWords(result: ReportResult, groupingName: string | null): { label: string; value: string }[] {
  return [
    { label: 'Period', value: periodWords(result.period) },
    ...(result.previousPeriod ? [{ label: 'Compared with', value: periodWords(result.previousPeriod) }] : []),
    { label: 'Grouped by', value: groupingName ?? 'Not grouped' }
  ]
}
