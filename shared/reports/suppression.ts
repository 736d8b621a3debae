/**
 * Small-number suppression for reports that leave the clinical team.
 *
 * Every count from 1 to threshold − 1 is hidden (primary suppression), in the body and in the
 * totals; zeros may be shown. Then further values are hidden (secondary suppression) until no
 * hidden value can be worked out exactly from what is published — not by subtracting along a
 * row or column, nor by combining rows and columns, and not by using what the marks reveal:
 * "<5" says a value is between 1 and 4, "*" that it is 0 or at least 5.
 *
 * How: think of the table with its totals as one grid in which each row and column balances.
 * Adding δ to two opposite corners of a rectangle of hidden values and taking it from the other
 * two keeps every published figure true (a total counts against its own line, hence the signs
 * below). So a hidden value cannot be pinned down if it lies on such a rectangle whose four
 * values can all move by some δ ≠ 0 and still fit their marks. Each hidden value is given one,
 * hiding the cheapest extra values (small counts first, totals only when needed); the result
 * never depends on an attacker missing something. tests/unit/reports/suppression.test.ts checks
 * by exhaustive search that no hidden value has only one possible value.
 */

export interface SuppressionInput {
  cells: number[][]
  threshold: number
}

export interface SuppressedTable {
  /** null where a value is hidden. */
  cells: (number | null)[][]
  rowTotals: (number | null)[]
  columnTotals: (number | null)[]
  grandTotal: number | null
  /**
   * Nothing is published: the grand total itself is below the threshold, or the table is too
   * small for hidden values to protect each other. Every value is then shown with the same mark,
   * since telling small counts from zeros would give them away; the report says the table is
   * withheld because its numbers are too small.
   */
  wholeTableHidden: boolean
}

export class SuppressionInputError extends RangeError {}

/**
 * How a hidden value is shown: "<5" for a small count, "*" where it was hidden only to protect
 * another, and "–" for every value of a table withheld whole.
 */
export function suppressionMark(value: number, threshold: number, wholeTableHidden = false): string {
  if (wholeTableHidden) return '–'
  return isSmall(value, threshold) ? `<${threshold}` : '*'
}

function isSmall(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold
}

interface Grid {
  values: number[][]
  rows: number
  columns: number
  threshold: number
  hidden: boolean[][]
}

/** Reads one place of a rectangular grid; every index used here comes from the grid's own bounds. */
function at<T>(lines: T[][], row: number, column: number): T {
  const value = lines[row]?.[column]
  if (value === undefined) throw new RangeError(`No value at row ${row}, column ${column}`)
  return value
}

function hide(grid: Grid, row: number, column: number): void {
  const line = grid.hidden[row]
  if (line === undefined || column > grid.columns) throw new RangeError(`No value at row ${row}, column ${column}`)
  line[column] = true
}

/** A total's line counts it with the opposite sign to its cells: −1 for the totals row and column. */
function sign(index: number, last: number): number {
  return index === last ? -1 : 1
}

/** Whether `value + change` still fits what its mark reveals. */
function fits(grid: Grid, value: number, change: number): boolean {
  const next = value + change
  if (isSmall(value, grid.threshold)) return isSmall(next, grid.threshold)
  return next === 0 || next >= grid.threshold
}

type Corner = [row: number, column: number, direction: number]

function corners(grid: Grid, row: number, column: number, otherRow: number, otherColumn: number): Corner[] {
  const lastRow = grid.rows
  const lastColumn = grid.columns
  const corner = (r: number, c: number, direction: number): Corner => [r, c, direction * sign(r, lastRow) * sign(c, lastColumn)]
  return [corner(row, column, 1), corner(row, otherColumn, -1), corner(otherRow, column, -1), corner(otherRow, otherColumn, 1)]
}

/** Whether some δ ≠ 0 moves all four corners and keeps each within its mark. */
function movable(grid: Grid, rectangle: Corner[]): boolean {
  const t = grid.threshold
  const candidates = new Set<number>([1, -1])
  for (const [r, c, direction] of rectangle) {
    const v = at(grid.values, r, c)
    const edges = isSmall(v, t) ? [1 - v, t - 1 - v] : [-v, t - v]
    for (const edge of edges) candidates.add(edge * direction)
  }
  for (const delta of candidates) {
    if (delta !== 0 && rectangle.every(([r, c, direction]) => fits(grid, at(grid.values, r, c), delta * direction))) return true
  }
  return false
}

