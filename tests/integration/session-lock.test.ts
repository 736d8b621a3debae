import { describe, expect, it } from 'vitest'
import type { Host } from '../../electron/core/ipc/dispatch'
import { admin, createTestStore, dispatch, manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** The reasons recorded by lock entries in the audit log, read after signing in again. */
async function lockEntries(host: Host): Promise<(string | null)[]> {
  await host.vault.unlock(admin.username, admin.passphrase)
  const rows = host.vault.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'session.locked' ORDER BY seq").all() as {
    detail: string | null
  }[]
  return rows.map((row) => row.detail)
}

describe('locking and signing out', () => {
  it('records why the window locked: its own Lock, Sign out, or a lock the shell asked for', async () => {
    const { host } = await createTestStore(tempFolder())
    expect(await dispatch('session:lock', {}, host)).toMatchObject({ ok: true, value: { state: 'locked', lockReason: 'manual' } })
    for (const reason of ['signed-out', 'system', 'manual'] as const) {
      await host.vault.unlock(admin.username, admin.passphrase)
      expect(await dispatch('session:lock', { reason }, host)).toMatchObject({ ok: true, value: { state: 'locked', lockReason: reason } })
    }
    expect(await lockEntries(host)).toEqual(['manual', 'signed-out', 'system', 'manual'])
  })

  it('refuses a reason only the core decides (a disabled account), and changes nothing', async () => {
    const { host } = await createTestStore(tempFolder())
    for (const reason of ['disabled', 'because', '']) {
      expect(await dispatch('session:lock', { reason }, host)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(host.vault.status()).toMatchObject({ state: 'unlocked', lockReason: null })
    host.vault.lock('manual')
    expect(await lockEntries(host)).toEqual(['manual'])
  })

  it('tells the shell an idle lock is due without locking, so the window can keep its drafts first', async () => {
    const clock = manualClock()
    const { host } = await createTestStore(tempFolder(), clock.now)
    clock.advance(4 * 60_000 + 59_000)
    expect(host.vault.lockDue()).toBeNull()
    clock.advance(1000)
    expect(host.vault.lockDue()).toBe('idle')
    // Still open: a draft can be kept before the lock.
    expect(host.vault.status().state).toBe('unlocked')
    expect(await dispatch('session:lock', { reason: 'idle' }, host)).toMatchObject({ ok: true, value: { lockReason: 'idle' } })
    expect(await lockEntries(host)).toEqual(['idle'])
  })
})
