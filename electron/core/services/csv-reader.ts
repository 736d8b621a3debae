import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { CoreError } from '../errors'
import { checkCsvLimits, importLimits } from './import-limits'

export interface CsvRecord {
  /** The file's line on which the record starts (a quoted value may span lines). */
  line: number
  /** By header, trimmed. */
  values: Record<string, string>
  /** The record's cells exactly as the file has them, for the file of rejected rows. */
  cells: string[]
}

export interface ParsedCsv {
  headers: string[]
  /** The header row exactly as the file has it. */
  headerCells: string[]
  records: CsvRecord[]
}

export interface CsvFile extends ParsedCsv {
  /** SHA-256 of the file's bytes: a changed file is a different file, whatever its name. */
  contentHash: string
}

/** The file's bytes, refused before reading if larger than the limit. */
function readLimited(path: string): Buffer {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    throw new CoreError('not-found', 'The file could not be read. Check it still exists.')
  }
  if (size > importLimits.bytes) throw new CoreError('invalid-input', 'The file is larger than 50 MB. Split it and import each part.')
  try {
    return readFileSync(path)
  } catch {
    throw new CoreError('not-found', 'The file could not be read. Check it still exists.')
  }
}

/** A file's text and the hash of its bytes, read once. */
export function readCsvText(path: string): { text: string; contentHash: string } {
  const bytes = readLimited(path)
  return { text: bytes.toString('utf8'), contentHash: createHash('sha256').update(bytes).digest('hex') }
}

/**
 * Reads a CSV file (UTF-8 with or without BOM, CRLF or LF, quoted commas and newlines) with
 * line numbers and the hash of its content. Both imports read through here, so the size, row,
 * column and value limits (import-limits.ts) are checked before anything is built from it.
 */
export function readCsvFile(path: string): CsvFile {
  const { text, contentHash } = readCsvText(path)
  return { ...parseCsvText(text), contentHash }
}

export function parseCsvText(text: string): ParsedCsv {
  checkCsvLimits(text)
  let rows: { record: string[]; raw: string }[]
  try {
    rows = parse(text, { bom: true, raw: true, relax_column_count: true, skip_empty_lines: false }) as unknown as {
      record: string[]
      raw: string
    }[]
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    throw new CoreError('invalid-input', `The file is not valid CSV${lines ? ` (near line ${lines})` : ''}: check for an unclosed quote.`)
  }
  let line = 1
  const withLines = rows.map((row) => {
    const start = line
    // The raw text may or may not carry the record's own line ending; count only the ones inside it.
    line += (row.raw.replace(/(\r\n|\n|\r)$/, '').match(/\n/g)?.length ?? 0) + 1
    return { line: start, record: row.record }
  })
  const [header, ...body] = withLines.filter((row) => !(row.record.length === 1 && row.record[0]?.trim() === ''))
  if (!header) throw new CoreError('invalid-input', 'The file is empty.')
  const headers = header.record.map((h) => h.trim())
  return {
    headers,
    headerCells: header.record,
    records: body.map((row) => ({
      line: row.line,
      values: Object.fromEntries(headers.map((h, i) => [h, (row.record[i] ?? '').trim()])),
      cells: row.record
    }))
  }
}