function rectanglesThrough(grid: Grid, row: number, column: number): Corner[][] {
  const found: Corner[][] = []
  for (let otherRow = 0; otherRow <= grid.rows; otherRow++) {
    if (otherRow === row) continue
    for (let otherColumn = 0; otherColumn <= grid.columns; otherColumn++) {
      if (otherColumn !== column) found.push(corners(grid, row, column, otherRow, otherColumn))
    }
  }
  return found
}

/** What hiding a value costs: small counts first; row and column totals, then the grand total, last. */
function cost(grid: Grid, row: number, column: number): number {
  const totals = Number(row === grid.rows) + Number(column === grid.columns)
  return (at(grid.values, row, column) + 1) * 1000 ** totals
}

function protectedBy(grid: Grid, row: number, column: number): boolean {
  return rectanglesThrough(grid, row, column).some((rectangle) => rectangle.every(([r, c]) => at(grid.hidden, r, c)) && movable(grid, rectangle))
}

function cheapestProtection(grid: Grid, row: number, column: number): Corner[] | null {
  let best: { rectangle: Corner[]; price: number } | null = null
  for (const rectangle of rectanglesThrough(grid, row, column)) {
    if (!movable(grid, rectangle)) continue
    const price = rectangle.reduce((sum, [r, c]) => sum + (at(grid.hidden, r, c) ? 0 : cost(grid, r, c)), 0)
    if (best === null || price < best.price) best = { rectangle, price }
  }
  return best?.rectangle ?? null
}

function checkInput({ cells, threshold }: SuppressionInput): void {
  if (!Number.isInteger(threshold) || threshold < 1) throw new SuppressionInputError('The suppression threshold must be a whole number of 1 or more')
  const width = cells[0]?.length ?? 0
  for (const row of cells) {
    if (row.length !== width) throw new SuppressionInputError('Every row of the table must have the same number of columns')
    for (const value of row) if (!Number.isInteger(value) || value < 0) throw new SuppressionInputError('Every count in the table must be a whole number of 0 or more')
  }
}

export function suppressTable(input: SuppressionInput): SuppressedTable {
  checkInput(input)
  const rows = input.cells.length
  const columns = input.cells[0]?.length ?? 0
  const rowTotals = input.cells.map((row) => row.reduce((sum, value) => sum + value, 0))
  const columnTotals = Array.from({ length: columns }, (_, c) => input.cells.reduce((sum, _row, r) => sum + at(input.cells, r, c), 0))
  const grandTotal = rowTotals.reduce((sum, value) => sum + value, 0)
  const values = [...input.cells.map((row, r) => [...row, rowTotals[r] ?? 0]), [...columnTotals, grandTotal]]
  const grid: Grid = { values, rows, columns, threshold: input.threshold, hidden: values.map((row) => row.map((value) => isSmall(value, input.threshold))) }
  let wholeTableHidden = isSmall(grandTotal, input.threshold)

  // Once protected a value stays protected (hiding more never moves a mark), so each hidden
  // value is looked at once, and each value newly hidden joins the queue.
  const queue: [number, number][] = []
  grid.hidden.forEach((row, r) => row.forEach((hidden, c) => hidden && queue.push([r, c])))
  for (let next = queue.shift(); next !== undefined && !wholeTableHidden; next = queue.shift()) {
    const [row, column] = next
    if (protectedBy(grid, row, column)) continue
    const rectangle = cheapestProtection(grid, row, column)
    if (rectangle === null) wholeTableHidden = true
    else {
      for (const [r, c] of rectangle) {
        if (!at(grid.hidden, r, c)) queue.push([r, c])
        hide(grid, r, c)
      }
    }
  }

  if (wholeTableHidden) for (const row of grid.hidden) row.fill(true)
  const shown = (r: number, c: number) => (at(grid.hidden, r, c) ? null : at(values, r, c))
  return {
    cells: input.cells.map((row, r) => row.map((_, c) => shown(r, c))),
    rowTotals: rowTotals.map((_, r) => shown(r, columns)),
    columnTotals: columnTotals.map((_, c) => shown(rows, c)),
    grandTotal: shown(rows, columns),
    wholeTableHidden
  }
}
