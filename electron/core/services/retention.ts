import { sql, type Kysely, type Transaction } from 'kysely'
import type { RetentionCount, RetentionPerson, RetentionReview } from '../../../shared/contract/retention'
import { todayInLondon } from '../../../shared/calendar-date'
import { addYears, retentionDue, type RetentionPeriods } from '../../../shared/retention/due'
import { retentionKinds, type RetentionKind } from '../../../shared/retention/kinds'
import { visibleTo } from '../access'
import type { CallContext } from '../context'
import { appendAudit } from '../store/audit'
import type { Dialect } from '../store/dialect'
import type { HarbourDatabase } from '../store/schema'
import { readSetting, writeSetting } from '../store/settings'
import { currentUser } from './session-helpers'

/**
 * Retention (docs/retention.md): the periods an administrator sets, and the review of people
 * past retention as of today (the core's clock). The rule is shared/retention/due.ts; this reads
 * the facts it needs (leaving date, last entry, last health surveillance record) and counts
 * what a purge would remove, by kind. Restricted people the administrator may not see are
 * counted, never listed: a clinician named on them must review them.
 */

type Executor = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

export async function readRetentionPeriods(call: Pick<CallContext, 'db'>): Promise<RetentionPeriods> {
  return (await readSetting(call.db, 'retentionPeriods')).value
}

export async function setRetentionPeriods(call: CallContext, input: RetentionPeriods): Promise<RetentionPeriods> {
  const user = currentUser(call)
  await call.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'retentionPeriods', input)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: 'retentionPeriods' },
      call.core.clock()
    )
  })
  return readRetentionPeriods(call)
}

/**
 * Where each kind of record is found, and when a row of it was written (the instant that
 * counts as an entry; null for rows that are not entries themselves). Tasks are found by
 * person or through the person's cases, and questionnaire results through the screening.
 */
const entryColumn: Partial<Record<RetentionKind, string>> = {
  cases: 'created_at',
  notes: 'created_at',
  tasks: 'created_at',
  screenings: 'created_at',
  alerts: 'created_at',
  screening_follow_ups: 'created_at',
  exposures: 'recorded_at',
  trim_offers: 'created_at',
  trim_assessments: 'created_at',
  trim_prompt_claims: 'claimed_at',
  referrals: 'created_at',
  referral_steps: 'recorded_at',
  consents: 'recorded_at',
  management_advice_reports: 'created_at',
  signposting_records: 'recorded_at',
  bereavement_counselling: 'recorded_at'
}

export interface PersonFacts {
  lastEntryOn: string | null
  lastSurveillanceOn: string | null
  counts: Map<RetentionKind, number>
}

interface Row {
  person_id: string
  n: number | string | bigint
  last: string | null
}

/** In slices: SQLite allows a few thousand parameters a statement. */
async function inSlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (let start = 0; start < ids.length; start += 500) out.push(...(await read(ids.slice(start, start + 500))))
  return out
}

const list = (ids: string[]) => sql.join(ids.map((id) => sql`${id}`))

/** Each kind's rows for these people: how many, and the latest written instant. */
function kindRows(db: Executor, kind: RetentionKind, ids: string[]): Promise<Row[]> {
  const column = entryColumn[kind]
  const last = column ? sql`max(${sql.ref(`t.${column}`)})` : sql`NULL`
  let query
  if (kind === 'people') query = sql<Row>`SELECT id AS person_id, 1 AS n, NULL AS last FROM people WHERE id IN (${list(ids)})`
  else if (kind === 'screening_results')
    query = sql<Row>`SELECT s.person_id AS person_id, count(*) AS n, NULL AS last
      FROM screening_results r JOIN screenings s ON s.id = r.screening_id WHERE s.person_id IN (${list(ids)}) GROUP BY s.person_id`
  else if (kind === 'tasks')
    query = sql<Row>`SELECT coalesce(t.person_id, c.person_id) AS person_id, count(*) AS n, ${last} AS last
      FROM tasks t LEFT JOIN cases c ON c.id = t.case_id
      WHERE t.person_id IN (${list(ids)}) OR (t.person_id IS NULL AND c.person_id IN (${list(ids)}))
      GROUP BY coalesce(t.person_id, c.person_id)`
  else
    query = sql<Row>`SELECT t.person_id AS person_id, count(*) AS n, ${last} AS last
      FROM ${sql.table(kind)} t WHERE t.person_id IN (${list(ids)}) GROUP BY t.person_id`
  return query.execute(db).then((result) => result.rows)
}

/** The London calendar day of a stored instant. */
const dayOf = (instant: string) => todayInLondon(new Date(instant))

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : b > a ? b : a)

