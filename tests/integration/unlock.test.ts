import { randomBytes } from 'node:crypto'
import { statSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { readAttempts, recordFailure } from '../../electron/core/store/unlock-attempts'
import { Vault } from '../../electron/core/vault'
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

/** The administrator's user id, read from the key ring (the store is locked). */
function userIdOf(folder: string): string {
  const slot = readKeyring(storeFiles(folder).keyring).slots.find((s) => s.username === admin.username)
  if (!slot?.userId) throw new Error('expected the administrator slot')
  return slot.userId
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
    // One summary entry for the five failures, with their count and times: not one row each.
    const failures = restarted.sqlite.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'session.unlock-failed'").all() as {
      entity_id: string
      detail: string
    }[]
    expect(failures).toHaveLength(1)
    expect(failures[0]?.entity_id).toBe(restarted.session?.id)
    expect(failures[0]?.detail).toMatch(/^count=5,first=\S+,recent=(\S+ ){4}\S+$/)
  })

  it('counts every one of 40 attempts sent at once, and holds the back-off', async () => {
    const { folder, host, clock } = await lockedStore()
    const attempts = Array.from({ length: 40 }, (_, i) =>
      dispatch('session:unlock', { username: admin.username, passphrase: `wrong passphrase number ${i}` }, host)
    )
    const codes = (await Promise.all(attempts)).map((result) => (result.ok ? 'opened' : result.error.code))
    // Five tries reach key derivation; from then on the clock has not moved, so the rest wait.
    expect(codes.filter((code) => code === 'unauthenticated')).toHaveLength(5)
    expect(codes.filter((code) => code === 'rate-limited')).toHaveLength(35)
    expect(readAttempts(storeFiles(folder).unlockAttempts).counters[userIdOf(folder)]?.failures).toBe(5)
    // The right passphrase, sent at once alongside more wrong ones, still waits for the back-off.
    const right = await Promise.all([
      dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, host),
      dispatch('session:unlock', { username: admin.username, passphrase: 'yet another wrong passphrase' }, host)
    ])
    expect(right.map((result) => (result.ok ? 'opened' : result.error.code))).toEqual(['rate-limited', 'rate-limited'])
    clock.advance(2_000)
    expect(await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, host)).toMatchObject({ ok: true })
  })

  it('keeps the failures file small however many failures there are, and audits them as one summary', async () => {
    const { folder, host, clock } = await lockedStore()
    const files = storeFiles(folder)
    const userId = userIdOf(folder)
    // A file from an earlier version that kept one entry per failure: 7,300 of them.
    const legacy = Array.from({ length: 7_300 }, (_, i) => ({ at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(), userId }))
    writeFileSync(
      files.unlockAttempts,
      JSON.stringify({ version: 1, counters: { [userId]: { failures: 7_300, lastFailureAt: legacy.at(-1)?.at } }, pendingAudit: legacy })
    )
    const sizes: number[] = []
    for (let i = 0; i < 200; i++) {
      recordFailure(files.unlockAttempts, userId, clock.now())
      clock.advance(1_000)
      if (i === 19 || i === 199) sizes.push(statSync(files.unlockAttempts).size)
    }
    // 7,500 failures: the file is as small after the 200th new one as after the 20th.
    expect(sizes[1]).toBe(sizes[0])
    expect(sizes[1]).toBeLessThan(1_024)
    clock.advance(16 * 60_000)
    await host.vault.unlock(admin.username, admin.passphrase)
    const entries = host.vault.sqlite.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'session.unlock-failed'").all() as {
      entity_id: string
      detail: string
    }[]
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      entity_id: userId,
      detail: expect.stringMatching(/^count=7500,first=2026-11-01T00:00:00.000Z,recent=(\S+ ){9}\S+$/)
    })
    // Audited once: the next sign-in writes no second summary, and the back-off starts afresh.
    host.vault.lock('manual')
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(host.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'session.unlock-failed'").get()).toEqual({ n: 1 })
    expect(readAttempts(files.unlockAttempts)).toMatchObject({ counters: {} })
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
    expect(await dispatch('settings:set', { idleLockMinutes: 16 }, host)).toMatchObject({
      ok: false,
      error: { fields: ['idleLockMinutes'] }
    })
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
