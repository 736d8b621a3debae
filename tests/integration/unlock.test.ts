import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { storeFiles } from '../../electron/core/store/files'
import { Vault } from '../../electron/core/store/vault'
import { testCoreContext, testHost } from '../fixtures/core-context'
import { admin, createTestStore, dispatch, manualClock, sha256 } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

async function lockedStore(clock = manualClock()) {
  const folder = tempFolder()
  const { host } = await createTestStore(folder, clock.now)
  host.vault.lock('manual')
  return { folder, host, clock }
}

function oneCharacterOff(text: string, at: number): string {
  const code = text.charCodeAt(at)
  return text.slice(0, at) + String.fromCharCode(code === 122 ? 121 : code + 1) + text.slice(at + 1)
}

describe('unlocking', () => {
  it('opens with the right passphrase and refuses every near miss with one message', async () => {
    const { host, clock } = await lockedStore()
    const wrong = [
      ...Array.from({ length: 8 }, () => randomBytes(12).toString('base64')),
      ...[0, 5, admin.passphrase.length - 1].map((at) => oneCharacterOff(admin.passphrase, at)),
      `${admin.passphrase} `,
      ` ${admin.passphrase}`,
      admin.passphrase.toUpperCase(),
      admin.passphrase.slice(0, -1),
      ''
    ]
    const messages = new Set<string>()
    for (const passphrase of wrong) {
      clock.advance(60 * 60 * 1000) // stay clear of the back-off: this test is about the key
      await host.vault.unlock(admin.username, passphrase).then(
        () => messages.add('opened!'),
        (error: { code: string; message: string }) => messages.add(`${error.code}: ${error.message}`)
      )
      expect(host.vault.status().state).toBe('locked')
    }
    expect([...messages]).toEqual(['unauthenticated: The username or passphrase is not right.'])
    clock.advance(60 * 60 * 1000)
    const unknown = await dispatch('session:unlock', { username: 'nobody.here', passphrase: admin.passphrase }, host)
    const wrongPass = await dispatch('session:unlock', { username: admin.username, passphrase: 'not the passphrase at all' }, host)
    expect(unknown).toEqual(wrongPass)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'The username or passphrase is not right.' } })
    clock.advance(60 * 60 * 1000)
    const right = await dispatch('session:unlock', { username: admin.username.toUpperCase(), passphrase: admin.passphrase }, host)
    expect(right).toMatchObject({ ok: true, value: { username: admin.username } })
  })

  it('backs off after five failures, remembers it across a restart, and audits every failure', async () => {
    const { folder, host, clock } = await lockedStore()
    for (let i = 0; i < 5; i++) {
      await expect(host.vault.unlock(admin.username, `wrong passphrase number ${i}`)).rejects.toMatchObject({ code: 'unauthenticated' })
    }
    // A restart: a new vault over the same folder.
    const restarted = new Vault(testCoreContext(folder, clock.now))
    await expect(restarted.unlock(admin.username, admin.passphrase)).rejects.toMatchObject({ code: 'rate-limited' })
    clock.advance(2_000)
    await restarted.unlock(admin.username, admin.passphrase)
    const failures = restarted.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'session.unlock-failed'").get() as { n: number }
    expect(failures.n).toBe(5)
    const detail = restarted.sqlite.prepare("SELECT DISTINCT entity_id FROM audit_log WHERE action = 'session.unlock-failed'").all()
    expect(detail).toEqual([{ entity_id: restarted.session?.id }])
  })

  it('waits at least 30 seconds after ten failures', async () => {
    const { host, clock } = await lockedStore()
    for (let i = 0; i < 10; i++) {
      await host.vault.unlock(admin.username, `wrong passphrase number ${i}`).catch(() => undefined)
      clock.advance(20 * 60 * 1000)
    }
    clock.advance(-20 * 60 * 1000 + 29_000)
    await expect(host.vault.unlock(admin.username, admin.passphrase)).rejects.toMatchObject({ code: 'rate-limited' })
  })

  it('locking closes the database and overwrites the key', async () => {
    const folder = tempFolder()
    const { host } = await createTestStore(folder)
    const key = host.vault.withKey((_sqlite, dek) => dek)
    expect(key.equals(Buffer.alloc(32))).toBe(false)
    const sqlite = host.vault.sqlite
    expect((await dispatch('session:lock', {}, host)).ok).toBe(true)
    expect(key.equals(Buffer.alloc(32))).toBe(true)
    expect(sqlite.open).toBe(false)
    expect(await dispatch('users:list', {}, host)).toMatchObject({ ok: false, error: { code: 'locked' } })
  })

  it('locks after the idle time and not before, and the window learns of it', async () => {
    const clock = manualClock()
    const { host } = await createTestStore(tempFolder(), clock.now)
    const seen: string[] = []
    host.vault.onChange((state, reason) => seen.push(`${state}:${reason}`))
    clock.advance(4 * 60_000 + 59_000)
    expect((await dispatch('users:list', {}, host)).ok).toBe(true)
    clock.advance(4 * 60_000 + 59_000)
    expect((await dispatch('session:activity', {}, host)).ok).toBe(true)
    clock.advance(5 * 60_000)
    expect(await dispatch('users:list', {}, host)).toMatchObject({ ok: false, error: { code: 'locked' } })
    expect(host.vault.status()).toMatchObject({ state: 'locked', lockReason: 'idle' })
    expect(seen).toEqual(['locked:idle'])
  })

  it('honours a shorter idle setting chosen by an administrator', async () => {
    const clock = manualClock()
    const { host } = await createTestStore(tempFolder(), clock.now)
    expect(await dispatch('settings:set', { idleLockMinutes: 2 }, host)).toMatchObject({ ok: true, value: { idleLockMinutes: 2 } })
    expect(await dispatch('settings:set', { idleLockMinutes: 16 }, host)).toMatchObject({ ok: false, error: { fields: ['idleLockMinutes'] } })
    clock.advance(2 * 60_000)
    expect(host.vault.lockIfDue()).toBe('idle')
  })

  it('says the store is unavailable, and keeps it, when the key file is missing', async () => {
    const folder = tempFolder()
    const { host } = await createTestStore(folder)
    host.vault.lock('manual')
    const { renameSync } = await import('node:fs')
    renameSync(storeFiles(folder).keyring, `${storeFiles(folder).keyring}.moved`)
    const fresh = testHost(folder)
    expect(fresh.vault.status()).toMatchObject({ state: 'unavailable', problem: 'keyring-missing' })
    const before = sha256(storeFiles(folder).database)
    expect(await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, fresh)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' }
    })
    expect(sha256(storeFiles(folder).database)).toBe(before)
  })
})
