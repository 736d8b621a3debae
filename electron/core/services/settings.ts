import type { StoreSettings } from '../../../shared/contract/settings'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { isSettingKey, readSetting, settingText, writeSetting } from '../store/settings'

export async function readSettings({ db }: CallContext): Promise<StoreSettings> {
  return {
    idleLockMinutes: (await readSetting(db, 'idleLockMinutes')).value,
    plaintextExportsAllowed: (await readSetting(db, 'plaintextExportsAllowed')).value
  }
}

/** Only the settings this screen owns; the screening rules have their own channel. */
const storeSettingKeys = new Set<string>(['idleLockMinutes', 'plaintextExportsAllowed'])

export async function updateSettings(call: CallContext, changes: Partial<StoreSettings>): Promise<StoreSettings> {
  const { db, core, user } = call
  const entries = Object.entries(changes)
  // Every value is checked before anything is written, so a bad one changes nothing.
  for (const [key, value] of entries) {
    if (!isSettingKey(key) || !storeSettingKeys.has(key)) throw new CoreError('invalid-input', 'That is not a setting Harbour has.')
    settingText(key, value)
  }
  if (entries.length === 0) return readSettings(call)
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of entries) if (isSettingKey(key)) await writeSetting(trx, key, value)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: entries.map(([key]) => key).join(',') },
      core.clock()
    )
  })
  const next = await readSettings(call)
  call.session.setIdleLockMinutes(next.idleLockMinutes)
  return next
}
