import type { z } from 'zod'
import type { CatalogueRole, roleInput } from '../../../shared/contract/role-catalogue'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { RolesTable } from '../store/schema-caseload'
import { readSetting, writeSetting } from '../store/settings'
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

/**
 * How many months apart a role's people are recalled, as the recall triggers work it out
 * (migration 0140): the role's own interval, else the setting's if it is exposed to traumatic
 * content, else none.
 */
export function recallInterval(
  row: Pick<RolesTable, 'screening_interval_months' | 'traumatic_content'>,
  settingMonths: number
): number | null {
  return row.screening_interval_months ?? (row.traumatic_content === 1 ? settingMonths : null)
}

function toRole(row: RolesTable & { people_count: number }, settingMonths: number): CatalogueRole {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    riskTier: row.risk_tier,
    screeningIntervalMonths: row.screening_interval_months,
    screeningBattery: JSON.parse(row.screening_battery) as string[],
    traumaticContent: row.traumatic_content === 1,
    recallIntervalMonths: recallInterval(row, settingMonths),
    retired: row.retired === 1,
    peopleCount: row.people_count
  }
}

async function rolesWithCounts(call: CallContext, id?: string) {
  let query = call.db
    .selectFrom('roles')
    .selectAll('roles')
    .select((eb) =>
      eb.selectFrom('people').select(eb.fn.countAll<number>().as('n')).whereRef('people.role_id', '=', 'roles.id').as('people_count')
    )
    .orderBy('roles.name')
  if (id !== undefined) query = query.where('roles.id', '=', id)
  const rows = await query.execute()
  const { value: months } = await readSetting(call.db, 'traumaticContentRecallMonths')
  return rows.map((row) => toRole({ ...row, people_count: Number(row.people_count ?? 0) }, months))
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
    ...(input.traumaticContent === undefined ? {} : { traumatic_content: input.traumaticContent ? (1 as const) : (0 as const) }),
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
      const detail = changedFields(before as unknown as Record<string, unknown>, values)
        .filter((f) => f !== 'updated_at')
        .join(',')
      await appendAudit(trx, { actorId: user.id, action: 'role.updated', entityType: 'role', entityId: id, detail }, core.clock())
    } else {
      if (!id) throw new CoreError('invalid-input', 'Enter a role name with letters or numbers.', ['name'])
      const taken = await trx.selectFrom('roles').select('id').where('id', '=', id).executeTakeFirst()
      if (taken) throw new CoreError('conflict', 'A role with that name already exists.', ['name'])
      await trx
        .insertInto('roles')
        .values({ traumatic_content: 0, ...values, id, retired: 0, created_at: now })
        .execute()
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
    await trx
      .updateTable('roles')
      .set({ retired: input.retired ? 1 : 0, updated_at: core.clock().toISOString() })
      .where('id', '=', input.id)
      .execute()
    await appendAudit(
      trx,
      { actorId: user.id, action: input.retired ? 'role.retired' : 'role.reinstated', entityType: 'role', entityId: input.id },
      core.clock()
    )
  })
  return oneRole(call, input.id)
}

/** Deletes an unused role. A role anyone holds can only be retired, so records keep their meaning. */
export async function deleteRole(call: CallContext, input: { id: string }): Promise<{ id: string }> {
  const { db, core } = call
  const user = currentUser(call)
  const role = await oneRole(call, input.id)
  if (role.peopleCount > 0) {
    throw new CoreError(
      'conflict',
      `This role is held by ${role.peopleCount} ${role.peopleCount === 1 ? 'person' : 'people'}, so it cannot be deleted. Retire it instead.`
    )
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('roles').where('id', '=', input.id).execute()
    await appendAudit(trx, { actorId: user.id, action: 'role.deleted', entityType: 'role', entityId: input.id }, core.clock())
  })
  return { id: input.id }
}

/** How often a role exposed to traumatic content, with no interval of its own, is recalled. */
export async function traumaticContentRecall(call: CallContext): Promise<{ traumaticContentRecallMonths: number }> {
  return { traumaticContentRecallMonths: (await readSetting(call.db, 'traumaticContentRecallMonths')).value }
}

/** Changes it; the database's triggers work out again the dates of everyone it applies to. */
export async function setTraumaticContentRecall(
  call: CallContext,
  input: { traumaticContentRecallMonths: number }
): Promise<{ traumaticContentRecallMonths: number }> {
  const user = currentUser(call)
  await call.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'traumaticContentRecallMonths', input.traumaticContentRecallMonths)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: 'traumaticContentRecallMonths' },
      call.core.clock()
    )
  })
  return traumaticContentRecall(call)
}
