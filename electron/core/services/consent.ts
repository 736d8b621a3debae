import { randomUUID } from 'node:crypto'
import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import { consentInForce, type ConsentLike } from '../../../shared/consent/current'
import type { ConsentPurpose } from '../../../shared/consent/purposes'
import type { ConsentRecord } from '../../../shared/contract/consent'
import { missingOrRefused, requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { refuseFutureDate } from './refuse-future-date'
import { currentUser } from './session-helpers'

/**
 * Consent to share (shared/consent/). A consent is recorded with the date the person gave it
 * (today or earlier) and is withdrawn with a date of its own; nothing deletes it, so the
 * history shows what was agreed when. Which consent covers a referral or a report is the pure
 * rule `currentConsent`; this file reads and writes the records. The audit holds the action and
 * the ids, never the scope or the recipient.
 */

/** One person's consents, oldest first, as the rule reads them. */
export async function consentsOf(db: CallContext['db'], personId: string): Promise<(ConsentLike & { id: string })[]> {
  const rows = await db
    .selectFrom('consents')
    .select(['id', 'purpose', 'destination_id', 'recipient', 'given_on', 'withdrawn_on'])
    .where('person_id', '=', personId)
    .orderBy('given_on')
    .orderBy('recorded_at')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    destinationId: row.destination_id,
    recipient: row.recipient,
    givenOn: row.given_on,
    withdrawnOn: row.withdrawn_on
  }))
}

async function loadConsents(call: CallContext, where: { personId: string } | { consentId: string }): Promise<ConsentRecord[]> {
  const today = todayInLondon(call.clock())
  let query = call.db
    .selectFrom('consents')
    .leftJoin('referral_destinations as d', 'd.id', 'consents.destination_id')
    .innerJoin('users as recorder', 'recorder.id', 'consents.recorded_by')
    .leftJoin('users as withdrawer', 'withdrawer.id', 'consents.withdrawn_by')
    .selectAll('consents')
    .select(['d.name as destination_name', 'recorder.display_name as recorded_by_name', 'withdrawer.display_name as withdrawn_by_name'])
  query = 'personId' in where ? query.where('consents.person_id', '=', where.personId) : query.where('consents.id', '=', where.consentId)
  const rows = await query.orderBy('consents.given_on', 'desc').orderBy('consents.recorded_at', 'desc').execute()
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    purpose: row.purpose,
    destinationId: row.destination_id,
    recipientName: row.destination_name ?? row.recipient ?? '',
    scope: row.scope,
    givenOn: row.given_on,
    recordedByName: row.recorded_by_name,
    recordedAt: row.recorded_at,
    withdrawnOn: row.withdrawn_on,
    withdrawnByName: row.withdrawn_by_name,
    current: consentInForce({ givenOn: row.given_on, withdrawnOn: row.withdrawn_on }, today)
  }))
}

export async function consentById(call: CallContext, consentId: string): Promise<ConsentRecord> {
  const [found] = await loadConsents(call, { consentId })
  if (!found) return missingOrRefused(call, 'consents', consentId, 'There is no such consent record.')
  return found
}

export async function consentsForPerson(call: CallContext, input: { personId: string }): Promise<ConsentRecord[]> {
  await requirePersonAccess(call, input.personId)
  return loadConsents(call, { personId: input.personId })
}

export interface NewConsent {
  personId: string
  purpose: ConsentPurpose
  destinationId: string | null
  recipient: string | null
  scope: string
  givenOn: string
}

/** Checks a new consent's date and destination; the caller has already checked the person. */
async function checkNewConsent(call: CallContext, input: NewConsent): Promise<void> {
  refuseFutureDate(input.givenOn, todayInLondon(call.clock()), 'givenOn', 'The date consent was given')
  if (input.purpose !== 'referral') return
  const destination = input.destinationId
    ? await call.db.selectFrom('referral_destinations').select('id').where('id', '=', input.destinationId).executeTakeFirst()
    : undefined
  if (!destination) throw new CoreError('invalid-input', 'Choose where the referral goes from the list.', ['destinationId'])
}

/**
 * Writes a consent record inside the caller's transaction and audits it (ids only). Used by
 * "Record consent" on the person page and on a referral, so both write the same record.
 */
export async function insertConsent(trx: CallContext['db'], userId: string, input: NewConsent, now: Date): Promise<string> {
  const id = randomUUID()
  await trx
    .insertInto('consents')
    .values({
      id,
      person_id: input.personId,
      purpose: input.purpose,
      destination_id: input.purpose === 'referral' ? input.destinationId : null,
      recipient: input.purpose === 'referral' ? null : input.recipient,
      scope: input.scope,
      given_on: input.givenOn,
      recorded_by: userId,
      recorded_at: now.toISOString(),
      withdrawn_on: null,
      withdrawn_by: null,
      withdrawn_at: null
    })
    .execute()
  await appendAudit(trx, { actorId: userId, action: 'consent.recorded', entityType: 'consent', entityId: id, detail: input.purpose }, now)
  return id
}

/** Checks then writes a consent, in its own transaction unless given one. */
export async function recordConsentFor(
  call: CallContext,
  input: NewConsent,
  after?: (trx: CallContext['db'], id: string) => Promise<void>
) {
  const user = currentUser(call)
  await checkNewConsent(call, input)
  const now = call.clock()
  return call.db.transaction().execute(async (trx) => {
    const id = await insertConsent(trx, user.id, input, now)
    if (after) await after(trx, id)
    return id
  })
}

export async function recordConsent(call: CallContext, input: NewConsent): Promise<ConsentRecord> {
  await requirePersonAccess(call, input.personId)
  const id = await recordConsentFor(call, input)
  return consentById(call, id)
}

export async function withdrawConsent(call: CallContext, input: { consentId: string; withdrawnOn: string }): Promise<ConsentRecord> {
  const user = currentUser(call)
  const row = await call.db.selectFrom('consents').selectAll().where('id', '=', input.consentId).executeTakeFirst()
  if (!row) return missingOrRefused(call, 'consents', input.consentId, 'There is no such consent record.')
  await requirePersonAccess(call, row.person_id)
  if (row.withdrawn_on !== null)
    throw new CoreError('conflict', `This consent was already withdrawn on ${formatCalendarDate(row.withdrawn_on)}.`)
  const now = call.clock()
  refuseFutureDate(input.withdrawnOn, todayInLondon(now), 'withdrawnOn', 'The date consent was withdrawn')
  if (input.withdrawnOn < row.given_on)
    throw new CoreError(
      'invalid-input',
      `The date consent was withdrawn cannot be before it was given (${formatCalendarDate(row.given_on)}).`,
      ['withdrawnOn']
    )
  await call.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('consents')
      .set({ withdrawn_on: input.withdrawnOn, withdrawn_by: user.id, withdrawn_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('withdrawn_on', 'is', null)
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'consent.withdrawn', entityType: 'consent', entityId: row.id }, now)
  })
  return consentById(call, row.id)
}
