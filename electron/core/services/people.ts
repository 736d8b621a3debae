import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { z } from 'zod'
import type { Person, personInput } from '../../../shared/contract/people'
import { canSeePerson, missingPersonOrRefused, refuseRestrictedPerson } from '../access'
import type { CallContext } from '../context'
import { nextVersion, refuseIfChangedSince } from './record-versions'
import { appendAudit } from '../store/audit'
import { clearDraft } from '../store/drafts'
import type { HarbourDatabase } from '../store/schema'
import type { PeopleTable } from '../store/schema-caseload'
import { personSearchKey } from '../store/search-keys'
import { checkPersonFields } from './people-checks'
import { changedFields, currentUser } from './session-helpers'

export type PersonFields = z.output<typeof personInput>
type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

export function displayName(row: Pick<PeopleTable, 'given_name' | 'family_name' | 'preferred_name'>): string {
  const given = row.preferred_name && row.preferred_name !== row.given_name ? `${row.given_name} (${row.preferred_name})` : row.given_name
  return `${row.family_name}, ${given}`
}

/** The stored search key (see store/search-keys.ts): surname first, punctuation dropped. */
export function searchKey(fields: Pick<PersonFields, 'staffNumber' | 'givenName' | 'familyName' | 'preferredName'>): string {
  return personSearchKey(fields)
}

export function toRow(
  fields: PersonFields
): Omit<PeopleTable, 'id' | 'created_at' | 'updated_at' | 'next_screening_due' | 'surname_key' | 'version' | 'updated_by'> {
  return {
    staff_number: fields.staffNumber,
    title: fields.title,
    given_name: fields.givenName,
    family_name: fields.familyName,
    preferred_name: fields.preferredName,
    date_of_birth: fields.dateOfBirth,
    employment_type: fields.employmentType,
    role_id: fields.roleId,
    department: fields.department,
    line_manager: fields.lineManager,
    email: fields.email,
    phone: fields.phone,
    start_date: fields.startDate,
    leaving_date: fields.leavingDate,
    restricted: fields.restricted ? 1 : 0,
    adjustments: fields.adjustments,
    search_key: searchKey(fields)
  }
}

async function loadPerson(db: Db, id: string): Promise<{ row: Selectable<PeopleTable>; person: Person } | null> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  const role = row.role_id ? await db.selectFrom('roles').select('name').where('id', '=', row.role_id).executeTakeFirst() : undefined
  const named = await db.selectFrom('person_access').select('user_id').where('person_id', '=', id).execute()
  return {
    row,
    person: {
      id: row.id,
      staffNumber: row.staff_number,
      title: row.title,
      givenName: row.given_name,
      familyName: row.family_name,
      preferredName: row.preferred_name,
      dateOfBirth: row.date_of_birth,
      employmentType: row.employment_type,
      roleId: row.role_id,
      roleName: role?.name ?? null,
      department: row.department,
      lineManager: row.line_manager,
      email: row.email,
      phone: row.phone,
      startDate: row.start_date,
      leavingDate: row.leaving_date,
      restricted: row.restricted === 1,
      namedClinicianIds: named.map((n) => n.user_id),
      adjustments: row.adjustments,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version
    }
  }
}

/**
 * A person the caller may see, or a refusal. A refused read is audited too, so attempts to
 * open restricted records leave a trace.
 */
export async function requireVisiblePerson(call: CallContext, id: string): Promise<Person> {
  const user = currentUser(call)
  const found = await loadPerson(call.db, id)
  if (!found) return missingPersonOrRefused(call, id)
  if (!canSeePerson(found.person, user.id)) return refuseRestrictedPerson(call, id)
  return found.person
}

/** Opens a person's record: one audit entry per view, with no content in it. */
export async function getPerson(call: CallContext, input: { id: string }): Promise<Person> {
  const person = await requireVisiblePerson(call, input.id)
  await appendAudit(
    call.db,
    { actorId: currentUser(call).id, action: 'person.viewed', entityType: 'person', entityId: person.id },
    call.core.clock()
  )
  return person
}

/** A restricted record always names the clinician who restricts it, so nobody locks themselves out. */
function namedFor(fields: PersonFields, userId: string): string[] {
  const named = new Set(fields.namedClinicianIds)
  if (fields.restricted) named.add(userId)
  return [...named]
}

/**
 * The caller's own access first: on a team server, naming clinicians on a restricted person is
 * for those already named (or anyone while none is), so the caller names themselves before others.
 */
function callerFirst(named: string[], callerId: string): string[] {
  return named.includes(callerId) ? [callerId, ...named.filter((id) => id !== callerId)] : named
}

export async function createPerson(call: CallContext, fields: PersonFields): Promise<Person> {
  const { db, core } = call
  const user = currentUser(call)
  await checkPersonFields(call, fields)
  const id = randomUUID()
  const now = core.clock().toISOString()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('people')
      .values({ id, ...toRow(fields), created_at: now, updated_at: now, version: 1, updated_by: user.id })
      .execute()
    for (const userId of callerFirst(namedFor(fields, user.id), user.id))
      await trx.insertInto('person_access').values({ person_id: id, user_id: userId }).execute()
    await appendAudit(trx, { actorId: user.id, action: 'person.created', entityType: 'person', entityId: id }, core.clock())
    await clearDraft(trx, user.id, 'new-person', null)
  })
  const created = await loadPerson(db, id)
  if (!created) throw new Error('The new person was not saved.')
  return created.person
}

/** Edits a person; the audit entry names the fields that changed, never their values. */
export async function updatePerson(
  call: CallContext,
  input: { id: string; changes: PersonFields; version?: number | undefined }
): Promise<Person> {
  const { db, core } = call
  const user = currentUser(call)
  const before = await requireVisiblePerson(call, input.id)
  await checkPersonFields(call, input.changes, input.id)
  const named = namedFor(input.changes, user.id)
  const changed = changedFields(
    before as unknown as Record<string, unknown>,
    { ...input.changes, namedClinicianIds: named.sort() } as Record<string, unknown>
  )
  if (changed.length === 0) {
    await clearDraft(db, user.id, 'person-details', input.id)
    return before
  }
  await db.transaction().execute(async (trx) => {
    const saved = await trx
      .updateTable('people')
      .set({ ...toRow(input.changes), updated_at: core.clock().toISOString(), ...nextVersion(user.id) })
      .where('id', '=', input.id)
      .$if(input.version !== undefined, (query) => query.where('version', '=', input.version ?? 0))
      .executeTakeFirst()
    await refuseIfChangedSince(trx, 'people', input.id, input.version, saved)
    await trx.deleteFrom('person_access').where('person_id', '=', input.id).execute()
    for (const userId of callerFirst(named, user.id))
      await trx.insertInto('person_access').values({ person_id: input.id, user_id: userId }).execute()
    await appendAudit(
      trx,
      { actorId: user.id, action: 'person.updated', entityType: 'person', entityId: input.id, detail: changed.join(',') },
      core.clock()
    )
    await clearDraft(trx, user.id, 'person-details', input.id)
  })
  const updated = await loadPerson(db, input.id)
  if (!updated) throw new Error('The person was not saved.')
  return updated.person
}
