import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { suppressionMark, suppressTable, SuppressionInputError, type SuppressedTable } from '../../../shared/reports/suppression'
import { defined, hiddenValues, recoverable } from './recoverable'

const publishedAsIs = (cells: number[][]): SuppressedTable => ({
  cells,
  rowTotals: cells.map((row) => row.reduce((a, b) => a + b, 0)),
  columnTotals: defined(cells[0]).map((_, c) => cells.reduce((sum, row) => sum + defined(row[c]), 0)),
  grandTotal: cells.flat().reduce((a, b) => a + b, 0),
  wholeTableHidden: false
})

describe('the recoverability check used by these tests', () => {
  it('finds a value hidden alone in its row, worked out by subtraction', () => {
    const cells = [
      [2, 7],
      [6, 8]
    ]
    const naive = { ...publishedAsIs(cells), cells: [[null, 7], [6, 8]] }
    expect(recoverable(cells, naive, 5)).toEqual(['cell 0,0'])
  })

  it('finds values pinned down by what "<5" reveals, though no line has one hidden value', () => {
    // Row 0 is 4 + 4 + 6 = 14 with 6 shown: the two hidden cells make 8, and "<5" allows only 4 + 4.
    const cells = [
      [4, 4, 6],
      [6, 6, 6]
    ]
    const published = { ...publishedAsIs(cells), cells: [[null, null, 6], [null, null, 6]] }
    expect(recoverable(cells, published, 5)).toEqual(['cell 0,0', 'cell 0,1', 'cell 1,0', 'cell 1,1'])
  })

  it('finds nothing when a rectangle of hidden values can move', () => {
    const cells = [
      [3, 9],
      [8, 10]
    ]
    const published = { ...publishedAsIs(cells), cells: [[null, null], [null, null]] }
    expect(recoverable(cells, published, 5)).toEqual([])
    expect(hiddenValues(cells, published, 5).find((h) => h.where === 'cell 0,0')?.possible.size).toBeGreaterThan(1)
  })
})

