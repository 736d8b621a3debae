import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { RiskFactor } from '../../../shared/contract/trim'
import type { TrimSettings } from '../../../shared/trim/timing'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { readSetting, writeSetting } from '../store/settings'
import { currentUser } from './session-helpers'

/**
 * TRiM's catalogue and settings: the risk factors an assessment asks about (the team edits them;
 * the starting list is unconfirmed, shared/trim/risk-factors.ts), the TRiM timing and referral
 * threshold (`trimSettings`), and who may be assigned as a TRiM practitioner.
 * Planning is in trim-planning.ts, assessments in trim-assessments.ts, reading in trim-worklist.ts.
 */
function toFactor(row: { id: string; name: string; retired: 0 | 1; sort_order: number }): RiskFactor {
  return { id: row.id, name: row.name, retired: row.retired === 1, sortOrder: row.sort_order }
}

export async function listRiskFactors(call: CallContext, input: { includeRetired: boolean }): Promise<RiskFactor[]> {
  let query = call.db.selectFrom('trim_risk_factors').selectAll()
  if (!input.includeRetired) query = query.where('retired', '=', 0)
  return (await query.orderBy('sort_order').orderBy('name').execute()).map(toFactor)
}

/** Adds a risk factor (id null) or renames or retires one. Past assessments keep the ids they recorded. */
export async function saveRiskFactor(call: CallContext, input: { id: string | null; name: string; retired: boolean }): Promise<RiskFactor> {
  const user = currentUser(call)
  const clash = await call.db
    .selectFrom('trim_risk_factors')
    .select('id')
    .where(sql<boolean>`lower(name) = lower(${input.name})`)
    .executeTakeFirst()
  if (clash && clash.id !== input.id) throw new CoreError('conflict', `There is already a risk factor called ${input.name}.`, ['name'])
  const now = call.core.clock().toISOString()
  const id = input.id ?? randomUUID()
  await call.db.transaction().execute(async (trx) => {
    if (input.id === null) {
      const last = await trx
        .selectFrom('trim_risk_factors')
        .select((eb) => eb.fn.max('sort_order').as('n'))
        .executeTakeFirst()
      await trx
        .insertInto('trim_risk_factors')
        .values({
          id,
          name: input.name,
          retired: input.retired ? 1 : 0,
          sort_order: Number(last?.n ?? 0) + 10,
          created_at: now,
          updated_at: now
        })
        .execute()
    } else {
      const result = await trx
        .updateTable('trim_risk_factors')
        .set({ name: input.name, retired: input.retired ? 1 : 0, updated_at: now })
        .where('id', '=', input.id)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) throw new CoreError('not-found', 'There is no such risk factor.')
    }
    await appendAudit(
      trx,
      {
        actorId: user.id,
        action: input.id === null ? 'trim-factor.added' : 'trim-factor.changed',
        entityType: 'trim-factor',
        entityId: id
      },
      call.core.clock()
    )
  })
  return toFactor(await call.db.selectFrom('trim_risk_factors').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
}

export async function readTrimSettings(call: Pick<CallContext, 'db'>): Promise<TrimSettings> {
  return (await readSetting(call.db, 'trimSettings')).value
}

export async function setTrimSettings(call: CallContext, input: TrimSettings): Promise<TrimSettings> {
  const user = currentUser(call)
  await call.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'trimSettings', input)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: 'trimSettings' },
      call.core.clock()
    )
  })
  return readTrimSettings(call)
}

/** Active users with the trim role, by name: those a coordinator may assign. */
export async function listTrimPractitioners(call: CallContext): Promise<{ id: string; displayName: string }[]> {
  const rows = await call.db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles'])
    .where('status', '=', 'active')
    .orderBy('display_name')
    .execute()
  return rows
    .filter((row) => (JSON.parse(row.roles) as string[]).includes('trim'))
    .map((row) => ({ id: row.id, displayName: row.display_name }))
}
