import { sql, type RawBuilder } from 'kysely'
import type { z } from 'zod'
import { daysBetween, todayInLondon } from '../../../shared/calendar-date'
import type { CaseloadRow, caseloadQuery, caseloadResult, teamRow } from '../../../shared/contract/caseload'
import { exposureReviewSource } from '../../../shared/contract/tasks'
import { exposureReviewKeyParts, ruleLabel } from '../../../shared/incidents/exposure-load'
import { breachCutoffs } from '../../../shared/referrals/clocks'
import { awaitingServiceStatuses } from '../../../shared/referrals/status'
import type { CallContext, Queries } from '../context'
import { CoreError } from '../errors'
import { readSetting } from '../store/settings'
import { countWhere, type Dialect } from '../store/dialect'
import { displayName } from './people'
import { personVisibleTo } from '../access'
import { currentUser } from './session-helpers'
import { isOpenWork } from './tasks'

type Query = z.output<typeof caseloadQuery>

const sortColumns = (dialect: Dialect) => ({
  name: [dialect.caseless(sql.ref('people.family_name')), dialect.caseless(sql.ref('people.given_name'))],
  staffNumber: [sql`people.staff_number`],
  reason: [sql`cases.reason`],
  status: [
    sql`CASE cases.status WHEN 'open' THEN 0 WHEN 'active' THEN 1 WHEN 'awaiting-treatment' THEN 2 WHEN 'in-treatment' THEN 3 ELSE 4 END`
  ],
  priority: [sql`CASE cases.priority WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`],
  nextReview: [sql`cases.next_review_date IS NULL`, sql`cases.next_review_date`],
  lastContact: [sql`cases.last_contact_date IS NULL`, sql`cases.last_contact_date`]
})

type Filters = Omit<Query, 'sort' | 'direction' | 'page'>

/** The list's filters as conditions on cases alone, shared by the page and its counts so they always agree. */
function filterConditions(dialect: Dialect, query: Filters, today: string): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = []
  if (query.status) conditions.push(sql<boolean>`cases.status = ${query.status}`)
  if (query.priority) conditions.push(sql<boolean>`cases.priority = ${query.priority}`)
  if (query.overdueOnly) conditions.push(sql<boolean>`cases.next_review_date < ${today}`)
  if (query.flag) conditions.push(sql<boolean>`(cases.reason = ${query.flag} OR ${dialect.jsonArrayHas('cases.flags', query.flag)})`)
  return conditions
}

/**
 * The ids of one page of a clinician's open cases, in the list's order. Only cases are read
 * (people too when sorting by name), through the (clinician, status, review) index, so a page
 * of 50 out of 1,500 cases does not read 1,500 people or count 1,500 cases' tasks.
 */
export function caseloadPageIds({ db, dialect }: Queries, viewerId: string, clinicianId: string, query: Query, today: string) {
  let ids = db
    .selectFrom('cases')
    .where('cases.assigned_clinician_id', '=', clinicianId)
    .where('cases.status', '<>', 'closed')
    .where(personVisibleTo(viewerId, sql.ref('cases.person_id')))
  for (const condition of filterConditions(dialect, query, today)) ids = ids.where(condition)
  const sorted =
    query.sort === 'name' || query.sort === 'staffNumber'
      ? ids.innerJoin('people', 'people.id', 'cases.person_id').select('cases.id')
      : ids.select('cases.id')
  return inListOrder(dialect, sorted, query).limit(query.page.limit).offset(query.page.offset)
}

/** The list's order, then the case id so that equal keys never swap places between pages. */
function inListOrder<T extends { orderBy: (expression: RawBuilder<unknown>) => T }>(
  dialect: Dialect,
  select: T,
  query: Pick<Query, 'sort' | 'direction'>
): T {
  let ordered = select
  for (const column of sortColumns(dialect)[query.sort])
    ordered = ordered.orderBy(sql`${column} ${sql.raw(query.direction === 'desc' ? 'DESC' : 'ASC')}`)
  return ordered.orderBy(sql`cases.id`)
}

