import { basename } from 'node:path'
import { sql } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import { caseFlagNames, caseReasonNames, caseStatusNames, priorityNames } from '../../../shared/contract/cases'
import type { ExportList, ListSelection } from '../../../shared/contract/list-export'
import { toCsv, type CsvCell } from '../../../shared/exports/csv'
import { referralStatusLabels } from '../../../shared/referrals/status'
import { visibleTo } from '../access'
import type { CallContext } from '../context'
import { encryptedZip, newZipPassword } from '../documents/encrypted-zip'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import { searchTokens } from '../store/search-keys'
import { readSetting } from '../store/settings'
import { listCaseload } from './caseload'
import { displayName } from './people'
import { personListColumns, searchQuery } from './people-search'
import { referralWorklist } from './referrals-worklist'
import { dueList } from './screening-recall'
import { currentUser } from './session-helpers'

/**
 * CSV exports of the lists (docs/exports.md): my caseload, the screening due list, the
 * referrals worklist and the people register. Each export holds the rows the list's screen shows
 * the caller, with the same filters, read through the same services — so need-to-know is the
 * list's own: a restricted person appears only for the clinicians the record names. Every
 * export needs a reason and the exporter's passphrase again (checked on the key ring with its
 * back-off, as ending a hand-over is), is written where the exporter chooses in the save dialog,
 * and is audited with the list, the row count and how it was saved: never the reason's words,
 * a name or the file's path. The file is an AES-256 zip holding the CSV, with a password made
 * here and returned once; a plaintext CSV only when an administrator allows it and the
 * exporter chooses it.
 */

export interface ListTable {
  headings: string[]
  rows: CsvCell[][]
}

export interface ListExportInput {
  selection: ListSelection
  reason: string
  passphrase: string
  plaintext: boolean
}

/** The whole list, every page: an export holds everyone on it, not only the page on screen. */
const everyRow = { offset: 0, limit: Number.MAX_SAFE_INTEGER }

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No')

const breachWords: Record<'6-weeks' | '18-weeks', string> = {
  '6-weeks': 'Waiting over 6 weeks',
  '18-weeks': 'Waiting over 18 weeks'
}

function flagName(flag: string): string {
  return (caseFlagNames as Record<string, string>)[flag] ?? (caseReasonNames as Record<string, string>)[flag] ?? flag
}

function requireClinician(call: CallContext): void {
  if (!call.user.roles.includes('clinician')) throw new CoreError('forbidden', 'Only a clinician can export these lists.')
}

async function caseloadTable(call: CallContext, filters: Extract<ListSelection, { list: 'caseload' }>['filters']): Promise<ListTable> {
  const { rows } = await listCaseload(call, { ...filters, page: everyRow })
  return {
    headings: [
      'Name',
      'Staff number',
      'Reason',
      'Status',
      'Priority',
      'Next review',
      'Review overdue',
      'Last contact',
      'Days since contact',
      'Flags',
      'Open tasks',
      'Safety alerts',
      'Referral waiting',
      'Exposure review'
    ],
    rows: rows.map((row) => [
      row.personName,
      row.staffNumber,
      caseReasonNames[row.reason],
      caseStatusNames[row.status],
      priorityNames[row.priority],
      row.nextReviewDate,
      yesNo(row.overdue),
      row.lastContactDate,
      row.daysSinceContact,
      row.flags.map(flagName).join('; '),
      row.openTasks,
      row.openAlerts,
      row.referralBreach ? breachWords[row.referralBreach] : null,
      row.exposureReview
    ])
  }
}

async function dueTable(call: CallContext, filters: Extract<ListSelection, { list: 'due' }>['filters']): Promise<ListTable> {
  const { rows } = await dueList(call, { ...filters, page: everyRow })
  return {
    headings: ['Staff number', 'Name', 'Role', 'Department', 'Last screened', 'Later incomplete screening', 'Due', 'Status'],
    rows: rows.map((row) => [
      row.staffNumber,
      row.personName,
      row.roleName,
      row.department,
      row.lastScreened ?? 'Never',
      row.lastIncomplete,
      row.dueDate,
      row.overdue ? 'Overdue' : 'Due'
    ])
  }
}

async function referralsTable(call: CallContext, filters: Extract<ListSelection, { list: 'referrals' }>['filters']): Promise<ListTable> {
  const { rows } = await referralWorklist(call, { ...filters, page: everyRow })
  return {
    headings: [
      'Name',
      'Staff number',
      'Referred to',
      'Status',
      'Urgency',
      'Referred on',
      'Days waiting',
      'Days to treatment',
      'Past 6 or 18 weeks',
      'Days since last update',
      'Case held by'
    ],
    rows: rows.map((row) => [
      row.personName,
      row.staffNumber,
      row.destinationName,
      referralStatusLabels[row.status],
      row.urgency === 'urgent' ? 'Urgent' : 'Routine',
      row.referredOn,
      row.wait?.daysWaiting ?? null,
      row.wait?.daysToTreatment ?? null,
      row.wait?.breached ? breachWords[row.wait.breached] : null,
      row.daysSinceUpdate,
      row.holderName
    ])
  }
}

/**
 * The people register: everyone the caller may see, by surname, or those the search box's
 * words find, in the search's order. Restricted people not naming the caller are never read.
 */
