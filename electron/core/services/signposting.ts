import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { daysBetween, formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { CaseRecord } from '../../../shared/contract/cases'
import type {
  BereavementCounselling,
  CatalogueResource,
  PersonSignposting,
  SignpostingRecord,
  SupportResource
} from '../../../shared/contract/signposting'
import {
  bereavementStatuses,
  bereavementTransitionProblem,
  casesAwaitingBereavementOffer,
  type BereavementStatus
} from '../../../shared/signposting/bereavement'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { caseQuery, requireVisibleCase, toCase } from './cases'
import { requirePersonAccess } from '../access'
import { currentUser } from './session-helpers'
import { refuseFutureDate } from './refuse-future-date'
import { addBereavementEntry, bereavementHistory } from './bereavement-history'

/**
 * Signposting and bereavement counselling. Signposting is one call (a resource and a person,
 * dated today unless told otherwise); bereavement counselling is a dated history whose latest
 * entry is the person's status, an answer only after an offer. Both are append-only. Every read
 * and write checks the caller may see the person; the audit records the action and the record's
 * id, never the resource or the answer.
 */

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>
type CaseFacts = Pick<CaseRecord, 'id' | 'personId' | 'reason' | 'status' | 'openedOn' | 'pathway'>

export async function listSupportResources(call: CallContext): Promise<SupportResource[]> {
  const rows = await call.db
    .selectFrom('support_resources')
    .selectAll()
    .where('retired', '=', 0)
    .orderBy('sort_order')
    .orderBy('name')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    whereToFind: row.where_to_find,
    retired: false
  }))
}

async function signpostingRecords(db: Db, where: { personId: string } | { id: string }): Promise<SignpostingRecord[]> {
  let query = db
    .selectFrom('signposting_records as s')
    .innerJoin('support_resources as r', 'r.id', 's.resource_id')
    .innerJoin('users as u', 'u.id', 's.recorded_by')
    .select([
      's.id',
      's.person_id',
      's.resource_id',
      's.signposted_on',
      's.recorded_at',
      'r.name as resource_name',
      'u.display_name as recorded_by_name'
    ])
  query = 'personId' in where ? query.where('s.person_id', '=', where.personId) : query.where('s.id', '=', where.id)
  const rows = await query.orderBy('s.signposted_on', 'desc').orderBy('s.recorded_at', 'desc').orderBy('s.id').execute()
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    signpostedOn: row.signposted_on,
    recordedByName: row.recorded_by_name,
    recordedAt: row.recorded_at
  }))
}

export async function recordSignposting(
  call: CallContext,
  input: { personId: string; resourceId: string; signpostedOn?: string | undefined }
): Promise<SignpostingRecord> {
  const user = currentUser(call)
  await requirePersonAccess(call, input.personId)
  const resource = await call.db
    .selectFrom('support_resources')
    .select(['id', 'retired'])
    .where('id', '=', input.resourceId)
    .executeTakeFirst()
  if (!resource || resource.retired === 1)
    throw new CoreError('invalid-input', 'Choose the support resource from the list.', ['resourceId'])
  const now = call.core.clock()
  const today = todayInLondon(now)
  const signpostedOn = input.signpostedOn ?? today
  refuseFutureDate(signpostedOn, today, 'signpostedOn', 'The date signposted')
  const id = randomUUID()
  await call.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('signposting_records')
      .values({
        id,
        person_id: input.personId,
        resource_id: resource.id,
        signposted_on: signpostedOn,
        recorded_by: user.id,
        recorded_at: now.toISOString()
      })
      .execute()
    // The record's id only: which resource is part of the person's record, not the log.
    await appendAudit(trx, { actorId: user.id, action: 'signposting.recorded', entityType: 'signposting', entityId: id }, now)
  })
  const [record] = await signpostingRecords(call.db, { id })
  if (!record) throw new CoreError('not-found', 'There is no such signposting record.')
  return record
}

/**
 * Whether any of the person's open bereavement cases has no offer of counselling on record: one
 * recorded here for that case or on or after the day it opened, or the offer written on the
 * case itself when it was opened.
 */