/** What a purge would remove for each person, and the dates the rule reads. */
export async function personFacts(db: Executor, personIds: readonly string[]): Promise<Map<string, PersonFacts>> {
  const facts = new Map<string, PersonFacts>(
    personIds.map((id) => [id, { lastEntryOn: null, lastSurveillanceOn: null, counts: new Map() }])
  )
  for (const kind of Object.keys(retentionKinds) as RetentionKind[]) {
    const rows = await inSlices(personIds, (slice) => kindRows(db, kind, slice))
    for (const row of rows) {
      const entry = facts.get(row.person_id)
      if (!entry) continue
      entry.counts.set(kind, Number(row.n))
      if (row.last !== null) entry.lastEntryOn = later(entry.lastEntryOn, dayOf(row.last))
    }
  }
  const sittings = await inSlices(personIds, (slice) =>
    db
      .selectFrom('screenings')
      .select(['person_id'])
      .select((eb) => eb.fn.max('sitting_date').as('last'))
      .where('person_id', 'in', slice)
      .groupBy('person_id')
      .execute()
  )
  for (const row of sittings) {
    const entry = facts.get(row.person_id)
    if (entry) entry.lastSurveillanceOn = row.last
  }
  return facts
}

/** Counts in the screen's order, kinds with none left out. */
export function countsOf(facts: PersonFacts): RetentionCount[] {
  return (Object.keys(retentionKinds) as RetentionKind[])
    .filter((kind) => (facts.counts.get(kind) ?? 0) > 0)
    .map((kind) => ({ kind, label: retentionKinds[kind], count: facts.counts.get(kind) ?? 0 }))
}

/** Whether one person is past retention on `today`, from their facts. */
export function dueFor(leftOn: string | null, facts: PersonFacts, periods: RetentionPeriods, today: string) {
  return retentionDue(
    {
      leftOn,
      lastEntryOn: facts.lastEntryOn,
      lastSurveillanceOn: periods.screeningsAreHealthSurveillance ? facts.lastSurveillanceOn : null
    },
    periods,
    today
  )
}

/**
 * Leavers who may be past retention: left before the leaver period could be over. A loose
 * first cut (a year's margin); the rule decides each one exactly.
 */
function mayBeDueBefore(today: string, periods: RetentionPeriods): string {
  return addYears(today, -periods.leaverYears + 1)
}

/** How many people the caller may not see left long enough ago that they may be past retention. */
async function hiddenLeavers(db: Executor, dialect: Dialect, userId: string, leftBefore: string): Promise<number> {
  const onServer = dialect.hiddenLeavers(leftBefore)
  if (onServer) return Number((await onServer.execute(db)).rows[0]?.n ?? 0)
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('leaving_date', 'is not', null)
    .where('leaving_date', '<', leftBefore)
    .where(sql<boolean>`NOT ${visibleTo(userId)}`)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The people past retention the caller may see, with what would go; the rest counted. */
export async function retentionReview(call: CallContext): Promise<RetentionReview> {
  const user = currentUser(call)
  const today = todayInLondon(call.clock())
  const periods = await readRetentionPeriods(call)
  const candidates = await call.db
    .selectFrom('people')
    .select(['id', 'staff_number', 'given_name', 'family_name', 'preferred_name', 'leaving_date'])
    .where('leaving_date', 'is not', null)
    .where('leaving_date', '<', mayBeDueBefore(today, periods))
    .where(visibleTo(user.id))
    .orderBy('leaving_date')
    .orderBy('staff_number')
    .execute()
  const facts = await personFacts(
    call.db,
    candidates.map((row) => row.id)
  )
  const people: RetentionPerson[] = []
  for (const row of candidates) {
    const entry = facts.get(row.id)
    if (!entry || row.leaving_date === null) continue
    const due = dueFor(row.leaving_date, entry, periods, today)
    if (!due.due || due.reason !== 'period') continue
    people.push({
      personId: row.id,
      name: `${row.preferred_name ?? row.given_name} ${row.family_name}`,
      staffNumber: row.staff_number,
      leftOn: row.leaving_date,
      lastEntryOn: entry.lastEntryOn,
      lastSurveillanceOn: periods.screeningsAreHealthSurveillance ? entry.lastSurveillanceOn : null,
      rule: due.rule,
      keptUntil: due.keptUntil,
      counts: countsOf(entry)
    })
  }
  const hidden = await hiddenLeavers(call.db, call.dialect, user.id, addYears(today, -periods.leaverYears))
  await appendAudit(
    call.db,
    { actorId: user.id, action: 'retention.reviewed', entityType: 'retention', detail: `${people.length} listed` },
    call.clock()
  )
  return { today, periods, people, hidden }
}