async function registerTable(call: CallContext, filters: Extract<ListSelection, { list: 'register' }>['filters']): Promise<ListTable> {
  const user = currentUser(call)
  const rows =
    searchTokens(filters.query).length > 0
      ? await searchQuery(call, user.id, filters.query, everyRow.limit).execute()
      : await call.db
          .selectFrom('people')
          .select(personListColumns)
          .where(visibleTo(user.id))
          .orderBy('people.surname_key')
          .orderBy(call.dialect.caseless(sql.ref('people.given_name')))
          .orderBy('people.staff_number')
          .execute()
  const roleRows = await call.db.selectFrom('roles').select(['id', 'name']).execute()
  const roles = new Map(roleRows.map((role) => [role.id, role.name]))
  return {
    headings: ['Staff number', 'Name', 'Role', 'Department', 'Date of birth', 'Leaving date', 'Restricted record'],
    rows: rows.map((row) => [
      row.staff_number,
      displayName(row),
      row.role_id === null ? null : (roles.get(row.role_id) ?? null),
      row.department,
      row.date_of_birth,
      row.leaving_date,
      yesNo(row.restricted === 1)
    ])
  }
}

/** The list as its screen shows it to the caller, every page, with headings in the user's words. */
export async function listExportTable(call: CallContext, selection: ListSelection): Promise<ListTable> {
  requireClinician(call)
  switch (selection.list) {
    case 'caseload':
      return caseloadTable(call, selection.filters)
    case 'due':
      return dueTable(call, selection.filters)
    case 'referrals':
      return referralsTable(call, selection.filters)
    case 'register':
      return registerTable(call, selection.filters)
  }
}

/**
 * Everything that must hold before the save dialog opens, so a refused export never asks where
 * to save: a clinician, a reason, plaintext only where allowed, and the exporter's passphrase.
 */
async function checkListExport(call: CallContext, input: ListExportInput): Promise<void> {
  const user = currentUser(call)
  requireClinician(call)
  if (input.reason.trim() === '') throw new CoreError('invalid-input', 'Enter a reason for the export.', ['reason'])
  if (input.plaintext && !(await readSetting(call.db, 'plaintextExportsAllowed')).value)
    throw new CoreError(
      'forbidden',
      'Exports without encryption are not allowed here: an administrator can allow them in Settings. Nothing was saved.',
      ['plaintext']
    )
  await call.keyRing.checkPassphrase(user.username, input.passphrase).catch(async (error: unknown) => {
    if (error instanceof CoreError && error.code === 'unauthenticated') {
      await appendAudit(
        call.db,
        { actorId: user.id, action: 'export.list-refused', entityType: 'export', detail: `${input.selection.list}; passphrase not right` },
        call.clock()
      )
      throw new CoreError('invalid-input', 'That passphrase is not right. Enter your own passphrase to export.', ['passphrase'])
    }
    throw error
  })
}

export interface ListExportFile {
  /** The bytes to write and the name the save dialog suggests. */
  bytes: Uint8Array | string
  suggestedName: string
  rows: number
  password: string | null
}

/** The file for the list: the CSV inside an AES-256 zip with a new password, or the CSV itself. */
async function listExportFile(call: CallContext, list: ExportList, table: ListTable, plaintext: boolean): Promise<ListExportFile> {
  const name = `harbour-${list}-${todayInLondon(call.clock())}`
  const csv = toCsv(table.headings, table.rows)
  if (plaintext) return { bytes: csv, suggestedName: `${name}.csv`, rows: table.rows.length, password: null }
  const password = newZipPassword()
  const bytes = await encryptedZip([{ name: `${name}.csv`, text: csv }], password)
  return { bytes, suggestedName: `${name}.zip`, rows: table.rows.length, password }
}

async function auditSaved(call: CallContext, list: ExportList, file: ListExportFile): Promise<void> {
  await appendAudit(
    call.db,
    {
      actorId: currentUser(call).id,
      action: 'export.list',
      entityType: 'export',
      // The list, how many rows, how it was saved, and that a reason was given: never its words or the path.
      detail: `${list}; rows ${file.rows}; ${file.password === null ? 'plaintext CSV' : 'AES-256 zip'}; reason; saved`
    },
    call.clock()
  )
}

/**
 * Exports a list to `file` (a path the caller chose): checked, written, audited. For the CLI
 * and tests; the window goes through `exportList`, which asks the save dialog for the path.
 */
export async function saveListExport(
  call: CallContext,
  input: ListExportInput,
  file: string
): Promise<{ fileName: string; rows: number; password: string | null }> {
  await checkListExport(call, input)
  const made = await listExportFile(call, input.selection.list, await listExportTable(call, input.selection), input.plaintext)
  writeFileAtomic(file, made.bytes)
  await auditSaved(call, input.selection.list, made)
  return { fileName: basename(file), rows: made.rows, password: made.password }
}

/** The export from the window: checked first, then the save dialog; null if the exporter cancels it. */
export async function exportList(
  call: CallContext,
  input: ListExportInput
): Promise<{ fileName: string; rows: number; password: string | null } | null> {
  const dialogs = call.core.dialogs
  const choose = input.plaintext ? dialogs?.chooseExportDestination : dialogs?.chooseEncryptedExportDestination
  if (!choose) throw new CoreError('unavailable', 'Exporting needs a file dialog, which is not available here.')
  await checkListExport(call, input)
  const made = await listExportFile(call, input.selection.list, await listExportTable(call, input.selection), input.plaintext)
  const file = await choose(made.suggestedName)
  if (!file) return null
  writeFileAtomic(file, made.bytes)
  await auditSaved(call, input.selection.list, made)
  return { fileName: basename(file), rows: made.rows, password: made.password }
}
