import { suppressionMark, type SuppressedTable } from '../../../shared/reports/suppression'

/**
 * An attacker's exhaustive search: every table of whole numbers that agrees with what was
 * published and with what each mark reveals ("<t": 1 to t−1; "*": 0 or t and over), and for each
 * hidden value, every value it could take. A hidden value with only one possible value is
 * recoverable. Only for the small tables of the tests.
 */
/** The value, which the test's own construction guarantees is there. */
export function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value')
  return value
}

export interface HiddenValue {
  where: string
  truth: number
  possible: Set<number>
}

interface Entry {
  where: string
  truth: number
  hidden: boolean
  published: number | null
}

function publishedValue(entry: Entry): number {
  if (entry.published === null) throw new Error(`${entry.where} is hidden`)
  return entry.published
}

export function hiddenValues(original: number[][], published: SuppressedTable, threshold: number): HiddenValue[] {
  const rows = original.length
  const columns = original[0]?.length ?? 0
  const rowTotals = original.map((row) => row.reduce((a, b) => a + b, 0))
  const columnTotals = Array.from({ length: columns }, (_, c) => original.reduce((sum, row) => sum + defined(row[c]), 0))
  const grand = rowTotals.reduce((a, b) => a + b, 0)
  const entry = (where: string, truth: number, shown: number | null): Entry => ({ where, truth, hidden: shown === null, published: shown })
  const grid: Entry[][] = [
    ...original.map((row, r) => [...row.map((v, c) => entry(`cell ${r},${c}`, v, defined(defined(published.cells[r])[c]))), entry(`row total ${r}`, defined(rowTotals[r]), defined(published.rowTotals[r]))]),
    [...columnTotals.map((v, c) => entry(`column total ${c}`, v, defined(published.columnTotals[c]))), entry('grand total', grand, published.grandTotal)]
  ]
  for (const line of grid) for (const e of line) if (!e.hidden && e.published !== e.truth) throw new Error(`${e.where} was published wrongly`)

  // Each line: cells minus their total equals zero.
  const lines: { entry: Entry; coefficient: number }[][] = []
  for (let r = 0; r <= rows; r++) lines.push(defined(grid[r]).map((e, c) => ({ entry: e, coefficient: c === columns ? -1 : 1 })))
  for (let c = 0; c <= columns; c++) lines.push(grid.map((line, r) => ({ entry: defined(line[c]), coefficient: r === rows ? -1 : 1 })))

  const unknowns = grid.flat().filter((e) => e.hidden)
  // Searching a narrower range can only find fewer possible values, so it never hides a leak.
  const cap = Math.max(...grid.flat().map((e) => e.truth)) + threshold
  const domain = (e: Entry) => {
    const mark = suppressionMark(e.truth, threshold, published.wholeTableHidden)
    const values: number[] = []
    for (let v = 0; v <= cap; v++) {
      const fitsMark = mark === '–' || (mark === '*' ? v === 0 || v >= threshold : v >= 1 && v < threshold)
      if (fitsMark) values.push(v)
    }
    return values
  }
  const domains = new Map(unknowns.map((e) => [e, domain(e)]))
  const possible = new Map(unknowns.map((e) => [e, new Set<number>()]))
  const value = new Map<Entry, number>()
  const linesOf = new Map(unknowns.map((e) => [e, lines.filter((line) => line.some((term) => term.entry === e))]))

  const consistent = (e: Entry): boolean =>
    defined(linesOf.get(e)).every((line) => {
      let sum = 0
      for (const term of line) {
        const v = term.entry.hidden ? value.get(term.entry) : publishedValue(term.entry)
        if (v === undefined) return true
        sum += term.coefficient * v
      }
      return sum === 0
    })

  // A line with every other entry known decides this one.
  const forcedValue = (e: Entry): number | undefined => {
    for (const line of defined(linesOf.get(e))) {
      let sum = 0
      let own = 0
      let open = false
      for (const term of line) {
        if (term.entry === e) own = term.coefficient
        else {
          const v = term.entry.hidden ? value.get(term.entry) : publishedValue(term.entry)
          if (v === undefined) open = true
          else sum += term.coefficient * v
        }
      }
      if (!open) return -sum / own
    }
    return undefined
  }

  let visited = 0
  let settled = false
  const search = (index: number): void => {
    if (++visited > 5_000_000) throw new Error('search too large for this test table')
    if (settled) return
    if (index === unknowns.length) {
      for (const e of unknowns) defined(possible.get(e)).add(defined(value.get(e)))
      settled = unknowns.every((e) => defined(possible.get(e)).size > 1)
      return
    }
    const e = defined(unknowns[index])
    const forced = forcedValue(e)
    const choices = forced === undefined ? defined(domains.get(e)) : defined(domains.get(e)).includes(forced) ? [forced] : []
    for (const v of choices) {
      value.set(e, v)
      if (consistent(e)) search(index + 1)
    }
    value.delete(e)
  }
  search(0)
  return unknowns.map((e) => ({ where: e.where, truth: e.truth, possible: defined(possible.get(e)) }))
}

export function recoverable(original: number[][], published: SuppressedTable, threshold: number): string[] {
  return hiddenValues(original, published, threshold)
    .filter((h) => h.possible.size < 2)
    .map((h) => h.where)
}
