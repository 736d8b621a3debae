import { sql, type Kysely } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import type { DueList } from '../../../shared/contract/screening'
import type { CallContext, Queries } from '../context'
import { appendAudit } from '../store/audit'
import { countWhere } from '../store/dialect'
import type { HarbourDatabase } from '../store/schema'
import { readSetting } from '../store/settings'
import { displayName } from './people'
import { visibleTo } from '../access'
import { recallInterval } from './role-catalogue'
import { currentUser } from './session-helpers'

/**
 * Screening recall: who is due surveillance screening, from the next due date the triggers
 * keep on each person (only complete sittings reset it), as a page or a printout. Its CSV export is
 * the list exports' (services/list-export.ts).
 */
/** The far-past date that means "never screened, due now" (see migration 0040). */
const neverScreened = '0001-01-01'

/** Everyone recalled for screening (a role with an interval, or exposed to traumatic content), still serving, whom the caller may see. */
function recalled(db: Kysely<HarbourDatabase>, viewerId: string, today: string) {
  return db
    .selectFrom('people')
    .where('people.next_screening_due', 'is not', null)
    .where((eb) => eb.or([eb('people.leaving_date', 'is', null), eb('people.leaving_date', '>', today)]))
    .where(visibleTo(viewerId))
}

export interface DueFilters {
  roleId?: string | undefined
  department?: string | undefined
}

/**
 * Who is due surveillance screening: people whose trigger-kept next due date falls within
 * the window (an index range), still serving, and visible to the caller. The department
 * matches in any case ("firearms" finds "Firearms").
 */
export function dueQuery({ db, dialect }: Queries, viewerId: string, today: string, cutoff: string, filters: DueFilters) {
  let query = recalled(db, viewerId, today)
    .innerJoin('roles', 'roles.id', 'people.role_id')
    .where('people.next_screening_due', '<=', cutoff)
  if (filters.roleId) query = query.where('people.role_id', '=', filters.roleId)
  const department = filters.department?.trim()
  if (department)
    query = query.where(sql<boolean>`${dialect.caseless(sql.ref('people.department'))} = ${dialect.caseless(sql.val(department))}`)
  return query
}

/**
 * One page of the due list. The page's people are picked first, straight off the recall index:
 * many people share one due date (all the never-screened share "now"), and ordering them reads
 * only the index's columns. Only then are the details and last sittings read, for those people
 * alone — never for the whole of a date's group (at 50,000 people that was 270 ms, now ~5 ms).
 */
export function duePageQuery(
  queries: Queries,
  viewerId: string,
  today: string,
  cutoff: string,
  filters: DueFilters,
  page: { offset: number; limit: number }
) {
  const pageIds = dueQuery(queries, viewerId, today, cutoff, filters)
    .select('people.id')
    .orderBy('people.next_screening_due')
    .orderBy(queries.dialect.insertionOrder('people'))
    .limit(page.limit)
    .offset(page.offset)
  return (
    queries.db
      .selectFrom('people')
      .innerJoin('roles', 'roles.id', 'people.role_id')
      .where('people.id', 'in', pageIds)
      .select([
        'people.id',
        'people.given_name',
        'people.family_name',
        'people.preferred_name',
        'people.staff_number',
        'people.department',
        'people.next_screening_due',
        'roles.name as role_name',
        'roles.screening_interval_months',
        'roles.traumatic_content'
      ])
      // Only a complete sitting counts as screened; a later incomplete one is shown as such.
      .select(
        sql<
          string | null
        >`(SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = people.id AND s.superseded_by_id IS NULL AND s.complete = 1)`.as(
          'last_screened'
        )
      )
      .select(
        sql<
          string | null
        >`(SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = people.id AND s.superseded_by_id IS NULL AND s.complete = 0)`.as(
          'last_incomplete'
        )
      )
      .orderBy('people.next_screening_due')
      .orderBy(queries.dialect.insertionOrder('people'))
  )
}

function cutoffFor(today: string, withinDays: number): string {
  const cutoff = new Date(`${today}T12:00:00Z`)
  cutoff.setUTCDate(cutoff.getUTCDate() + withinDays)
  return cutoff.toISOString().slice(0, 10)
}

const filtered = (filters: DueFilters) => Boolean(filters.roleId || filters.department?.trim())

