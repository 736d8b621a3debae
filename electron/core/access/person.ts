import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'

/** A person's record is open to everyone with a clinical role, unless restricted to named clinicians. */
export function canSeePerson(person: { restricted: boolean; namedClinicianIds: readonly string[] }, userId: string): boolean {
  return !person.restricted || person.namedClinicianIds.includes(userId)
}

/** Refuses a restricted record to someone it does not name; the refusal is audited (the id only), so attempts leave a trace. */
export async function refuseRestrictedPerson(call: CallContext, personId: string): Promise<never> {
  await appendAudit(
    call.db,
    { actorId: call.user.id, action: 'person.view-refused', entityType: 'person', entityId: personId },
    call.clock()
  )
  throw new CoreError('forbidden', 'This record is restricted to named clinicians.')
}

/**
 * The gate before any read or write about a person: they exist, and the caller may see them
 * (a refusal audited). Returns the id, for chaining. Reads only the person's restriction and,
 * for the few restricted people, whether the caller is named.
 */
export async function requirePersonAccess(call: CallContext, personId: string): Promise<string> {
  const person = await call.db.selectFrom('people').select(['id', 'restricted']).where('id', '=', personId).executeTakeFirst()
  if (!person) return missingPersonOrRefused(call, personId)
  if (person.restricted === 0) return person.id
  const named = await call.db
    .selectFrom('person_access')
    .select('user_id')
    .where('person_id', '=', personId)
    .where('user_id', '=', call.user.id)
    .executeTakeFirst()
  return named ? person.id : refuseRestrictedPerson(call, personId)
}

/** A person not found: on a team server the server itself may hide a restricted person, still a refusal to say and audit. */
export async function missingPersonOrRefused(call: CallContext, personId: string): Promise<never> {
  if (await hiddenByServer(call, personId)) return refuseRestrictedPerson(call, personId)
  throw new CoreError('not-found', 'There is no such person.')
}

/**
 * A record about a person that was not found: on a team server the server may be hiding it
 * (its person is restricted to others), which is refused and audited as on a standalone store;
 * otherwise there is no such record.
 */
export async function missingOrRefused(call: CallContext, table: PersonTable, id: string, message: string): Promise<never> {
  const check = call.dialect.hiddenRowPerson(table, id)
  if (check) {
    const row = await call.db.selectNoFrom(check.as('person')).executeTakeFirst()
    if (row?.person) return refuseRestrictedPerson(call, row.person)
  }
  throw new CoreError('not-found', message)
}

/** Tables that hold something about one person, by id. */
export type PersonTable =
  | 'cases'
  | 'notes'
  | 'tasks'
  | 'screenings'
  | 'alerts'
  | 'referrals'
  | 'consents'
  | 'management_advice_reports'
  | 'signposting_records'
  | 'trim_offers'
  | 'trim_assessments'

async function hiddenByServer(call: CallContext, personId: string): Promise<boolean> {
  const check = call.dialect.personHiddenByServer(personId)
  if (!check) return false
  const row = await call.db.selectNoFrom(check.as('hidden')).executeTakeFirst()
  return row?.hidden === true
}
