import { describe, expect, it } from 'vitest'
import { updateSettings } from '../../electron/core/services/settings'
import { defaultRagRules } from '../../shared/instruments/rag'
import { admin, createTestStore, dispatch, manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()

function storedValue(host: Awaited<ReturnType<typeof createTestStore>>['host'], key: string): string | undefined {
  return (host.vault.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value
}

function auditActions(host: Awaited<ReturnType<typeof createTestStore>>['host'], action: string) {
  return host.vault.sqlite.prepare('SELECT actor_id, entity_type, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action)
}

/** Writes a value straight into the settings table, as a damaged or hand-edited store might hold it. */
function writeRaw(host: Awaited<ReturnType<typeof createTestStore>>['host'], key: string, value: string) {
  host.vault.sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, value)
}

describe('store settings', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', '5'],
    ['the string "undefined"', 'undefined'],
    ['zero', 0],
    ['sixteen', 16],
    ['a fraction', 2.5],
    ['infinity', Number.POSITIVE_INFINITY]
  ])('refuses %s for the idle lock, with a message, and changes nothing', async (_name, value) => {
    const clock = manualClock()
    const { host } = await createTestStore(tempFolder(), clock.now)
    const result = await dispatch('settings:set', { idleLockMinutes: value }, host)
    // The field is named by its label ("Idle lock"), never by the contract's name for it.
    const message = expect.stringMatching(/^(Enter the idle lock|Idle lock [\w ,]+)\.?$/)
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message, fields: ['idleLockMinutes'], problems: [{ field: 'idleLockMinutes', message }] }
    })
    expect(storedValue(host, 'idleLockMinutes')).toBe('5')
    expect(auditActions(host, 'settings.changed')).toEqual([])
    expect(host.vault.status().idleLockMinutes).toBe(5)
    clock.advance(5 * 60_000)
    expect(host.vault.lockIfDue()).toBe('idle')
  })

  it('checks values in the service too, for callers that do not come through the contract', async () => {
    const { host } = await createTestStore(tempFolder())
    const call = callAs(host)
    for (const value of [undefined, null, 'undefined', 0, 16]) {
      await expect(updateSettings(call, { idleLockMinutes: value } as never)).rejects.toMatchObject({
        code: 'invalid-input',
        message: 'The idle lock must be a whole number of minutes from 1 to 15.',
        fields: ['idleLockMinutes']
      })
    }
    await expect(updateSettings(call, { colour: 'red' } as never)).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'That is not a setting Harbour has.'
    })
    expect(storedValue(host, 'idleLockMinutes')).toBe('5')
    expect(auditActions(host, 'settings.changed')).toEqual([])
  })

  it('saves a good value, and an empty change writes nothing', async () => {
    const { host } = await createTestStore(tempFolder())
    expect(await dispatch('settings:set', { idleLockMinutes: 15 }, host)).toEqual({
      ok: true,
      value: { idleLockMinutes: 15, plaintextExportsAllowed: false }
    })
    expect(await dispatch('settings:set', {}, host)).toEqual({ ok: true, value: { idleLockMinutes: 15, plaintextExportsAllowed: false } })
    expect(auditActions(host, 'settings.changed')).toHaveLength(1)
    expect(host.vault.status().idleLockMinutes).toBe(15)
  })

  it.each(['undefined', '"5"', '99', 'null', '', '{'])(
    'falls back to the default for a stored idle lock of %j, reports it, and still locks when idle',
    async (bad) => {
      const clock = manualClock()
      const { host } = await createTestStore(tempFolder(), clock.now)
      writeRaw(host, 'idleLockMinutes', bad)
      host.vault.lock('manual')
      await host.vault.unlock(admin.username, admin.passphrase)
      expect(host.vault.status().idleLockMinutes).toBe(5)
      expect(await dispatch('settings:get', {}, host)).toEqual({ ok: true, value: { idleLockMinutes: 5, plaintextExportsAllowed: false } })
      // Reported by key only: the bad value itself is not copied into the audit log.
      expect(auditActions(host, 'settings.invalid')).toEqual([{ actor_id: null, entity_type: 'settings', detail: 'idleLockMinutes' }])
      clock.advance(5 * 60_000)
      expect(host.vault.lockIfDue()).toBe('idle')
    }
  )

  it('falls back to the default screening rules for stored rules that do not fit, and reports it', async () => {
    const { host } = await createTestStore(tempFolder())
    writeRaw(host, 'ragRules', JSON.stringify([{ id: 'x', level: 'purple' }]))
    writeRaw(host, 'crash-test-marker', 'anything')
    host.vault.lock('manual')
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(await dispatch('screening:rules', {}, host)).toEqual({ ok: true, value: defaultRagRules })
    expect(auditActions(host, 'settings.invalid')).toEqual([{ actor_id: null, entity_type: 'settings', detail: 'ragRules' }])
  })

  it('never uses stored rules without the critical-item rule', async () => {
    const { host } = await createTestStore(tempFolder())
    writeRaw(host, 'ragRules', JSON.stringify(defaultRagRules.filter((rule) => rule.when.kind !== 'critical-flag')))
    expect(await dispatch('screening:rules', {}, host)).toEqual({ ok: true, value: defaultRagRules })
  })

  it('reads the amber follow-up setting as first stored (plain text), writes it as JSON, and falls back from a bad value', async () => {
    const { host } = await createTestStore(tempFolder())
    writeRaw(host, 'amberFollowUp', 'open-case-only')
    expect(await dispatch('screening:followUpSetting', {}, host)).toEqual({ ok: true, value: { amber: 'open-case-only' } })
    expect(await dispatch('screening:setFollowUpSetting', { amber: 'none' }, host)).toMatchObject({ ok: true })
    expect(storedValue(host, 'amberFollowUp')).toBe('"none"')
    expect(await dispatch('screening:followUpSetting', {}, host)).toEqual({ ok: true, value: { amber: 'none' } })
    writeRaw(host, 'amberFollowUp', 'undefined')
    host.vault.lock('manual')
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(await dispatch('screening:followUpSetting', {}, host)).toEqual({ ok: true, value: { amber: 'same-as-red' } })
    expect(auditActions(host, 'settings.invalid')).toEqual([{ actor_id: null, entity_type: 'settings', detail: 'amberFollowUp' }])
  })
})
