import { z } from 'zod'
import { daysBetween, isCalendarDate } from '../calendar-date'
import { access } from './access'
import { text } from './fields'

/**
 * Governance reports (issue 14): aggregate figures for a chosen period, for administrators and
 * the reporting role. The core counts in SQL and sends tables; the window draws a chart and a
 * table from the same one.
 *
 * Suppression: every figure leaves the clinical team, so every table is passed through
 * `suppressTable` (shared/reports/suppression.ts) for every caller, administrators included:
 * a count from 1 to 4 is hidden ("<5") and further values are hidden ("*") until none can be
 * worked out from what is shown. Medians and percentiles of waits are shown only where at least
 * the threshold number of waits lie behind them. There are no names, staff numbers or free text
 * in any report; caseload per clinician names clinicians (staff, not patients) and is for
 * administrators only.
 */
export const reportKinds = [
  'screening-coverage',
  'rag-distribution',
  'exposures',
  'referrals',
  'trim',
  'cases',
  'caseload',
  'bereavement',
  'signposting',
  'outcomes'
] as const
export type ReportKind = (typeof reportKinds)[number]

export const reportNames: Record<ReportKind, string> = {
  'screening-coverage': 'Screening coverage',
  'rag-distribution': 'RAG distribution',
  exposures: 'Exposure by incident category',
  referrals: 'Referrals and waits',
  trim: 'TRiM assessments on time',
  cases: 'Cases opened and closed',
  caseload: 'Caseload per clinician',
  bereavement: 'Bereavement counselling',
  signposting: 'Signposting by resource',
  outcomes: 'Outcomes of completed referrals'
}

/** Reports only administrators may run: they name clinicians. */
export const administratorOnlyReports: readonly ReportKind[] = ['caseload']

export const reportGroupings = ['role', 'department', 'employment-type'] as const
export type ReportGrouping = (typeof reportGroupings)[number]

export const reportGroupingNames: Record<ReportGrouping, string> = {
  role: 'Role',
  department: 'Department',
  'employment-type': 'Type of employment'
}

/** The smallest count shown; smaller ones (1 to 4) are hidden. */
export const suppressionThreshold = 5

/** The longest period one report covers: five years. */
export const longestReportDays = 5 * 366

const reportDate = z.string().refine(isCalendarDate, 'Enter a real date')

/** What a report is asked for with: the report, its period, a grouping and whether to compare. */
const reportFields = {
  report: z.enum(reportKinds, 'Choose a report'),
  from: reportDate,
  to: reportDate,
  by: z.enum(reportGroupings, 'Choose how to group the report').nullable().default(null),
  compare: z.boolean().default(false)
}

/** The period ends on or after it starts, and covers no more than five years. */
function checkPeriod(value: { from: string; to: string }, context: z.RefinementCtx): void {
  if (!isCalendarDate(value.from) || !isCalendarDate(value.to)) return
  if (value.to < value.from)
    context.addIssue({ code: 'custom', path: ['to'], message: 'The end of the period must be on or after its start' })
  else if (daysBetween(value.from, value.to) >= longestReportDays)
    context.addIssue({ code: 'custom', path: ['to'], message: 'A report can cover up to five years' })
}

export const reportRequest = z.object(reportFields).strict().superRefine(checkPeriod)
export type ReportRequest = z.input<typeof reportRequest>

/** One set of figures: a table's cells with its totals; null where a figure is hidden. */
export const reportFigures = z.object({
  /** One line per row label, one figure per column label. */
  cells: z.array(z.array(z.number().nullable())),
  /** Null throughout for a table of statistics (medians), whose lines do not add up. */
  rowTotals: z.array(z.number().nullable()),
  columnTotals: z.array(z.number().nullable()),
  grandTotal: z.number().nullable(),
  /** How each hidden figure is shown: the same grid as cells, "" where a figure is shown. */
  marks: z.array(z.array(z.string())),
  rowTotalMarks: z.array(z.string()),
  columnTotalMarks: z.array(z.string()),
  grandTotalMark: z.string(),
  /** Every figure of the table is withheld: its numbers are too small to show any. */
  wholeTableHidden: z.boolean()
})
export type ReportFigures = z.infer<typeof reportFigures>

export const reportTable = z.object({
  id: z.string(),
  title: z.string(),
  /** What the figures are: counts add up along rows and columns; statistics (days) do not. */
  kind: z.enum(['counts', 'statistics']),
  /** What each row is (the grouping, or the report's own rows), for the table's first heading. */
  rowHeading: z.string(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  /** What the rows' totals mean ("Due" for screened + not screened), or null for a plain total. */
  totalLabel: z.string().nullable(),
  current: reportFigures,
  /** The same rows and columns for the period before, when asked to compare. */
  previous: reportFigures.nullable(),
  /** How the figures were counted, in a sentence. */
  note: z.string()
})
export type ReportTable = z.infer<typeof reportTable>

const period = z.object({ from: z.string(), to: z.string() })

export const reportResult = z.object({
  report: z.enum(reportKinds),
  title: z.string(),
  period,
  /** The period of the same length just before, when compared. */
  previousPeriod: period.nullable(),
  by: z.enum(reportGroupings).nullable(),
  /** Whether any figure is hidden in any table. */
  suppressed: z.boolean(),
  threshold: z.number().int(),
  tables: z.array(reportTable)
})
export type ReportResult = z.infer<typeof reportResult>

export const reportExportFormats = ['csv', 'pdf'] as const
export type ReportExportFormat = (typeof reportExportFormats)[number]
export const reportExportFormatNames: Record<ReportExportFormat, string> = { csv: 'CSV', pdf: 'PDF' }

/**
 * A report's export (docs/exports.md): the same request as `reports:run`, which the core runs
 * again (the window never sends figures), the file type, a reason (never stored in words) and,
 * where an administrator allows it and the exporter chooses, no encryption. No passphrase again:
 * a suppressed aggregate report is not a bulk or a person's export.
 */
export const reportExportInput = z
  .object({
    ...reportFields,
    format: z.enum(reportExportFormats, 'Choose CSV or PDF'),
    reason: text('a reason for the export', 500),
    plaintext: z.boolean().default(false)
  })
  .strict()
  .superRefine(checkPeriod)
export type ReportExportInput = z.input<typeof reportExportInput>

export const reportExportResult = z
  .object({
    fileName: z.string(),
    format: z.enum(reportExportFormats),
    tables: z.number().int(),
    /** The zip's password, shown once and kept nowhere; null for a file saved without encryption. */
    password: z.string().nullable()
  })
  .nullable()
export type ReportExportResult = z.infer<typeof reportExportResult>

export const reportsChannels = {
  'reports:run': { input: reportRequest, output: reportResult, access: access.reporters },
  /** Runs the report again and writes it through the save dialog; null when the exporter cancels the dialog. */
  'reports:export': { input: reportExportInput, output: reportExportResult, access: access.reporters }
} as const
