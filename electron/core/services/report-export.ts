import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { reportExportFormatNames, reportGroupingNames, type ReportExportFormat, type ReportResult } from '../../../shared/contract/reports'
import type { ParsedInput } from '../../../shared/contract'
import { formatDateTime } from '../../../shared/dates'
import { toCsv, type CsvCell } from '../../../shared/exports/csv'
import {
  figureHeadings,
  figureLines,
  figureMark,
  periodWords,
  reportRequestWords,
  suppressionFootnote
} from '../../../shared/reports/figures'
import type { CallContext } from '../context'
import { encryptedZip, newZipPassword } from '../documents/encrypted-zip'
import { renderReportPdf } from '../documents/report-pdf'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import { readSetting } from '../store/settings'
import { makeReport } from './reports'

/**
 * A governance report exported as CSV or as an A4 PDF with its charts (docs/exports.md). The
 * core runs the report again from the same request, so the file holds exactly the suppressed
 * figures the screen shows and never figures the window sent. Like every export it needs a
 * reason (never stored in words), goes through the save dialog, is an AES-256 zip with a
 * password returned once unless an administrator allows plaintext and the exporter chooses it,
 * and is audited with the report, period, grouping and format only. No passphrase again: a
 * suppressed aggregate report is neither a bulk export nor a person's.
 */

export type ReportExportRequest = ParsedInput<'reports:export'>

export interface ReportExportSaved {
  fileName: string
  format: ReportExportFormat
  tables: number
  password: string | null
}

interface ReportExportFile {
  bytes: Uint8Array | string
  suggestedName: string
  result: ReportResult
  password: string | null
}

/** Everything that must hold before the save dialog opens: a reason, and plaintext only where allowed. */
async function checkReportExport(call: CallContext, input: ReportExportRequest): Promise<void> {
  if (!call.user.roles.includes('admin') && !call.user.roles.includes('reporting'))
    throw new CoreError('forbidden', 'Only administrators and the reporting role can export governance reports.')
  if (input.reason.trim() === '') throw new CoreError('invalid-input', 'Enter a reason for the export.', ['reason'])
  if (input.plaintext && !(await readSetting(call.db, 'plaintextExportsAllowed')).value)
    throw new CoreError(
      'forbidden',
      'Exports without encryption are not allowed here: an administrator can allow them in Settings. Nothing was saved.',
      ['plaintext']
    )
}

const groupingName = (result: ReportResult) => (result.by === null ? null : reportGroupingNames[result.by])

/**
 * The report as one CSV, as a service lead opening it in Excel expects: the report's title and
 * request first, then each table under its title (and, when compared, the period before under
 * it), each with its note, and the line explaining the marks last. Hidden figures are written as
 * their marks ("<5", "*", "–"); every line has the same number of cells (RFC 4180).
 */
export function reportCsv(result: ReportResult, generated: Date): string {
  const records: CsvCell[][] = [
    [result.title],
    ...reportRequestWords(result, groupingName(result)).map((line) => [line.label, line.value]),
    ['Generated', formatDateTime(generated)],
    []
  ]
  for (const table of result.tables) {
    const sets = [{ caption: table.title, figures: table.current }]
    if (table.previous !== null && result.previousPeriod !== null)
      sets.push({ caption: `${table.title}: the period before, ${periodWords(result.previousPeriod)}`, figures: table.previous })
    for (const { caption, figures } of sets) {
      records.push([caption], figureHeadings(table))
      for (const line of figureLines(table, figures)) {
        const cell = (figure: { value: number | null; mark: string }): CsvCell => figureMark(figure.value, figure.mark) ?? figure.value
        records.push([line.label, ...line.cells.map(cell), ...(line.total ? [cell(line.total)] : [])])
      }
      if (figures.wholeTableHidden) records.push(['Every figure of this table is too small to show.'])
      records.push([])
    }
    records.push([table.note], [])
  }
  records.push([suppressionFootnote])
  const width = Math.max(2, ...records.map((record) => record.length))
  const [first = [], ...rest] = records.map((record) => [...record, ...Array<CsvCell>(width - record.length).fill(null)])
  return toCsv(
    first.map((cell) => (cell === null ? '' : String(cell))),
    rest
  )
}

async function reportExportFile(call: CallContext, input: ReportExportRequest): Promise<ReportExportFile> {
  const result = await makeReport(call, { report: input.report, from: input.from, to: input.to, by: input.by, compare: input.compare })
  const name = `harbour-report-${input.report}-${input.from}-to-${input.to}.${input.format}`
  const generated = call.clock()
  const bytes =
    input.format === 'csv'
      ? reportCsv(result, generated)
      : await renderReportPdf(result, { appRoot: call.core.appRoot, created: generated, groupingName: groupingName(result) })
  if (input.plaintext) return { bytes, suggestedName: name, result, password: null }
  const password = newZipPassword()
  const entry = typeof bytes === 'string' ? { name, text: bytes } : { name, bytes }
  return { bytes: await encryptedZip([entry], password), suggestedName: name.replace(/\.(csv|pdf)$/, '.zip'), result, password }
}

async function auditSaved(call: CallContext, input: ReportExportRequest, file: ReportExportFile): Promise<void> {
  await appendAudit(
    call.db,
    {
      actorId: call.user.id,
      action: 'export.report',
      entityType: 'report',
      entityId: input.report,
      // The report's request and how it was saved, and that a reason was given: never its words or the path.
      detail: [
        `${input.from} to ${input.to}`,
        ...(input.compare ? ['compared'] : []),
        `by ${input.by ?? 'none'}`,
        reportExportFormatNames[input.format],
        `tables ${file.result.tables.length}`,
        file.password === null ? 'not encrypted' : 'AES-256 zip',
        'reason',
        'saved'
      ].join('; ')
    },
    call.clock()
  )
}

function saved(file: string, input: ReportExportRequest, made: ReportExportFile): ReportExportSaved {
  return { fileName: basename(file), format: input.format, tables: made.result.tables.length, password: made.password }
}

/** Exports a report to `file` (a path the caller chose, which must not exist yet): for the CLI and tests. */
export async function saveReportExport(call: CallContext, input: ReportExportRequest, file: string): Promise<ReportExportSaved> {
  await checkReportExport(call, input)
  if (existsSync(file))
    throw new CoreError('invalid-input', 'A file of that name is already there: choose another name. Nothing was saved.')
  const made = await reportExportFile(call, input)
  writeFileAtomic(file, made.bytes)
  await auditSaved(call, input, made)
  return saved(file, input, made)
}

/** The export from the window: checked first, then the save dialog; null (nothing written or audited) if the exporter cancels it. */
export async function exportReport(call: CallContext, input: ReportExportRequest): Promise<ReportExportSaved | null> {
  const dialogs = call.core.dialogs
  const choose = !input.plaintext
    ? dialogs?.chooseEncryptedExportDestination
    : input.format === 'csv'
      ? dialogs?.chooseExportDestination
      : dialogs?.chooseDocumentDestination
  if (!choose) throw new CoreError('unavailable', 'Exporting needs a file dialog, which is not available here.')
  await checkReportExport(call, input)
  const made = await reportExportFile(call, input)
  const file = await choose(made.suggestedName)
  if (!file) return null
  writeFileAtomic(file, made.bytes)
  await auditSaved(call, input, made)
  return saved(file, input, made)
}
