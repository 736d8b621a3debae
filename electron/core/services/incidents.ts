import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import type { Incident, IncidentCategory, IncidentSaved, PersonExposures } from '../../../shared/contract/incidents'
import { intensityFactor, type ExposureIntensity, type ExposurePart } from '../../../shared/incidents/categories'
import { readPastedStaffNumbers, splitPasted } from '../../../shared/incidents/pasted-staff-numbers'
import {
  addDays,
  exposureLoad,
  exposureReviewKey,
  exposureReviewKeyParts,
  exposureReviewTitle,
  inWindow,
  ruleWindowStart,
  type ExposureThresholds
} from '../../../shared/incidents/exposure-load'
import { exposureReviewSource } from '../../../shared/contract/tasks'
import { requirePersonAccess, visibleTo } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { readSetting, writeSetting } from '../store/settings'
import { displayName, requireVisiblePerson } from './people'
import { currentUser } from './session-helpers'
import { refuseFutureDate } from './refuse-future-date'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/**
 * Incidents and the people exposed to them. An incident and all its exposures are written in one
 * transaction: an attendee the caller cannot name (an unknown staff number, or a restricted
 * person they are not named on) refuses the whole write, listing the numbers, and nothing is
 * saved. After each write the core works out each attendee's load (shared/incidents/exposure-load.ts)
 * and, for each threshold rule that fires, raises one review task per rule per window, assigned
 * to the holder of the person's open case or else to the clinician recording. The audit holds
 * actions and ids: never the reference, the category or anyone's part in it.
 */

/** Days a review task is given. */
const reviewDueInDays = 7

/** A name as said in a sentence: preferred (or given) name, then family name. */
function spokenName(row: { given_name: string; family_name: string; preferred_name: string | null }): string {
  return `${row.preferred_name ?? row.given_name} ${row.family_name}`
}

interface AttendeeInput {
  personId?: string | undefined
  staffNumber?: string | undefined
  part: ExposurePart
  intensity: ExposureIntensity
  hoursReviewed: number | null
}

function toCategory(row: { id: string; name: string; weight: number; retired: 0 | 1; sort_order: number }): IncidentCategory {
  return { id: row.id, name: row.name, weight: row.weight, retired: row.retired === 1, sortOrder: row.sort_order }
}

export async function listIncidentCategories(call: CallContext, input: { includeRetired: boolean }): Promise<IncidentCategory[]> {
  let query = call.db.selectFrom('incident_categories').selectAll()
  if (!input.includeRetired) query = query.where('retired', '=', 0)
  const rows = await query.orderBy('sort_order').orderBy('name').execute()
  return rows.map(toCategory)
}

/** Adds a category (id null) or changes one: name, weight, retired. Past exposures keep their weight. */
export async function saveIncidentCategory(
  call: CallContext,
  input: { id: string | null; name: string; weight: number; retired: boolean }
): Promise<IncidentCategory> {
  const user = currentUser(call)
  const clash = await call.db
    .selectFrom('incident_categories')
    .select('id')
    .where(sql<boolean>`lower(name) = lower(${input.name})`)
    .executeTakeFirst()
  if (clash && clash.id !== input.id) throw new CoreError('conflict', `There is already a category called ${input.name}.`, ['name'])
  const now = call.core.clock()
  const id = input.id ?? randomUUID()
  await call.db.transaction().execute(async (trx) => {
    if (input.id === null) {
      const last = await trx
        .selectFrom('incident_categories')
        .select((eb) => eb.fn.max('sort_order').as('n'))
        .executeTakeFirst()
      await trx
        .insertInto('incident_categories')
        .values({
          id,
          name: input.name,
          weight: input.weight,
          retired: input.retired ? 1 : 0,
          sort_order: Number(last?.n ?? 0) + 10,
          created_at: now.toISOString(),
          updated_at: now.toISOString()
        })
        .execute()
    } else {
      const result = await trx
        .updateTable('incident_categories')
        .set({ name: input.name, weight: input.weight, retired: input.retired ? 1 : 0, updated_at: now.toISOString() })
        .where('id', '=', input.id)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) throw new CoreError('not-found', 'There is no such category.')
    }
    await appendAudit(
      trx,
      {
        actorId: user.id,
        action: input.id === null ? 'incident-category.added' : 'incident-category.changed',
        entityType: 'incident-category',
        entityId: id
      },
      now
    )
  })
  const row = await call.db.selectFrom('incident_categories').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return toCategory(row)
}

