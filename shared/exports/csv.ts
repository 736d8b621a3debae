import { stringify } from 'csv-stringify/sync'

/**
 * Harbour's CSV files (docs/exports.md): UTF-8 with a byte order mark (so Excel reads names
 * such as "Zoë" right), RFC 4180 quoting (a cell holding a comma, a double quote or a line
 * break is quoted, its quotes doubled) and CRLF between records.
 *
 * Formula injection: a spreadsheet treats a cell beginning with `=`, `+`, `-` or `@` (and, in
 * some, TAB or CR, or the full-width forms of those signs) as a formula, so a name or reason
 * typed as `=HYPERLINK(…)` would run when the file is opened. Such a text cell gets a leading
 * apostrophe, which spreadsheets show as text and never evaluate (OWASP, "CSV Injection").
 *
 * Numbers are not text: a cell given as a number (a count, a score, a difference of days that
 * can be negative) is written as it is, so `-3` stays a number the recipient can sum. Only
 * numbers Harbour computed are passed as numbers; anything typed by a person is text, so typed
 * text such as "-3" is neutralised like any other.
 */

export type CsvCell = string | number | null

/** Characters that make a spreadsheet read a text cell as a formula (OWASP's list, with full-width forms). */
const formulaStarts = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'])

/** A text cell as it is safe to write: with a leading apostrophe if it would start a formula. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && formulaStarts.has(text[0] as string) ? `'${text}` : text
}

function cellText(cell: CsvCell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  return neutraliseFormula(cell)
}

/** A CSV file's text: BOM, the headings, then one record per row, CRLF after each. */
export function toCsv(headings: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const width = headings.length
  const bad = rows.findIndex((row) => row.length !== width)
  if (bad >= 0) throw new Error(`CSV row ${bad + 1} has ${rows[bad]?.length} cells; the headings have ${width}.`)
  const records = [headings.map((heading) => neutraliseFormula(heading)), ...rows.map((row) => row.map(cellText))]
  // quote_record_delimiter: with CRLF chosen, csv-stringify would otherwise leave a cell holding a
  // bare LF or CR unquoted, which RFC 4180 readers (Excel among them) split into two records.
  return stringify(records, { bom: true, record_delimiter: 'windows', quote_record_delimiter: true })
}