/**
 * The caseload's counts in one pass over the clinician's open cases, by status: all of them,
 * overdue, urgent, and how many match the filters (the list's total). Visibility is decided
 * from the case's person id against the few restricted people, so no person row is read.
 */
export function caseloadCountsQuery({ db, dialect }: Queries, viewerId: string, clinicianId: string, query: Filters, today: string) {
  const conditions = filterConditions(dialect, query, today)
  const matching = conditions.length === 0 ? sql<number>`count(*)` : countWhere(sql<boolean>`${sql.join(conditions, sql` AND `)}`)
  return db
    .selectFrom('cases')
    .where('cases.assigned_clinician_id', '=', clinicianId)
    .where('cases.status', '<>', 'closed')
    .where(personVisibleTo(viewerId, sql.ref('cases.person_id')))
    .select([
      'cases.status',
      sql<number>`count(*)`.as('n'),
      countWhere(sql<boolean>`cases.next_review_date < ${today}`).as('overdue'),
      countWhere(sql<boolean>`cases.priority = 'urgent'`).as('urgent'),
      matching.as('matching')
    ])
    .groupBy('cases.status')
}

/** One page of the caseload: the page's cases (caseloadPageIds) with their people and open task counts. */
export function caseloadPageQuery(queries: Queries, viewerId: string, clinicianId: string, query: Query, today: string) {
  const cutoffs = breachCutoffs(today)
  const awaiting = sql.join(awaitingServiceStatuses.map((status) => sql`${status}`))
  const select = queries.db
    .selectFrom('cases')
    .innerJoin('people', 'people.id', 'cases.person_id')
    .where('cases.id', 'in', caseloadPageIds(queries, viewerId, clinicianId, query, today))
    .select([
      'cases.id as case_id',
      'people.id as person_id',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number',
      'cases.reason',
      'cases.status',
      'cases.priority',
      'cases.next_review_date',
      'cases.last_contact_date',
      'cases.flags',
      sql<number>`(SELECT count(*) FROM tasks WHERE tasks.case_id = cases.id AND ${isOpenWork()})`.as('open_tasks'),
      // Unacknowledged safety alerts about the person: the row must show them, whatever the case's priority says.
      sql<number>`(SELECT count(*) FROM alerts WHERE alerts.status = 'open' AND alerts.person_id = cases.person_id)`.as('open_alerts'),
      // The person's referrals still waiting on the service past 18 weeks (2) or 6 weeks (1), through the person's referrals index.
      sql<
        number | null
      >`(SELECT max(CASE WHEN r.referred_on < ${cutoffs.eighteenWeeks} THEN 2 ELSE 1 END) FROM referrals r WHERE r.person_id = cases.person_id AND r.status IN (${awaiting}) AND r.referred_on < ${cutoffs.sixWeeks})`.as(
        'referral_breach'
      ),
      // The exposure rule that fired, from its open review's rule key: the row names it.
      sql<
        string | null
      >`(SELECT rule_key FROM tasks WHERE tasks.person_id = cases.person_id AND tasks.source = ${exposureReviewSource} AND tasks.status = 'open' ORDER BY tasks.created_at DESC LIMIT 1)`.as(
        'exposure_review'
      )
    ])
  return inListOrder(queries.dialect, select, query)
}

