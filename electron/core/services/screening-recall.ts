import { stringify } from 'csv-stringify/sync'
import { sql, type Kysely } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import type { DueRow } from '../../../shared/contract/screening'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { displayName, visibleTo } from './people'
import { currentUser } from './session-helpers'

/**
 * Screening recall: who is due surveillance screening, from the next due date the triggers
 * keep on each person (only complete sittings reset it), as a page or a CSV file.
 */
/** The far-past date that means "never screened, due now" (see migration 0040). */
const neverScreened = '0001-01-01'

/**
 * Who is due surveillance screening: people whose trigger-kept next due date falls within
 * the window (an index range), still serving, and visible to the caller.
 */
export function dueQuery(db: Kysely<HarbourDatabase>, viewerId: string, today: string, cutoff: string, filters: { roleId?: string | undefined; department?: string | undefined }) {
  let query = db
    .selectFrom('people')
    .innerJoin('roles', 'roles.id', 'people.role_id')
    .where('people.next_screening_due', '<=', cutoff)
    .where((eb) => eb.or([eb('people.leaving_date', 'is', null), eb('people.leaving_date', '>', today)]))
    .where(visibleTo(viewerId))
  if (filters.roleId) query = query.where('people.role_id', '=', filters.roleId)
  if (filters.department) query = query.where('people.department', '=', filters.department)
  return query
}

export async function dueList(call: CallContext, input: { roleId?: string | undefined; department?: string | undefined; withinDays: number; page: { offset: number; limit: number } }): Promise<{ rows: DueRow[]; total: number; overdue: number }> {
  const user = currentUser(call)
  const today = todayInLondon(call.core.clock())
  const cutoff = new Date(`${today}T12:00:00Z`)
  cutoff.setUTCDate(cutoff.getUTCDate() + input.withinDays)
  const base = dueQuery(call.vault.db, user.id, today, cutoff.toISOString().slice(0, 10), input)
  const counts = await base
    .select([sql<number>`count(*)`.as('total'), sql<number>`coalesce(sum(people.next_screening_due < ${today} AND people.next_screening_due > ${neverScreened}), 0)`.as('overdue')])
    .executeTakeFirst()
  const rows = await base
    .select(['people.id', 'people.given_name', 'people.family_name', 'people.preferred_name', 'people.staff_number', 'people.department', 'people.next_screening_due', 'roles.name as role_name', 'roles.screening_interval_months'])
    // Only a complete sitting counts as screened; a later incomplete one is shown as such.
    .select(sql<string | null>`(SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = people.id AND s.superseded_by_id IS NULL AND s.complete = 1)`.as('last_screened'))
    .select(sql<string | null>`(SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = people.id AND s.superseded_by_id IS NULL AND s.complete = 0)`.as('last_incomplete'))
    // Index order (due date, then row), so the page is read straight off the index without sorting.
    .orderBy('people.next_screening_due')
    .orderBy(sql`people.rowid`)
    .limit(input.page.limit)
    .offset(input.page.offset)
    .execute()
  return {
    rows: rows.map((row) => {
      const stored = row.next_screening_due ?? today
      const dueDate = stored === neverScreened ? today : stored
      return {
        personId: row.id,
        personName: displayName(row),
        staffNumber: row.staff_number,
        roleName: row.role_name,
        department: row.department,
        intervalMonths: Number(row.screening_interval_months),
        lastScreened: row.last_screened,
        lastIncomplete: row.last_incomplete !== null && (row.last_screened === null || row.last_incomplete > row.last_screened) ? row.last_incomplete : null,
        dueDate,
        overdue: dueDate < today
      }
    }),
    total: Number(counts?.total ?? 0),
    overdue: Number(counts?.overdue ?? 0)
  }
}

/** The recall list as CSV (formula-safe: cells starting =, +, - or @ are neutralised), audited. */
export async function exportDue(call: CallContext, input: { roleId?: string | undefined; department?: string | undefined; withinDays: number }): Promise<{ file: string; rows: number } | null> {
  const user = currentUser(call)
  if (!call.core.dialogs?.chooseExportDestination) throw new CoreError('unavailable', 'Exporting needs a file dialog, which is not available here.')
  const file = await call.core.dialogs.chooseExportDestination(`harbour-recall-${todayInLondon(call.core.clock())}.csv`)
  if (!file) return null
  const { rows } = await dueList(call, { ...input, page: { offset: 0, limit: 1_000_000 } })
  const csv = stringify(
    rows.map((row) => [row.staffNumber, row.personName, row.roleName, row.department ?? '', row.lastScreened ?? 'Never', row.lastIncomplete ?? '', row.dueDate, row.overdue ? 'Overdue' : 'Due']),
    { header: true, columns: ['Staff number', 'Name', 'Role', 'Department', 'Last screened', 'Later incomplete screening', 'Due', 'Status'], escape_formulas: true, bom: true, record_delimiter: 'windows' }
  )
  writeFileAtomic(file, csv)
  await appendAudit(call.vault.db, { actorId: user.id, action: 'screening.due-exported', entityType: 'export', detail: `rows=${rows.length}` }, call.core.clock())
  return { file, rows: rows.length }
}