export async function dueList(
  call: CallContext,
  input: DueFilters & { withinDays: number; page: { offset: number; limit: number } }
): Promise<DueList> {
  const user = currentUser(call)
  const today = todayInLondon(call.core.clock())
  const cutoff = cutoffFor(today, input.withinDays)
  const base = dueQuery(call, user.id, today, cutoff, input)
  const counts = await base
    .select([
      sql<number>`count(*)`.as('total'),
      countWhere(sql<boolean>`people.next_screening_due < ${today} AND people.next_screening_due > ${neverScreened}`).as('overdue')
    ])
    .executeTakeFirst()
  const total = Number(counts?.total ?? 0)
  // With a role or department chosen, how many are due at all, so an empty list can say which filter emptied it.
  const unfiltered = filtered(input)
    ? await dueQuery(call, user.id, today, cutoff, {})
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirst()
    : undefined
  const rows = await duePageQuery(call, user.id, today, cutoff, input, input.page).execute()
  const { value: traumaticMonths } = await readSetting(call.db, 'traumaticContentRecallMonths')
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
        intervalMonths: recallInterval(row, traumaticMonths) ?? 0,
        lastScreened: row.last_screened,
        lastIncomplete:
          row.last_incomplete !== null && (row.last_screened === null || row.last_incomplete > row.last_screened)
            ? row.last_incomplete
            : null,
        dueDate,
        overdue: dueDate < today
      }
    }),
    total,
    overdue: Number(counts?.overdue ?? 0),
    dueInPeriod: unfiltered ? Number(unfiltered.n) : total
  }
}

/** The whole list, every page: for the CSV and the printout, which must hold everyone on it. */
async function wholeDueList(call: CallContext, input: DueFilters & { withinDays: number }): Promise<DueList> {
  return dueList(call, { ...input, page: { offset: 0, limit: Number.MAX_SAFE_INTEGER } })
}

/** The whole list for the A4 printout; the print is audited with its row count, as an export is. */
export async function printDue(call: CallContext, input: DueFilters & { withinDays: number }): Promise<DueList> {
  const list = await wholeDueList(call, input)
  await appendAudit(
    call.db,
    { actorId: currentUser(call).id, action: 'screening.due-printed', entityType: 'print', detail: `rows=${list.rows.length}` },
    call.core.clock()
  )
  return list
}

/**
 * The departments on record, to choose from: every department of someone the user may see.
 * Spellings that differ only in case ("Firearms", "FIREARMS") are one department, shown as
 * most people have it. Unrestricted people are counted per spelling as they change (migration
 * 0100), as counting them here took about 27 ms at 50,000; restricted people, who are few,
 * are read from their own index, as only some users may see them.
 */
export async function dueDepartments(call: CallContext): Promise<string[]> {
  const rows = await departmentsQuery(call, currentUser(call).id).execute()
  return rows.flatMap((row) => (row.department ? [row.department] : []))
}

export function departmentsQuery({ db, dialect }: Queries, userId: string) {
  const unrestricted = db
    .selectFrom('department_spellings')
    .select([sql<string | null>`department_spellings.department`.as('department'), 'department_spellings.people as n'])
  // A literal condition (not a parameter), so SQLite reads restricted people from their own index.
  const restricted = db
    .selectFrom('people')
    .where(sql<boolean>`people.restricted = 1 AND trim(people.department) <> '' AND ${visibleTo(userId)}`)
    .select(['people.department', sql<number>`1`.as('n')])
  const counted = db
    .selectFrom(unrestricted.unionAll(restricted).as('spelling'))
    .select(['spelling.department', sql<number>`sum(spelling.n)`.as('n')])
    .groupBy('spelling.department')
  // Spellings that differ only in case are one department, shown as its commonest spelling.
  const ranked = db
    .selectFrom(counted.as('spelling'))
    .select([
      'spelling.department',
      sql<number>`row_number() OVER (PARTITION BY ${dialect.caseless(sql.ref('spelling.department'))} ORDER BY spelling.n DESC, spelling.department)`.as(
        'commonness'
      )
    ])
  return db
    .selectFrom(ranked.as('department'))
    .select('department.department')
    .where('department.commonness', '=', 1)
    .orderBy(dialect.caseless(sql.ref('department.department')))
}