describe('suppressTable', () => {
  it('publishes a table with no small counts unchanged, zeros included', () => {
    const cells = [
      [0, 12, 30],
      [7, 0, 5]
    ]
    expect(suppressTable({ cells, threshold: 5 })).toEqual(publishedAsIs(cells))
  })

  it('hides every count from 1 to threshold − 1 and hides more so none can be worked out', () => {
    const cells = [
      [3, 12, 30],
      [7, 9, 5],
      [20, 6, 11]
    ]
    const result = suppressTable({ cells, threshold: 5 })
    expect(defined(result.cells[0])[0]).toBeNull()
    expect(result.cells.flat().filter((v) => v === null).length).toBeGreaterThanOrEqual(4)
    expect(recoverable(cells, result, 5)).toEqual([])
    // Totals of 5 or more stay published when cells can protect each other.
    expect(result.grandTotal).toBe(103)
  })

  it('hides no more than it must: one small count costs three more cells, and no totals', () => {
    for (const cells of [
      [
        [3, 12, 30],
        [7, 9, 5],
        [20, 6, 11]
      ],
      [
        [3, 10, 12],
        [10, 20, 15],
        [12, 15, 30]
      ]
    ]) {
      const result = suppressTable({ cells, threshold: 5 })
      expect(result.wholeTableHidden).toBe(false)
      expect(result.cells.flat().filter((v) => v === null)).toHaveLength(4)
      expect([...result.rowTotals, ...result.columnTotals, result.grandTotal]).not.toContain(null)
      expect(recoverable(cells, result, 5)).toEqual([])
    }
  })

  it('uses the totals when no rectangle of cells can move within its marks', () => {
    // 4 + δ must stay 1–4 and each 5 must stay 0 or 5 and over: no δ moves the four cells together.
    const cells = [
      [4, 5],
      [5, 5]
    ]
    const result = suppressTable({ cells, threshold: 5 })
    expect(result).toEqual({ cells: [[null, 5], [null, 5]], rowTotals: [null, null], columnTotals: [9, 10], grandTotal: 19, wholeTableHidden: false })
    expect(recoverable(cells, result, 5)).toEqual([])
  })

  it('hides totals below the threshold, and protects them too', () => {
    const cells = [
      [1, 2, 0],
      [10, 12, 9],
      [8, 6, 15]
    ]
    const result = suppressTable({ cells, threshold: 5 })
    expect(result.rowTotals[0]).toBeNull()
    expect(defined(result.cells[0])[0]).toBeNull()
    expect(defined(result.cells[0])[1]).toBeNull()
    expect(recoverable(cells, result, 5)).toEqual([])
  })

  it('defeats the "<5" bounds attack that fools a rule of two hidden values per line', () => {
    const cells = [
      [4, 4, 6],
      [6, 6, 6]
    ]
    const result = suppressTable({ cells, threshold: 5 })
    expect(defined(result.cells[0])[0]).toBeNull()
    expect(defined(result.cells[0])[1]).toBeNull()
    expect(recoverable(cells, result, 5)).toEqual([])
  })

  it('protects a single row, whose column totals equal its cells', () => {
    const cells = [[2, 9, 14]]
    const result = suppressTable({ cells, threshold: 5 })
    expect(defined(result.cells[0])[0]).toBeNull()
    expect(result.columnTotals[0]).toBeNull()
    expect(recoverable(cells, result, 5)).toEqual([])
  })

  it('hides a one-cell table with a small count completely', () => {
    expect(suppressTable({ cells: [[3]], threshold: 5 })).toEqual({ cells: [[null]], rowTotals: [null], columnTotals: [null], grandTotal: null, wholeTableHidden: true })
  })

  it('hides nothing at threshold 1, and handles an empty table', () => {
    expect(suppressTable({ cells: [[1, 2]], threshold: 1 })).toEqual(publishedAsIs([[1, 2]]))
    expect(suppressTable({ cells: [], threshold: 5 })).toEqual({ cells: [], rowTotals: [], columnTotals: [], grandTotal: 0, wholeTableHidden: false })
  })

  it('withholds a table whose grand total is small, marking every value alike so zeros are not told apart', () => {
    const cells = [
      [1, 0, 0],
      [1, 0, 0]
    ]
    const result = suppressTable({ cells, threshold: 3 })
    expect(result).toEqual({ cells: [[null, null, null], [null, null, null]], rowTotals: [null, null], columnTotals: [null, null, null], grandTotal: null, wholeTableHidden: true })
    expect(suppressionMark(0, 3, true)).toBe('–')
    expect(suppressionMark(1, 3, true)).toBe('–')
    expect(recoverable(cells, result, 3)).toEqual([])
  })

  it('marks a small count "<5" and a value hidden only to protect another "*"', () => {
    expect(suppressionMark(1, 5)).toBe('<5')
    expect(suppressionMark(4, 5)).toBe('<5')
    expect(suppressionMark(5, 5)).toBe('*')
    expect(suppressionMark(0, 5)).toBe('*')
    expect(suppressionMark(9, 10)).toBe('<10')
  })

  it('handles a report-sized table (20 departments by 12 months) with many small counts', () => {
    const cells = Array.from({ length: 20 }, (_, r) => Array.from({ length: 12 }, (_, c) => ((r * 7 + c * 3) % 11) + (r % 3 === 0 ? 0 : 4)))
    const result = suppressTable({ cells, threshold: 5 })
    cells.forEach((row, r) => row.forEach((v, c) => v >= 1 && v < 5 && expect(defined(result.cells[r])[c]).toBeNull()))
    expect(result.wholeTableHidden).toBe(false)
    expect(result.grandTotal).toBe(cells.flat().reduce((a, b) => a + b, 0))
  })

  it('refuses tables that are not counts', () => {
    expect(() => suppressTable({ cells: [[1, -1]], threshold: 5 })).toThrow(SuppressionInputError)
    expect(() => suppressTable({ cells: [[1.5]], threshold: 5 })).toThrow('Every count in the table must be a whole number of 0 or more')
    expect(() => suppressTable({ cells: [[1, 2], [3]], threshold: 5 })).toThrow('Every row of the table must have the same number of columns')
    expect(() => suppressTable({ cells: [[1]], threshold: 0 })).toThrow('The suppression threshold must be a whole number of 1 or more')
  })

  it('for any small table: every small count hidden, everything published is true, nothing hidden can be worked out', () => {
    const table = fc.integer({ min: 1, max: 3 }).chain((rows) =>
      fc.integer({ min: 1, max: 3 }).chain((columns) =>
        fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 14 })), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })
      )
    )
    const withheldWhole: boolean[] = []
    fc.assert(
      fc.property(table, fc.constantFrom(3, 5), (cells, threshold) => {
        const result = suppressTable({ cells, threshold })
        withheldWhole.push(result.wholeTableHidden)
        if (result.wholeTableHidden) {
          // Nothing published and every mark alike: any table of the same shape fits.
          expect([...result.cells.flat(), ...result.rowTotals, ...result.columnTotals, result.grandTotal].every((v) => v === null)).toBe(true)
          return
        }
        cells.forEach((row, r) => row.forEach((v, c) => v >= 1 && v < threshold && expect(defined(result.cells[r])[c]).toBeNull()))
        // hiddenValues also throws if anything published differs from the truth.
        expect(recoverable(cells, result, threshold)).toEqual([])
      }),
      { numRuns: 150, seed: 20261201 }
    )
    // The property must mostly exercise published tables, not the withheld fallback.
    expect(withheldWhole.filter((whole) => !whole).length).toBeGreaterThan(100)
  })
})
