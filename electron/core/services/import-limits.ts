import { CoreError } from '../errors'

/**
 * How large an import may be. Each limit is far above a real HR or screening export (a force
 * of 50,000 people is half the row limit), and each is checked before the heavy work: a file
 * of a million columns once took 3.3 GB to read, and a report of every problem 61 MB.
 */
export const importLimits = {
  bytes: 50 * 1024 * 1024,
  rows: 100_000,
  columns: 200,
  fieldCharacters: 10_000,
  problems: 500
}

export type ImportLimits = typeof importLimits

const quote = 0x22
const comma = 0x2c
const lineFeed = 0x0a
const carriageReturn = 0x0d

const count = (n: number) => n.toLocaleString('en-GB')

/**
 * Walks the text once, as the CSV reader will read it (quoted fields may hold commas, quotes
 * and line breaks), counting rows, columns and value lengths without building anything, and
 * refuses the file at the first limit it passes. Line numbers are those of the file, as in
 * the problem list. Blank lines are not rows, as the reader skips them.
 */
export function checkCsvLimits(text: string, limits: ImportLimits = importLimits): void {
  let line = 1
  let recordLine = 1
  let rows = 0
  let columns = 1
  let fieldLength = 0
  let inQuotes = false
  let blank = true
  const endRecord = () => {
    if (!blank) rows++
    // The header is not a row of data.
    if (rows > limits.rows + 1)
      throw new CoreError(
        'invalid-input',
        `The file has more than ${count(limits.rows)} rows. Split it into smaller files and import each one.`
      )
    columns = 1
    fieldLength = 0
    blank = true
    recordLine = line
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inQuotes) {
      if (c === quote) {
        if (text.charCodeAt(i + 1) === quote) {
          i++
          fieldLength++
        } else inQuotes = false
      } else {
        if (c === lineFeed || (c === carriageReturn && text.charCodeAt(i + 1) !== lineFeed)) line++
        fieldLength++
      }
    } else if (c === quote) {
      inQuotes = true
      blank = false
    } else if (c === comma) {
      columns++
      fieldLength = 0
      blank = false
      if (columns > limits.columns) {
        throw new CoreError(
          'invalid-input',
          `Line ${recordLine} has more than ${count(limits.columns)} columns. Harbour reads at most ${count(limits.columns)}: remove the columns it does not need, then try again.`
        )
      }
    } else if (c === lineFeed || c === carriageReturn) {
      if (c === carriageReturn && text.charCodeAt(i + 1) === lineFeed) i++
      line++
      endRecord()
    } else {
      fieldLength++
      if (c !== 0xfeff && c !== 0x20 && c !== 0x09) blank = false
    }
    if (fieldLength > limits.fieldCharacters) {
      throw new CoreError(
        'invalid-input',
        `Line ${recordLine} has a value longer than ${count(limits.fieldCharacters)} characters. Check this is the right file.`
      )
    }
  }
  endRecord()
}

interface ProblemReport<P> {
  problems: P[]
  moreProblems: number
}

/** A problem list that keeps the first few hundred and counts the rest, so a report stays small. */
export function addImportProblem<P>(report: ProblemReport<P>, problem: P, limits: ImportLimits = importLimits): void {
  if (report.problems.length < limits.problems) report.problems.push(problem)
  else report.moreProblems++
}

/** As addImportProblem, for a problem on one line. */
export function addProblem(
  report: ProblemReport<{ line: number | null; message: string }>,
  line: number,
  message: string,
  limits: ImportLimits = importLimits
): void {
  addImportProblem(report, { line, message }, limits)
}
