import type { ReportFigures, ReportTable } from '../../../shared/contract/reports'
import { suppressionMark, suppressTable } from '../../../shared/reports/suppression'

/** One figure a query counted: where it goes, and (for a median) how many values lie behind it. */
export interface Figure {
  row: string
  column: string
  value: number
  basis?: number
}

/**
 * A report's table before suppression, as its query left it: the figures by row and column
 * label. Rows and columns listed in `rows` and `columns` are always shown, in that order (every
 * month of a period, every RAG band); others follow in the order the figures name them.
 */
export interface CountedTable {
  id: string
  title: string
  kind: 'counts' | 'statistics'
  rowHeading: string
  totalLabel: string | null
  note: string
  rows?: string[]
  columns?: string[]
  /** Rows named by the figures are sorted by label (groups), or kept in the order counted. */
  sortRows: boolean
  /** False for a table over time (months), which already shows the change and has no period before to set beside it. */
  comparable?: boolean
  figures: Figure[]
}

function labelsOf(fixed: string[] | undefined, named: string[], sort: boolean): string[] {
  const extra = [...new Set(named)].filter((label) => !fixed?.includes(label))
  if (sort) extra.sort((a, b) => a.localeCompare(b, 'en-GB'))
  return [...(fixed ?? []), ...extra]
}

/** The rows and columns of a table and, when compared, of the same table for the period before. */
export function layout(current: CountedTable, previous: CountedTable | null): { rows: string[]; columns: string[] } {
  const figures = [...current.figures, ...(previous?.figures ?? [])]
  return {
    rows: labelsOf(
      current.rows,
      figures.map((figure) => figure.row),
      current.sortRows
    ),
    columns: labelsOf(
      current.columns,
      figures.map((figure) => figure.column),
      false
    )
  }
}

function grid(table: CountedTable, rows: string[], columns: string[], pick: (figure: Figure) => number): number[][] {
  const cells = rows.map(() => columns.map(() => 0))
  for (const figure of table.figures) {
    const line = cells[rows.indexOf(figure.row)]
    const column = columns.indexOf(figure.column)
    if (line !== undefined && column >= 0) line[column] = (line[column] ?? 0) + pick(figure)
  }
  return cells
}

/**
 * The figures as they leave the core: counts through `suppressTable`, so no count from 1 to
 * threshold − 1 is shown or can be worked out; a statistic only where `threshold` values or
 * more lie behind it.
 */
export function publish(table: CountedTable, rows: string[], columns: string[], threshold: number): ReportFigures {
  if (table.kind === 'statistics') {
    const values = grid(table, rows, columns, (figure) => figure.value)
    const basis = grid(table, rows, columns, (figure) => figure.basis ?? 0)
    const shown = (r: number, c: number) => ((basis[r]?.[c] ?? 0) >= threshold ? (values[r]?.[c] ?? 0) : null)
    const cells = rows.map((_, r) => columns.map((_, c) => shown(r, c)))
    return {
      cells,
      rowTotals: rows.map(() => null),
      columnTotals: columns.map(() => null),
      grandTotal: null,
      marks: cells.map((line) => line.map((value) => (value === null ? '–' : ''))),
      rowTotalMarks: rows.map(() => ''),
      columnTotalMarks: columns.map(() => ''),
      grandTotalMark: '',
      wholeTableHidden: false
    }
  }
  const counts = grid(table, rows, columns, (figure) => figure.value)
  const suppressed = suppressTable({ cells: counts, threshold })
  const mark = (value: number, shown: number | null) =>
    shown === null ? suppressionMark(value, threshold, suppressed.wholeTableHidden) : ''
  const rowTotals = counts.map((line) => line.reduce((sum, value) => sum + value, 0))
  const columnTotals = columns.map((_, c) => counts.reduce((sum, line) => sum + (line[c] ?? 0), 0))
  const grandTotal = rowTotals.reduce((sum, value) => sum + value, 0)
  return {
    cells: suppressed.cells,
    rowTotals: suppressed.rowTotals,
    columnTotals: suppressed.columnTotals,
    grandTotal: suppressed.grandTotal,
    marks: counts.map((line, r) => line.map((value, c) => mark(value, suppressed.cells[r]?.[c] ?? null))),
    rowTotalMarks: rowTotals.map((value, r) => mark(value, suppressed.rowTotals[r] ?? null)),
    columnTotalMarks: columnTotals.map((value, c) => mark(value, suppressed.columnTotals[c] ?? null)),
    grandTotalMark: mark(grandTotal, suppressed.grandTotal),
    wholeTableHidden: suppressed.wholeTableHidden
  }
}

/** A table as the contract sends it, with the period before beside it when compared. */
export function reportTable(current: CountedTable, before: CountedTable | null, threshold: number): ReportTable {
  const previous = current.comparable === false ? null : before
  const { rows, columns } = layout(current, previous)
  return {
    id: current.id,
    title: current.title,
    kind: current.kind,
    rowHeading: current.rowHeading,
    rows,
    columns,
    totalLabel: current.totalLabel,
    current: publish(current, rows, columns, threshold),
    previous: previous === null ? null : publish(previous, rows, columns, threshold),
    note: current.note
  }
}

/** Whether any figure of the table is hidden. */
export function anyHidden(table: ReportTable): boolean {
  const hidden = (figures: ReportFigures) =>
    figures.wholeTableHidden ||
    [...figures.marks.flat(), ...figures.rowTotalMarks, ...figures.columnTotalMarks, figures.grandTotalMark].some((mark) => mark !== '')
  return hidden(table.current) || (table.previous !== null && hidden(table.previous))
}
