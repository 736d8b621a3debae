import { randomUUID } from 'node:crypto'
import { daysBetween, formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import { consentInForce, currentConsent } from '../../../shared/consent/current'
import type { ManagementAdviceReport } from '../../../shared/contract/management-advice'
import type { Fitness } from '../../../shared/management-advice/fitness'
import { managementAdviceDocument } from '../../../shared/management-advice/document'
import type { PrintableDocument } from '../../../shared/documents/printable'
import { missingOrRefused, requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { ManagementAdviceReportsTable } from '../store/schema-consent'
import { consentsOf } from './consent'
import { refuseFutureDate } from './refuse-future-date'
import { currentUser } from './session-helpers'

/**
 * Management advice reports: functional advice to a person's manager, never a diagnosis or
 * scores (there is nowhere to put them). Drafted → shown to the person, when they asked to see
 * it first → released. Release needs a current consent for a management advice report naming
 * the manager or the organisation, and, if the person asked to see it first, the date it was
 * shown and their comments. A released report cannot change. The audit holds actions and ids.
 */

type ReportRow = ManagementAdviceReportsTable & { created_by_name: string; released_by_name: string | null }

/** What stands in the way of releasing the report today, in the user's words. */
async function releaseProblems(
  call: CallContext,
  row: ManagementAdviceReportsTable,
  today: string
): Promise<{ problems: string[]; consentId: string | null }> {
  if (row.status === 'released') return { problems: [], consentId: row.consent_id }
  const recipients = [row.manager_name, ...(row.organisation ? [row.organisation] : [])]
  const consents = await consentsOf(call.db, row.person_id)
  const consent = currentConsent(consents, { purpose: 'management-advice', recipients, on: today })
  const problems: string[] = []
  if (!consent) {
    // Consent names the recipient exactly (case and spacing aside): say so when one names someone close but different.
    const named = [
      ...new Set(
        consents.filter((c) => c.purpose === 'management-advice' && c.recipient && consentInForce(c, today)).map((c) => c.recipient ?? '')
      )
    ]
    const mismatch =
      named.length > 0
        ? ` The consent on record names ${named.join(' and ')}, which is not the name on this report: consent must name the manager or organisation exactly as the report does.${row.status === 'drafted' ? ' Record consent with that name, or change the draft.' : ''}`
        : ''
    problems.push(
      `Record the person's consent to share a management advice report with ${recipients.join(' or ')} before releasing it.${mismatch}`
    )
  }
  if (row.asked_to_see_first === 1 && row.shown_on === null)
    problems.push('The person asked to see the report first: record the date it was shown to them and their comments before releasing it.')
  return { problems, consentId: consent?.id ?? null }
}

async function loadReports(call: CallContext, where: { personId: string } | { reportId: string }): Promise<ManagementAdviceReport[]> {
  const today = todayInLondon(call.clock())
  let query = call.db
    .selectFrom('management_advice_reports as r')
    .innerJoin('users as creator', 'creator.id', 'r.created_by')
    .leftJoin('users as releaser', 'releaser.id', 'r.released_by')
    .selectAll('r')
    .select(['creator.display_name as created_by_name', 'releaser.display_name as released_by_name'])
  query = 'personId' in where ? query.where('r.person_id', '=', where.personId) : query.where('r.id', '=', where.reportId)
  const rows: ReportRow[] = await query.orderBy('r.created_at', 'desc').orderBy('r.id').execute()
  const reports: ManagementAdviceReport[] = []
  for (const row of rows) {
    const { problems } = await releaseProblems(call, row, today)
    reports.push({
      id: row.id,
      personId: row.person_id,
      managerName: row.manager_name,
      organisation: row.organisation,
      fitness: row.fitness,
      adjustments: row.adjustments,
      expectedReturnOn: row.expected_return_on,
      reviewOn: row.review_on,
      askedToSeeFirst: row.asked_to_see_first === 1,
      shownOn: row.shown_on,
      personComments: row.person_comments,
      status: row.status,
      releasedOn: row.released_on,
      releasedByName: row.released_by_name,
      createdByName: row.created_by_name,
      createdOn: todayInLondon(new Date(row.created_at)),
      releaseProblems: problems
    })
  }
  return reports
}

async function reportById(call: CallContext, reportId: string): Promise<ManagementAdviceReport> {
  const [found] = await loadReports(call, { reportId })
  if (!found) return missingOrRefused(call, 'management_advice_reports', reportId, 'There is no such management advice report.')
  return found
}

export async function requireVisibleReport(call: CallContext, reportId: string): Promise<ManagementAdviceReportsTable> {
  const row = await call.db.selectFrom('management_advice_reports').selectAll().where('id', '=', reportId).executeTakeFirst()
  if (!row) return missingOrRefused(call, 'management_advice_reports', reportId, 'There is no such management advice report.')
  await requirePersonAccess(call, row.person_id)
  return row
}

export async function managementAdviceForPerson(call: CallContext, input: { personId: string }): Promise<ManagementAdviceReport[]> {
  await requirePersonAccess(call, input.personId)
  return loadReports(call, { personId: input.personId })
}

/** The advice itself, as the draft and a change to it give it. */
interface Advice {
  managerName: string
  organisation: string | null
  fitness: Fitness
  adjustments: string | null
  expectedReturnOn: string | null
  reviewOn: string | null
  askedToSeeFirst: boolean
}

/** The advice as the report's columns: the one place a draft and a change to it map them. */
function adviceColumns(advice: Advice) {
  return {
    manager_name: advice.managerName,
    organisation: advice.organisation,
    fitness: advice.fitness,
    adjustments: advice.adjustments,
    expected_return_on: advice.expectedReturnOn,
    review_on: advice.reviewOn,
    asked_to_see_first: advice.askedToSeeFirst ? (1 as const) : (0 as const)
  }
}

/** A review date in the past would be overdue the moment it is saved. */
function refusePastReview(reviewOn: string | null, today: string): void {
  if (reviewOn !== null && daysBetween(today, reviewOn) < 0)
    throw new CoreError('invalid-input', 'The review date cannot be in the past.', ['reviewOn'])
}

export async function draftManagementAdvice(call: CallContext, input: Advice & { personId: string }): Promise<ManagementAdviceReport> {
  const user = currentUser(call)
  await requirePersonAccess(call, input.personId)
  const now = call.clock()
  refusePastReview(input.reviewOn, todayInLondon(now))
  const id = randomUUID()
  await call.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('management_advice_reports')
      .values({
        id,
        person_id: input.personId,
        ...adviceColumns(input),
        shown_on: null,
        person_comments: null,
        status: 'drafted',
        consent_id: null,
        released_on: null,
        released_by: null,
        created_by: user.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString()
      })
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'management-advice.drafted', entityType: 'management-advice', entityId: id }, now)
  })
  return reportById(call, id)
}