/**
 * The people these staff numbers name, among those the caller may see. A number for a person the
 * caller may not see is reported as not found, exactly like a number no one has.
 */
async function peopleByStaffNumber(call: CallContext, numbers: string[]) {
  const user = currentUser(call)
  if (numbers.length === 0) return new Map<string, { id: string; displayName: string; spokenName: string; staffNumber: string }>()
  const rows = await call.db
    .selectFrom('people')
    .select(['id', 'staff_number', 'given_name', 'family_name', 'preferred_name'])
    .where(
      sql<string>`lower(staff_number)`,
      'in',
      numbers.map((n) => n.toLowerCase())
    )
    .where(visibleTo(user.id))
    .execute()
  return new Map(
    rows.map((row) => [
      row.staff_number.toLowerCase(),
      { id: row.id, displayName: displayName(row), spokenName: spokenName(row), staffNumber: row.staff_number }
    ])
  )
}

function unknownNumbersMessage(unknown: string[]): string {
  const listed = unknown.join(', ')
  return unknown.length === 1
    ? `No one Harbour can show you has the staff number ${listed}. Check it, or add the person first. Nothing was saved.`
    : `No one Harbour can show you has these staff numbers: ${listed}. Check them, or add the people first. Nothing was saved.`
}

export async function matchStaffNumbers(
  call: CallContext,
  input: { staffNumbers: string }
): Promise<{ people: { id: string; displayName: string; staffNumber: string }[]; ignored: string[] }> {
  const parts = splitPasted(input.staffNumbers)
  if (parts.length > 1000) throw new CoreError('invalid-input', 'Paste 500 staff numbers or fewer at a time.', ['staffNumbers'])
  // Every part and every pair of neighbours, looked up at once.
  const candidates = [...parts, ...parts.slice(1).map((part, i) => `${parts[i] ?? ''}${part}`)]
  const found = await peopleByStaffNumber(call, candidates)
  const read = readPastedStaffNumbers(parts, (n) => found.has(n.toLowerCase()))
  if (read.numbers.length > 500) throw new CoreError('invalid-input', 'Paste 500 staff numbers or fewer at a time.', ['staffNumbers'])
  if (read.unknown.length)
    throw new CoreError('invalid-input', unknownNumbersMessage(read.unknown).replace(' Nothing was saved.', ''), ['staffNumbers'])
  if (read.numbers.length === 0)
    throw new CoreError('invalid-input', 'There are no staff numbers in what was pasted. Paste the staff or collar numbers.', [
      'staffNumbers'
    ])
  return {
    people: read.numbers
      .map((n) => found.get(n.toLowerCase()))
      .filter((p) => p !== undefined)
      .map((p) => ({ id: p.id, displayName: p.displayName, staffNumber: p.staffNumber })),
    ignored: read.ignored
  }
}

interface ResolvedAttendee {
  personId: string
  personName: string
  part: ExposurePart
  intensity: ExposureIntensity
  hoursReviewed: number | null
}

/** Every attendee to a person the caller may see, or a refusal naming every problem at once. */
async function resolveAttendees(call: CallContext, attendees: AttendeeInput[]): Promise<ResolvedAttendee[]> {
  const numbers = attendees.flatMap((a) => (a.staffNumber === undefined ? [] : [a.staffNumber]))
  const byNumber = await peopleByStaffNumber(call, numbers)
  const unknown = [...new Set(numbers.filter((n) => !byNumber.has(n.toLowerCase())))]
  if (unknown.length) throw new CoreError('invalid-input', unknownNumbersMessage(unknown), ['attendees'])
  const resolved: ResolvedAttendee[] = []
  for (const attendee of attendees) {
    let personId: string
    let personName: string
    if (attendee.staffNumber !== undefined) {
      const found = byNumber.get(attendee.staffNumber.toLowerCase())
      if (!found) throw new CoreError('invalid-input', unknownNumbersMessage([attendee.staffNumber]), ['attendees'])
      personId = found.id
      personName = found.spokenName
    } else {
      const person = await requireVisiblePerson(call, attendee.personId ?? '')
      personId = person.id
      personName = `${person.preferredName ?? person.givenName} ${person.familyName}`
    }
    resolved.push({ personId, personName, part: attendee.part, intensity: attendee.intensity, hoursReviewed: attendee.hoursReviewed })
  }
  const seen = new Set<string>()
  for (const attendee of resolved) {
    if (seen.has(attendee.personId))
      throw new CoreError('invalid-input', `${attendee.personName} is listed more than once. List each person once.`, ['attendees'])
    seen.add(attendee.personId)
  }
  return resolved
}

