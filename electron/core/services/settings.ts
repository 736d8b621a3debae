import { defaultStoreSettings, type StoreSettings } from '../../../shared/contract/settings'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'

export async function readSettings({ vault }: CallContext): Promise<StoreSettings> {
  const rows = await vault.db.selectFrom('settings').selectAll().execute()
  const values = new Map(rows.map((row) => [row.key, row.value]))
  return { idleLockMinutes: Number(values.get('idleLockMinutes') ?? defaultStoreSettings.idleLockMinutes) }
}

export async function updateSettings(call: CallContext, changes: Partial<StoreSettings>): Promise<StoreSettings> {
  const { vault, core, session } = call
  if (!session) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
  const next = { ...(await readSettings(call)), ...changes }
  await vault.db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(changes)) {
      await trx
        .insertInto('settings')
        .values({ key, value: String(value) })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: String(value) }))
        .execute()
    }
    await appendAudit(trx, { actorId: session.id, action: 'settings.changed', entityType: 'settings', detail: Object.keys(changes).join(',') }, core.clock())
  })
  vault.setIdleLockMinutes(next.idleLockMinutes)
  return next
}
