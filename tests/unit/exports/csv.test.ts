import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { neutraliseFormula, toCsv, type CsvCell } from '../../../shared/exports/csv'

const bom = '\uFEFF'
const read = (csv: string): string[][] => parse(csv, { bom: true }) as string[][]

describe('CSV files', () => {
  it('starts with a UTF-8 byte order mark and ends each record with CRLF', () => {
    const csv = toCsv(['Staff number', 'Name'], [['A1', 'Zoë Brown']])
    expect(csv.startsWith(bom)).toBe(true)
    expect(csv).toBe(`${bom}Staff number,Name\r\nA1,Zoë Brown\r\n`)
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
  })

  it('quotes by RFC 4180: commas, double quotes (doubled) and line breaks', () => {
    const csv = toCsv(['A', 'B', 'C', 'D'], [['Smith, Jo', 'said "no"', 'two\nlines', 'cr\r\nlf']])
    expect(csv).toBe(`${bom}A,B,C,D\r\n"Smith, Jo","said ""no""","two\nlines","cr\r\nlf"\r\n`)
    expect(read(csv)).toEqual([
      ['A', 'B', 'C', 'D'],
      ['Smith, Jo', 'said "no"', 'two\nlines', 'cr\r\nlf']
    ])
  })

  it('leaves plain cells unquoted and writes null as an empty cell', () => {
    expect(toCsv(['A', 'B'], [['plain', null]])).toBe(`${bom}A,B\r\nplain,\r\n`)
  })

  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+44 1234', "'+44 1234"],
    ['-3', "'-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['\uFF1D1+1', "'\uFF1D1+1"]
  ])('neutralises a text cell starting %j', (cell, written) => {
    expect(neutraliseFormula(cell)).toBe(written)
    expect(read(toCsv(['Cell'], [[cell]]))[1]).toEqual([written])
  })

  it.each(['Smith', 'a=b', 'x-ray', "O'Neil", '', ' =not first', '1+1'])('leaves %j alone: it does not start a formula', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell)
  })

  it('writes numbers as numbers: a negative number is not text and keeps its sign', () => {
    const csv = toCsv(['Days', 'Typed'], [[-3, '-3']])
    expect(read(csv)[1]).toEqual(['-3', "'-3"])
    expect(toCsv(['N'], [[Number.NaN]])).toBe(`${bom}N\r\n\r\n`)
  })

  it('neutralises the headings too', () => {
    expect(read(toCsv(['=Heading'], []))).toEqual([["'=Heading"]])
  })

  it('refuses a row whose cells do not match the headings', () => {
    expect(() => toCsv(['A', 'B'], [['only one']])).toThrow('CSV row 1 has 1 cells; the headings have 2.')
  })

  it('parses back to the same cells, formula starts apart, for any text (property)', () => {
    const cell: fc.Arbitrary<CsvCell> = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'a', ' ', 'é') }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.constant(null)
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 8 }), (rows) => {
        const csv = toCsv(['One', 'Two', 'Three'], rows)
        expect(csv.startsWith(bom)).toBe(true)
        const back = read(csv)
        expect(back[0]).toEqual(['One', 'Two', 'Three'])
        expect(back.slice(1)).toEqual(
          rows.map((row) =>
            row.map((value) => {
              if (value === null) return ''
              if (typeof value === 'number') return String(value)
              return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u.test(value) ? `'${value}` : value
            })
          )
        )
        // No parsed text cell is left starting a formula.
        for (const [index, value] of rows.flat().entries()) {
          const parsed = back.slice(1).flat()[index] ?? ''
          if (typeof value === 'string') expect(/^[=+\-@\t\r]/u.test(parsed)).toBe(false)
        }
      })
    )
  })
})