async function thresholds(db: Db): Promise<ExposureThresholds> {
  return (await readSetting(db, 'exposureThresholds')).value
}

/** A person's exposures in the 12-month window ending today (index exposures_person). */
export function exposureWindowQuery(db: Db, personId: string, today: string) {
  return db
    .selectFrom('exposures')
    .select(['occurred_on', 'weight', 'intensity', 'hours_reviewed'])
    .where('person_id', '=', personId)
    .where('occurred_on', '>=', ruleWindowStart('weighted-12-months', today))
    .where('occurred_on', '<=', today)
}

async function loadFor(db: Db, personId: string, today: string, rules: ExposureThresholds) {
  const rows = await exposureWindowQuery(db, personId, today).execute()
  return exposureLoad(
    rows.map((row) => ({ date: row.occurred_on, weight: row.weight, intensity: row.intensity, hours: row.hours_reviewed })),
    today,
    rules
  )
}

/**
 * For each attendee, the rules their load now meets, and one review task per rule per window:
 * no task if one for the same rule was raised on a date still inside that rule's window.
 */
async function raiseReviews(
  trx: Transaction<HarbourDatabase>,
  attendees: ResolvedAttendee[],
  recorderId: string,
  now: Date
): Promise<IncidentSaved['reviewsRaised']> {
  const today = todayInLondon(now)
  const rules = await thresholds(trx)
  const raised: IncidentSaved['reviewsRaised'] = []
  for (const attendee of attendees) {
    const load = await loadFor(trx, attendee.personId, today, rules)
    for (const fired of load.fired) {
      // Through the person's own tasks (index tasks_person), never a scan of every rule key.
      const earlier = await trx
        .selectFrom('tasks')
        .select('rule_key')
        .where('person_id', '=', attendee.personId)
        .where('source', '=', exposureReviewSource)
        .execute()
      const from = ruleWindowStart(fired.rule, today)
      const raisedInWindow = earlier.some((row) => {
        const parts = row.rule_key === null ? null : exposureReviewKeyParts(row.rule_key)
        return parts?.rule === fired.rule && inWindow(parts.raisedOn, from, today)
      })
      if (raisedInWindow) continue
      const openCase = await trx
        .selectFrom('cases')
        .innerJoin('users', 'users.id', 'cases.assigned_clinician_id')
        .select(['cases.id', 'cases.assigned_clinician_id'])
        .where('cases.person_id', '=', attendee.personId)
        .where('cases.status', '<>', 'closed')
        .where('users.status', '=', 'active')
        .orderBy('cases.opened_on', 'desc')
        .executeTakeFirst()
      const id = randomUUID()
      await trx
        .insertInto('tasks')
        .values({
          id,
          title: exposureReviewTitle(fired.label),
          due_date: addDays(today, reviewDueInDays),
          assignee_id: openCase?.assigned_clinician_id ?? recorderId,
          person_id: attendee.personId,
          case_id: openCase?.id ?? null,
          source: exposureReviewSource,
          rule_key: exposureReviewKey(attendee.personId, fired.rule, today),
          status: 'open',
          completed_at: null,
          completed_by: null,
          created_by: null,
          created_at: now.toISOString()
        })
        .execute()
      await appendAudit(trx, { actorId: recorderId, action: 'task.created', entityType: 'task', entityId: id }, now)
      raised.push({ personId: attendee.personId, personName: attendee.personName, rule: fired.label })
    }
  }
  return raised
}

