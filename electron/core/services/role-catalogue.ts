import type { z } from 'zod'
import type { CatalogueRole, roleInput } from '../../../shared/contract/role-catalogue'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { RolesTable } from '../store/schema-caseload'
import { changedFields, currentUser } from './session-helpers'

type RoleInput = z.output<typeof roleInput>

export function roleCode(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function toRole(row: RolesTable & { people_count: number }): CatalogueRole {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    riskTier: row.risk_tier,
    screeningIntervalMonths: row.screening_interval_months,
    screeningBattery: JSON.parse(row.screening_battery) as string[],
    retired: row.retired === 1,
    peopleCount: row.people_count
  }
}

async function rolesWithCounts({ db }: CallContext, id?: string) {
  let query = db
    .selectFrom('roles')
    .selectAll('roles')
    .select((eb) => eb.selectFrom('people').select(eb.fn.countAll<number>().as('n')).whereRef('people.role_id', '=', 'roles.id').as('people_count'))
    .orderBy('roles.name')
  if (id !== undefined) query = query.where('roles.id', '=', id)
  const rows = await query.execute()
  return rows.map((row) => toRole({ ...row, people_count: Number(row.people_count ?? 0) }))
}

export async function listRoles(call: CallContext, input: { includeRetired: boolean }): Promise<CatalogueRole[]> {
  const roles = await rolesWithCounts(call)
  return input.includeRetired ? roles : roles.filter((role) => !role.retired)
}

async function oneRole(call: CallContext, id: string): Promise<CatalogueRole> {
  const [role] = await rolesWithCounts(call, id)
  if (!role) throw new CoreError('not-found', 'There is no such role.')
  return role
}

/** Adds a role (its code made from the name) or edits one; audited with field names. */
export async function saveRole(call: CallContext, input: RoleInput): Promise<CatalogueRole> {
  const { db, core } = call
  const user = currentUser(call)
  const now = core.clock().toISOString()
  const values = {
    name: input.name,
    description: input.description,
    risk_tier: input.riskTier,
    screening_interval_months: input.screeningIntervalMonths,
    screening_battery: JSON.stringify(input.screeningBattery),
    updated_at: now
  }
  const clash = await db.selectFrom('roles').select('id').where('name', '=', input.name).executeTakeFirst()
  if (clash && clash.id !== input.id) throw new CoreError('conflict', 'A role with that name already exists.', ['name'])
  const id = input.id ?? roleCode(input.name)
  await db.transaction().execute(async (trx) => {
    if (input.id) {
      const before = await trx.selectFrom('roles').selectAll().where('id', '=', input.id).executeTakeFirst()
      if (!before) throw new CoreError('not-found', 'There is no such role.')
      await trx.updateTable('roles').set(values).where('id', '=', input.id).execute()
      const detail = changedFields(before as unknown as Record<string, unknown>, values).filter((f) => f !== 'updated_at').join(',')
      await appendAudit(trx, { actorId: user.id, action: 'role.updated', entityType: 'role', entityId: id, detail }, core.clock())
    } else {
      if (!id) throw new CoreError('invalid-input', 'Enter a role name with letters or numbers.', ['name'])
      const taken = await trx.selectFrom('roles').select('id').where('id', '=', id).executeTakeFirst()
      if (taken) throw new CoreError('conflict', 'A role with that name already exists.', ['name'])
      await trx.insertInto('roles').values({ ...values, id, retired: 0, created_at: now }).execute()
      await appendAudit(trx, { actorId: user.id, action: 'role.created', entityType: 'role', entityId: id }, core.clock())
    }
  })
  return oneRole(call, id)
}

export async function setRoleRetired(call: CallContext, input: { id: string; retired: boolean }): Promise<CatalogueRole> {
  const { db, core } = call
  const user = currentUser(call)
  await oneRole(call, input.id)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('roles').set({ retired: input.retired ? 1 : 0, updated_at: core.clock().toISOString() }).where('id', '=', input.id).execute()
    await appendAudit(trx, { actorId: user.id, action: input.retired ? 'role.retired' : 'role.reinstated', entityType: 'role', entityId: input.id }, core.clock())
  })
  return oneRole(call, input.id)
}

/** Deletes an unused role. A role anyone holds can only be retired, so records keep their meaning. */
export async function deleteRole(call: CallContext, input: { id: string }): Promise<{ id: string }> {
  const { db, core } = call
  const user = currentUser(call)
  const role = await oneRole(call, input.id)
  if (role.peopleCount > 0) {
    throw new CoreError('conflict', `This role is held by ${role.peopleCount} ${role.peopleCount === 1 ? 'person' : 'people'}, so it cannot be deleted. Retire it instead.`)
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('roles').where('id', '=', input.id).execute()
    await appendAudit(trx, { actorId: user.id, action: 'role.deleted', entityType: 'role', entityId: input.id }, core.clock())
  })
  return { id: input.id }
}