export async function bereavementNotYetOffered(db: Db, personId: string, cases: readonly CaseFacts[]): Promise<boolean> {
  if (!cases.some((record) => record.reason === 'bereavement')) return false
  const offers = await db
    .selectFrom('bereavement_counselling')
    .select(['case_id', 'happened_on'])
    .where('person_id', '=', personId)
    .where('status', '=', 'offered')
    .execute()
  return (
    casesAwaitingBereavementOffer(
      cases,
      offers.map((offer) => ({ personId, caseId: offer.case_id, happenedOn: offer.happened_on }))
    ).length > 0
  )
}

async function openCasesOf(db: Db, personId: string): Promise<CaseFacts[]> {
  return (await caseQuery(db).where('cases.person_id', '=', personId).where('cases.status', '<>', 'closed').execute()).map(toCase)
}

/** What is on record, and what may be recorded today (the buttons the window offers). */
async function bereavementOf(db: Db, personId: string, today: string): Promise<BereavementCounselling> {
  const history = await bereavementHistory(db, personId)
  const latest = history[0] ? { status: history[0].status, happenedOn: history[0].happened_on } : null
  return {
    status: latest?.status ?? null,
    nextStatuses: bereavementStatuses.filter((next) => bereavementTransitionProblem(latest, next, today) === null),
    notYetOffered: await bereavementNotYetOffered(db, personId, await openCasesOf(db, personId)),
    history: history.map((row) => ({
      status: row.status,
      happenedOn: row.happened_on,
      caseId: row.case_id,
      recordedByName: row.display_name,
      recordedAt: row.recorded_at
    }))
  }
}

export async function signpostingForPerson(call: CallContext, input: { personId: string }): Promise<PersonSignposting> {
  await requirePersonAccess(call, input.personId)
  return {
    records: await signpostingRecords(call.db, { personId: input.personId }),
    bereavement: await bereavementOf(call.db, input.personId, todayInLondon(call.core.clock()))
  }
}

export async function recordBereavementCounselling(
  call: CallContext,
  input: { personId: string; caseId?: string | null | undefined; status: BereavementStatus; happenedOn?: string | undefined }
): Promise<BereavementCounselling> {
  const user = currentUser(call)
  await requirePersonAccess(call, input.personId)
  // Left out: the person's newest open bereavement case, if they have one, so governance can count offers by case.
  const caseId =
    input.caseId === undefined
      ? ((await openCasesOf(call.db, input.personId))
          .filter((record) => record.reason === 'bereavement')
          .sort((a, b) => b.openedOn.localeCompare(a.openedOn))[0]?.id ?? null)
      : input.caseId
  if (caseId !== null && input.caseId !== undefined) {
    const found = await requireVisibleCase(call, caseId)
    if (found.personId !== input.personId) throw new CoreError('invalid-input', 'That case belongs to someone else.', ['caseId'])
  }
  const now = call.core.clock()
  const today = todayInLondon(now)
  const happenedOn = input.happenedOn ?? today
  refuseFutureDate(happenedOn, today, 'happenedOn', 'The date it happened')
  const [latest] = await bereavementHistory(call.db, input.personId)
  const problem = bereavementTransitionProblem(
    latest ? { status: latest.status, happenedOn: latest.happened_on } : null,
    input.status,
    happenedOn
  )
  if (problem) throw new CoreError('conflict', problem, ['status'])
  if (latest && daysBetween(latest.happened_on, happenedOn) < 0) {
    throw new CoreError(
      'invalid-input',
      `The date it happened cannot be before the last bereavement counselling entry (${formatCalendarDate(latest.happened_on)}).`,
      ['happenedOn']
    )
  }
  await call.db
    .transaction()
    .execute((trx) =>
      addBereavementEntry(
        trx,
        { personId: input.personId, caseId, status: input.status, happenedOn, userId: user.id, recordedAt: now },
        now
      )
    )
  return bereavementOf(call.db, input.personId, today)
}

/* The administrators' catalogue. */