async function writeExposures(
  trx: Transaction<HarbourDatabase>,
  incident: { id: string; occurred_on: string; weight: number },
  attendees: ResolvedAttendee[],
  recorderId: string,
  now: Date
): Promise<void> {
  for (const attendee of attendees) {
    const id = randomUUID()
    await trx
      .insertInto('exposures')
      .values({
        id,
        incident_id: incident.id,
        person_id: attendee.personId,
        occurred_on: incident.occurred_on,
        part: attendee.part,
        intensity: attendee.intensity,
        weight: incident.weight,
        hours_reviewed: attendee.hoursReviewed,
        recorded_by: recorderId,
        recorded_at: now.toISOString()
      })
      .execute()
    await appendAudit(trx, { actorId: recorderId, action: 'exposure.recorded', entityType: 'person', entityId: attendee.personId }, now)
  }
}

type WhichIncidents = { incidentId: string } | { limit: number; awaitingTrimPlan?: true }

async function loadIncidents(call: CallContext, where: WhichIncidents): Promise<Incident[]> {
  const user = currentUser(call)
  let query = call.db
    .selectFrom('incidents')
    .innerJoin('incident_categories as c', 'c.id', 'incidents.category_id')
    .innerJoin('users as creator', 'creator.id', 'incidents.created_by')
    .selectAll('incidents')
    .select(['c.name as category_name', 'creator.display_name as created_by_name'])
  query =
    'incidentId' in where
      ? query.where('incidents.id', '=', where.incidentId)
      : query.orderBy('incidents.occurred_on', 'desc').orderBy('incidents.created_at', 'desc').orderBy('incidents.id').limit(where.limit)
  if ('awaitingTrimPlan' in where)
    query = query.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('trim_plans').select('trim_plans.id').whereRef('trim_plans.incident_id', '=', 'incidents.id')))
    )
  const rows = await query.execute()
  if (rows.length === 0) return []
  const exposures = await call.db
    .selectFrom('exposures')
    .innerJoin('people', 'people.id', 'exposures.person_id')
    .select([
      'exposures.incident_id',
      'exposures.person_id',
      'exposures.part',
      'exposures.intensity',
      'exposures.hours_reviewed',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number'
    ])
    .where(
      'exposures.incident_id',
      'in',
      rows.map((row) => row.id)
    )
    .where(visibleTo(user.id))
    .orderBy('people.family_name')
    .orderBy('people.given_name')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    occurredOn: row.occurred_on,
    categoryId: row.category_id,
    categoryName: row.category_name,
    reference: row.reference,
    createdByName: row.created_by_name,
    exposures: exposures
      .filter((e) => e.incident_id === row.id)
      .map((e) => ({
        personId: e.person_id,
        personName: spokenName(e),
        staffNumber: e.staff_number,
        part: e.part,
        intensity: e.intensity,
        hoursReviewed: e.hours_reviewed
      }))
  }))
}

async function incidentById(call: CallContext, incidentId: string): Promise<Incident> {
  const [found] = await loadIncidents(call, { incidentId })
  if (!found) throw new CoreError('not-found', 'There is no such incident.')
  return found
}

export async function recentIncidents(call: CallContext, input: { limit: number }): Promise<Incident[]> {
  return loadIncidents(call, { limit: input.limit })
}

/** Incidents with no TRiM planning decision yet, newest first (for the TRiM screen's coordinators). */
export async function incidentsAwaitingTrimPlan(call: CallContext, limit: number): Promise<Incident[]> {
  return loadIncidents(call, { limit, awaitingTrimPlan: true })
}

export async function createIncident(
  call: CallContext,
  input: { occurredOn: string; categoryId: string; reference: string; attendees: AttendeeInput[] }
): Promise<IncidentSaved> {
  const user = currentUser(call)
  const now = call.core.clock()
  const today = todayInLondon(now)
  refuseFutureDate(input.occurredOn, today, 'occurredOn', 'The date of the incident')
  const category = await call.db
    .selectFrom('incident_categories')
    .select(['id', 'weight', 'retired'])
    .where('id', '=', input.categoryId)
    .executeTakeFirst()
  if (!category || category.retired === 1) throw new CoreError('invalid-input', 'Choose the category from the list.', ['categoryId'])
  const attendees = await resolveAttendees(call, input.attendees)
  const id = randomUUID()
  const reviewsRaised = await call.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('incidents')
      .values({
        id,
        occurred_on: input.occurredOn,
        category_id: category.id,
        reference: input.reference,
        created_by: user.id,
        created_at: now.toISOString()
      })
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'incident.created', entityType: 'incident', entityId: id }, now)
    await writeExposures(trx, { id, occurred_on: input.occurredOn, weight: category.weight }, attendees, user.id, now)
    return raiseReviews(trx, attendees, user.id, now)
  })
  return { ...(await incidentById(call, id)), reviewsRaised }
}

