import { addCalendarDays, daysBetween, todayInLondon } from '../../../shared/calendar-date'
import { caseReasonNames, type CaseReason } from '../../../shared/contract/cases'
import {
  administratorOnlyReports,
  reportNames,
  suppressionThreshold,
  type ReportKind,
  type ReportResult,
  type ReportTable
} from '../../../shared/contract/reports'
import type { ParsedInput } from '../../../shared/contract'
import { eighteenWeeksInDays, sixWeeksInDays } from '../../../shared/referrals/clocks'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { ReportViews } from '../store/schema-reports'
import {
  bereavement,
  caseload,
  cases,
  exposures,
  ragDistribution,
  referrals,
  screeningCoverage,
  signposting,
  trim,
  type Period,
  type ReportQuery
} from './reports-queries'
import { outcomes } from './reports-outcomes'
import { anyHidden, reportTable, type CountedTable } from './reports-tables'

/**
 * Governance reports (shared/contract/reports.ts): each counted in SQL over the report views
 * (migration 0240), which hold no names, staff numbers or free text, and every table published
 * through small-number suppression for every caller: the figures leave the clinical team, so an
 * administrator sees what the reporting role sees. Running a report is audited by its kind
 * only.
 */
export async function runReport(call: CallContext, input: ParsedInput<'reports:run'>): Promise<ReportResult> {
  const result = await makeReport(call, input)
  // In a transaction of its own: the window may ask for two reports at once, and two entries
  // appended outside one would both read the same head of the audit chain.
  await call.db
    .transaction()
    .execute((tx) =>
      appendAudit(
        tx,
        { actorId: call.user.id, action: 'report.run', entityType: 'report', entityId: input.report, detail: input.by },
        call.clock()
      )
    )
  return result
}

/**
 * A report's suppressed tables, made but not audited: running one audits it as `report.run`,
 * exporting one (services/report-export.ts) as `export.report`. Refuses a report the caller
 * may not run.
 */
export async function makeReport(call: CallContext, input: ParsedInput<'reports:run'>): Promise<ReportResult> {
  if (!call.user.roles.includes('admin') && !call.user.roles.includes('reporting'))
    throw new CoreError('forbidden', 'Only administrators and the reporting role can run governance reports.')
  if (administratorOnlyReports.includes(input.report) && !call.user.roles.includes('admin')) {
    throw new CoreError('forbidden', `${reportNames[input.report]} names clinicians, so only administrators may run it.`)
  }
  const today = todayInLondon(call.clock())
  const period = periodOf(input.from, input.to, today)
  const previous = input.compare ? previousPeriod(period, today) : null
  const db = call.db.withTables<ReportViews>()
  const count = (p: Period) => counters[input.report]({ db, period: p, by: input.by })
  const current = await count(period)
  const before = previous === null ? null : await count(previous)
  const tables: ReportTable[] = current.map((table, index) => reportTable(table, before?.[index] ?? null, suppressionThreshold))
  return {
    report: input.report,
    title: reportNames[input.report],
    period: { from: period.from, to: period.to },
    previousPeriod: previous === null ? null : { from: previous.from, to: previous.to },
    by: input.by,
    suppressed: tables.some(anyHidden),
    threshold: suppressionThreshold,
    tables
  }
}

/** Each report's counting, by kind (exported for the query-plan test). */
export const counters: Record<ReportKind, (query: ReportQuery) => Promise<CountedTable[]>> = {
  'screening-coverage': screeningCoverage,
  'rag-distribution': ragDistribution,
  exposures,
  referrals: (query) => referrals(query, { sixWeeks: sixWeeksInDays, eighteenWeeks: eighteenWeeksInDays }),
  trim,
  cases: (query) => cases(query, (reason) => caseReasonNames[reason as CaseReason] ?? 'Other'),
  caseload,
  bereavement,
  signposting,
  outcomes
}

function periodOf(from: string, to: string, today: string): Period {
  return { from, to, asOf: to < today ? to : today, today }
}

/** The period of the same length that ends the day before `period` begins. */
export function previousPeriod(period: Period, today: string): Period {
  const days = daysBetween(period.from, period.to) + 1
  return periodOf(addCalendarDays(period.from, -days), addCalendarDays(period.from, -1), today)
}