/**
 * Changes a draft's advice. Only a draft: once the person has seen a report their comments are
 * about that version, and a released one has gone to the manager, so either is kept as it is and
 * the clinician drafts a new report instead.
 */
export async function updateManagementAdvice(call: CallContext, input: Advice & { reportId: string }): Promise<ManagementAdviceReport> {
  const user = currentUser(call)
  const row = await requireVisibleReport(call, input.reportId)
  if (row.status === 'released') throw new CoreError('conflict', 'This report has been released and cannot be changed.')
  if (row.status === 'shown')
    throw new CoreError(
      'conflict',
      `This report was shown to the person on ${formatCalendarDate(row.shown_on)} and their comments are about it as it was: draft a new report to change the advice.`
    )
  const now = call.clock()
  refusePastReview(input.reviewOn, todayInLondon(now))
  await call.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('management_advice_reports')
      .set({ ...adviceColumns(input), updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'drafted')
      .execute()
    await appendAudit(
      trx,
      { actorId: user.id, action: 'management-advice.changed', entityType: 'management-advice', entityId: row.id },
      now
    )
  })
  return reportById(call, row.id)
}

export async function recordReportShown(
  call: CallContext,
  input: { reportId: string; shownOn: string; comments: string }
): Promise<ManagementAdviceReport> {
  const user = currentUser(call)
  const row = await requireVisibleReport(call, input.reportId)
  if (row.status === 'released') throw new CoreError('conflict', 'This report has been released and cannot be changed.')
  if (row.status === 'shown')
    throw new CoreError('conflict', `This report was already shown to the person on ${formatCalendarDate(row.shown_on)}.`)
  const now = call.clock()
  const today = todayInLondon(now)
  refuseFutureDate(input.shownOn, today, 'shownOn', 'The date shown to the person')
  const drafted = todayInLondon(new Date(row.created_at))
  if (daysBetween(drafted, input.shownOn) < 0)
    throw new CoreError(
      'invalid-input',
      `The date shown to the person cannot be before the report was drafted (${formatCalendarDate(drafted)}).`,
      ['shownOn']
    )
  await call.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('management_advice_reports')
      .set({ status: 'shown', shown_on: input.shownOn, person_comments: input.comments, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'drafted')
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'management-advice.shown', entityType: 'management-advice', entityId: row.id }, now)
  })
  return reportById(call, row.id)
}

export async function releaseManagementAdvice(call: CallContext, input: { reportId: string }): Promise<ManagementAdviceReport> {
  const user = currentUser(call)
  const row = await requireVisibleReport(call, input.reportId)
  if (row.status === 'released')
    throw new CoreError('conflict', `This report was already released on ${formatCalendarDate(row.released_on)}.`)
  const now = call.clock()
  const today = todayInLondon(now)
  const { problems, consentId } = await releaseProblems(call, row, today)
  if (problems.length > 0 || consentId === null) throw new CoreError('conflict', problems.join(' '))
  await call.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('management_advice_reports')
      .set({ status: 'released', released_on: today, released_by: user.id, consent_id: consentId, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '<>', 'released')
      .execute()
    // The report and the consent it went on, by id: never the advice, the manager or the comments.
    await appendAudit(
      trx,
      {
        actorId: user.id,
        action: 'management-advice.released',
        entityType: 'management-advice',
        entityId: row.id,
        detail: `consent ${consentId}`
      },
      now
    )
  })
  return reportById(call, row.id)
}

/** The report as a printable document, for the window's preview and the PDF maker. */
export async function managementAdvicePrintable(call: CallContext, input: { reportId: string }): Promise<PrintableDocument> {
  const row = await requireVisibleReport(call, input.reportId)
  const report = await reportById(call, row.id)
  const person = await call.db
    .selectFrom('people')
    .leftJoin('roles', 'roles.id', 'people.role_id')
    .select([
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number',
      'people.department',
      'roles.name as role_name'
    ])
    .where('people.id', '=', row.person_id)
    .executeTakeFirstOrThrow()
  return managementAdviceDocument(report, {
    givenName: person.given_name,
    familyName: person.family_name,
    preferredName: person.preferred_name,
    staffNumber: person.staff_number,
    department: person.department,
    roleName: person.role_name
  })
}