export async function addExposures(call: CallContext, input: { incidentId: string; attendees: AttendeeInput[] }): Promise<IncidentSaved> {
  const user = currentUser(call)
  const now = call.core.clock()
  const incident = await call.db
    .selectFrom('incidents')
    .innerJoin('incident_categories as c', 'c.id', 'incidents.category_id')
    .select(['incidents.id', 'incidents.occurred_on', 'c.weight'])
    .where('incidents.id', '=', input.incidentId)
    .executeTakeFirst()
  if (!incident) throw new CoreError('not-found', 'There is no such incident.')
  const attendees = await resolveAttendees(call, input.attendees)
  const already = await call.db
    .selectFrom('exposures')
    .select('person_id')
    .where('incident_id', '=', incident.id)
    .where(
      'person_id',
      'in',
      attendees.map((a) => a.personId)
    )
    .execute()
  const onIt = attendees.filter((a) => already.some((row) => row.person_id === a.personId))
  if (onIt.length)
    throw new CoreError('conflict', `Already recorded on this incident: ${onIt.map((a) => a.personName).join(', ')}. Nothing was saved.`, [
      'attendees'
    ])
  const reviewsRaised = await call.db.transaction().execute(async (trx) => {
    await writeExposures(trx, incident, attendees, user.id, now)
    await appendAudit(trx, { actorId: user.id, action: 'incident.exposures-added', entityType: 'incident', entityId: incident.id }, now)
    return raiseReviews(trx, attendees, user.id, now)
  })
  return { ...(await incidentById(call, incident.id)), reviewsRaised }
}

/** A person's whole exposure history, newest first (index exposures_person). */
export function personExposuresQuery(db: Db, personId: string) {
  return db
    .selectFrom('exposures')
    .innerJoin('incidents', 'incidents.id', 'exposures.incident_id')
    .innerJoin('incident_categories as c', 'c.id', 'incidents.category_id')
    .select([
      'exposures.incident_id',
      'exposures.occurred_on',
      'exposures.part',
      'exposures.intensity',
      'exposures.hours_reviewed',
      'exposures.weight',
      'incidents.reference',
      'c.name as category_name'
    ])
    .where('exposures.person_id', '=', personId)
    .orderBy('exposures.occurred_on', 'desc')
    .orderBy('exposures.recorded_at', 'desc')
}

export async function exposuresForPerson(call: CallContext, input: { personId: string }): Promise<PersonExposures> {
  await requirePersonAccess(call, input.personId)
  const today = todayInLondon(call.core.clock())
  const rows = await personExposuresQuery(call.db, input.personId).execute()
  const rules = await thresholds(call.db)
  return {
    history: rows.map((row) => ({
      incidentId: row.incident_id,
      occurredOn: row.occurred_on,
      categoryName: row.category_name,
      reference: row.reference,
      part: row.part,
      intensity: row.intensity,
      hoursReviewed: row.hours_reviewed,
      weighted: row.weight * intensityFactor[row.intensity]
    })),
    load: exposureLoad(
      rows.map((row) => ({ date: row.occurred_on, weight: row.weight, intensity: row.intensity, hours: row.hours_reviewed })),
      today,
      rules
    )
  }
}

export async function readExposureThresholds(call: CallContext): Promise<ExposureThresholds> {
  return thresholds(call.db)
}

/** Changes the threshold rules; they apply from the next exposure recorded. */
export async function setExposureThresholds(call: CallContext, input: ExposureThresholds): Promise<ExposureThresholds> {
  const user = currentUser(call)
  await call.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'exposureThresholds', input)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: 'exposureThresholds' },
      call.core.clock()
    )
  })
  return thresholds(call.db)
}