export async function listCaseload(call: CallContext, query: Query): Promise<z.infer<typeof caseloadResult>> {
  const user = currentUser(call)
  const clinicianId = query.clinicianId ?? user.id
  if (clinicianId !== user.id && !user.roles.includes('admin')) {
    throw new CoreError('forbidden', "Only administrators can see another clinician's caseload.")
  }
  const today = todayInLondon(call.core.clock())
  const rows = await caseloadPageQuery(call, user.id, clinicianId, query, today).execute()
  const { value: thresholds } = await readSetting(call.db, 'exposureThresholds')
  const exposureRule = (key: string | null) => {
    const parts = key === null ? null : exposureReviewKeyParts(key)
    return parts ? ruleLabel(parts.rule, thresholds) : null
  }
  const all = await caseloadCountsQuery(call, user.id, clinicianId, query, today).execute()
  const byStatus = Object.fromEntries(all.map((row) => [row.status, Number(row.n)]))
  return {
    rows: rows.map((row): CaseloadRow => ({
      caseId: row.case_id,
      personId: row.person_id,
      personName: displayName(row),
      staffNumber: row.staff_number,
      reason: row.reason as CaseloadRow['reason'],
      status: row.status as CaseloadRow['status'],
      priority: row.priority as CaseloadRow['priority'],
      nextReviewDate: row.next_review_date,
      lastContactDate: row.last_contact_date,
      daysSinceContact: row.last_contact_date ? daysBetween(row.last_contact_date, today) : null,
      flags: JSON.parse(row.flags) as string[],
      overdue: row.next_review_date !== null && row.next_review_date < today,
      openTasks: Number(row.open_tasks),
      openAlerts: Number(row.open_alerts),
      referralBreach: row.referral_breach === null ? null : Number(row.referral_breach) === 2 ? '18-weeks' : '6-weeks',
      exposureReview: exposureRule(row.exposure_review)
    })),
    total: all.reduce((sum, row) => sum + Number(row.matching ?? 0), 0),
    counts: {
      open: all.reduce((sum, row) => sum + Number(row.n), 0),
      overdue: all.reduce((sum, row) => sum + Number(row.overdue ?? 0), 0),
      urgent: all.reduce((sum, row) => sum + Number(row.urgent ?? 0), 0),
      byStatus
    }
  }
}

export function teamQuery({ db, dialect }: Queries, today: string) {
  return (
    db
      .selectFrom('users')
      .leftJoin('cases', (join) => join.onRef('cases.assigned_clinician_id', '=', 'users.id').on('cases.status', '<>', 'closed'))
      // Active clinicians, and anyone disabled who still holds open work: it must not drop out of sight.
      .where((eb) =>
        eb.or([
          eb.and([eb('users.status', '=', 'active'), dialect.jsonArrayHas('users.roles', 'clinician')]),
          eb.and([
            eb('users.status', '=', 'disabled'),
            sql<boolean>`(EXISTS (SELECT 1 FROM cases c WHERE c.assigned_clinician_id = users.id AND c.status <> 'closed') OR EXISTS (SELECT 1 FROM tasks t WHERE t.assignee_id = users.id AND ${isOpenWork('t')}))`
          ])
        ])
      )
      .select([
        'users.id',
        'users.display_name',
        'users.status',
        sql<number>`(SELECT count(*) FROM tasks WHERE tasks.assignee_id = users.id AND ${isOpenWork()})`.as('open_tasks'),
        sql<number>`count(cases.id)`.as('open_cases'),
        sql<number>`count(cases.id) FILTER (WHERE cases.priority = 'urgent')`.as('urgent'),
        sql<number>`count(cases.id) FILTER (WHERE cases.next_review_date < ${today})`.as('overdue_reviews'),
        sql<number>`(SELECT count(*) FROM tasks WHERE tasks.assignee_id = users.id AND ${isOpenWork()} AND tasks.due_date < ${today})`.as(
          'overdue_tasks'
        )
      ])
      .groupBy('users.id')
      .orderBy('users.display_name')
  )
}

/**
 * Caseload size per clinician, for administrators and service leads: counts only, no names of
 * people. A disabled user still holding open cases or tasks is listed, so that work is seen.
 */
export async function teamCaseload(call: CallContext): Promise<z.infer<typeof teamRow>[]> {
  const rows = await teamQuery(call, todayInLondon(call.core.clock())).execute()
  return rows.map((row) => ({
    clinicianId: row.id,
    clinicianName: row.display_name,
    active: row.status === 'active',
    openTasks: Number(row.open_tasks),
    openCases: Number(row.open_cases),
    urgent: Number(row.urgent),
    overdueReviews: Number(row.overdue_reviews),
    overdueTasks: Number(row.overdue_tasks)
  }))
}

export async function listClinicians(call: CallContext): Promise<{ id: string; displayName: string }[]> {
  const rows = await call.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('status', '=', 'active')
    .where(call.dialect.jsonArrayHas('users.roles', 'clinician'))
    .orderBy('display_name')
    .execute()
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }))
}