async function catalogueRows(db: Db, id?: string): Promise<CatalogueResource[]> {
  let query = db
    .selectFrom('support_resources as r')
    .select(['r.id', 'r.name', 'r.description', 'r.where_to_find', 'r.retired'])
    .select((eb) =>
      eb
        .selectFrom('signposting_records as s')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('s.resource_id', '=', 'r.id')
        .as('times_used')
    )
  if (id !== undefined) query = query.where('r.id', '=', id)
  const rows = await query.orderBy('r.retired').orderBy('r.sort_order').orderBy('r.name').execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    whereToFind: row.where_to_find,
    retired: row.retired === 1,
    timesUsed: Number(row.times_used ?? 0)
  }))
}

async function oneResource(db: Db, id: string): Promise<CatalogueResource> {
  const [found] = await catalogueRows(db, id)
  if (!found) throw new CoreError('not-found', 'There is no such support resource.')
  return found
}

export async function supportResourceCatalogue(call: CallContext): Promise<CatalogueResource[]> {
  return catalogueRows(call.db)
}

export async function saveSupportResource(
  call: CallContext,
  input: { id?: string | undefined; name: string; description: string; whereToFind: string }
): Promise<CatalogueResource> {
  const user = currentUser(call)
  const now = call.core.clock()
  const clash = await call.db
    .selectFrom('support_resources')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase()))
    .executeTakeFirst()
  if (clash && clash.id !== input.id) throw new CoreError('conflict', `There is already a support resource called ${input.name}.`, ['name'])
  const id = input.id ?? randomUUID()
  await call.db.transaction().execute(async (trx) => {
    if (input.id !== undefined) {
      await oneResource(trx, input.id)
      await trx
        .updateTable('support_resources')
        .set({ name: input.name, description: input.description, where_to_find: input.whereToFind, updated_at: now.toISOString() })
        .where('id', '=', input.id)
        .execute()
    } else {
      const last = await trx
        .selectFrom('support_resources')
        .select((eb) => eb.fn.max('sort_order').as('n'))
        .executeTakeFirst()
      await trx
        .insertInto('support_resources')
        .values({
          id,
          name: input.name,
          description: input.description,
          where_to_find: input.whereToFind,
          sort_order: Number(last?.n ?? 0) + 10,
          created_at: now.toISOString(),
          updated_at: now.toISOString()
        })
        .execute()
    }
    await appendAudit(
      trx,
      {
        actorId: user.id,
        action: input.id === undefined ? 'support-resource.added' : 'support-resource.changed',
        entityType: 'support-resource',
        entityId: id
      },
      now
    )
  })
  return oneResource(call.db, id)
}

export async function setSupportResourceRetired(call: CallContext, input: { id: string; retired: boolean }): Promise<CatalogueResource> {
  const user = currentUser(call)
  const now = call.core.clock()
  await oneResource(call.db, input.id)
  await call.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('support_resources')
      .set({ retired: input.retired ? 1 : 0, updated_at: now.toISOString() })
      .where('id', '=', input.id)
      .execute()
    await appendAudit(
      trx,
      {
        actorId: user.id,
        action: input.retired ? 'support-resource.retired' : 'support-resource.restored',
        entityType: 'support-resource',
        entityId: input.id
      },
      now
    )
  })
  return oneResource(call.db, input.id)
}

/** Only a resource nobody has been signposted to can go; one in use is retired instead. */
export async function deleteSupportResource(call: CallContext, input: { id: string }): Promise<{ id: string }> {
  const user = currentUser(call)
  const resource = await oneResource(call.db, input.id)
  if (resource.timesUsed > 0) {
    throw new CoreError(
      'conflict',
      `People have been signposted to ${resource.name}, so it cannot be deleted. Retire it instead: it stays in their history.`
    )
  }
  await call.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('support_resources').where('id', '=', input.id).execute()
    await appendAudit(
      trx,
      { actorId: user.id, action: 'support-resource.deleted', entityType: 'support-resource', entityId: input.id },
      call.core.clock()
    )
  })
  return { id: input.id }
}
