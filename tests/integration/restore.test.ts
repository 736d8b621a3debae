import { copyFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupTo, keyringBesideBackup, restoreFrom } from '../../electron/core/services/backup'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { cli } from '../fixtures/cli'
import { testHost } from '../fixtures/core-context'
import { admin, createTestStore, dispatch, manualClock, sha256 } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

const nurse = { username: 'ward.nurse', displayName: 'Sam Lee', roles: ['clinician'], passphrase: 'first passphrase for the nurse' }
const nurseCredentials = { username: nurse.username, passphrase: 'the nurse chose this one later' }

/** Every file in a folder with its sha256, to prove a refused restore touched nothing. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, sha256(join(folder, name))])
  )
}

/** A store with an administrator and a clinician, a backup of it, and the store locked. */
async function storeWithBackup() {
  const clock = manualClock()
  const store = await createTestStore(tempFolder(), clock.now)
  const { host } = store
  expect(await dispatch('users:add', { ...nurse, confirmPassphrase: nurse.passphrase }, host)).toMatchObject({ ok: true })
  host.vault.lock('manual')
  await host.vault.unlock(nurse.username, nurse.passphrase)
  const next = nurseCredentials.passphrase
  expect(await dispatch('session:changePassphrase', { current: nurse.passphrase, next, confirmNext: next }, host)).toMatchObject({
    ok: true
  })
  host.vault.lock('manual')
  await host.vault.unlock(admin.username, admin.passphrase)
  const out = join(tempFolder(), 'monday.hbk')
  backupTo(host.vault, host.core, out, host.vault.session?.id ?? '')
  host.vault.lock('manual')
  host.core.dialogs = { chooseBackupDestination: async () => null, chooseBackupToRestore: async () => out }
  return { ...store, out, clock }
}

function damage(path: string): void {
  const bytes = readFileSync(path)
  bytes.fill(0x41, 0, 4096)
  writeFileSync(path, bytes)
}

describe('restore checks the backup before it touches anything', () => {
  it('a garbage backup carrying another store’s ring changes nothing, even when this store’s own ring is damaged', async () => {
    const { folder, host } = await storeWithBackup()
    const other = await createTestStore(tempFolder())
    other.host.vault.lock('manual')
    const garbage = join(tempFolder(), 'garbage.hbk')
    writeFileSync(garbage, Buffer.alloc(64 * 1024, 0x37))
    copyFileSync(storeFiles(other.folder).keyring, keyringBesideBackup(garbage))

    const healthy = snapshot(folder)
    await expect(restoreFrom(host.vault, host.core, garbage, admin)).rejects.toMatchObject({ code: 'invalid-input' })
    expect(snapshot(folder)).toEqual(healthy)

    writeFileSync(storeFiles(folder).keyring, '{"format":"harbour-keyring","damaged":')
    const damaged = snapshot(folder)
    await expect(restoreFrom(host.vault, host.core, garbage, admin)).rejects.toMatchObject({ code: 'invalid-input' })
    expect(snapshot(folder)).toEqual(damaged)
  })

  it('a damaged or cut-short copy of a genuine backup changes nothing', async () => {
    const { folder, host, out } = await storeWithBackup()
    const before = snapshot(folder)
    const cut = join(tempFolder(), 'cut.hbk')
    copyFileSync(out, cut)
    copyFileSync(keyringBesideBackup(out), keyringBesideBackup(cut))
    truncateSync(cut, Math.floor(readFileSync(out).length / 2))
    await expect(restoreFrom(host.vault, host.core, cut, admin)).rejects.toMatchObject({ code: 'invalid-input' })
    const spoilt = join(tempFolder(), 'spoilt.hbk')
    copyFileSync(out, spoilt)
    copyFileSync(keyringBesideBackup(out), keyringBesideBackup(spoilt))
    damage(spoilt)
    await expect(restoreFrom(host.vault, host.core, spoilt, admin)).rejects.toMatchObject({ code: 'invalid-input' })
    expect(snapshot(folder)).toEqual(before)
  })

  it('a complete backup of a different store is refused over this one', async () => {
    const { folder, host } = await storeWithBackup()
    const other = await createTestStore(tempFolder())
    const theirs = join(tempFolder(), 'theirs.hbk')
    backupTo(other.host.vault, other.host.core, theirs, other.host.vault.session?.id ?? '')
    const before = snapshot(folder)
    await expect(restoreFrom(host.vault, host.core, theirs, admin)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('belongs to a different Harbour store')
    })
    expect(snapshot(folder)).toEqual(before)
  })
})

describe('restore replaces the key ring and the database together', () => {
  it('puts the backup’s ring and database in place and keeps both originals aside, named with the time', async () => {
    const { folder, host, out } = await storeWithBackup()
    await host.vault.unlock(admin.username, admin.passphrase)
    const later = {
      username: 'later.user',
      displayName: 'Added Later',
      roles: ['clinician'],
      passphrase: 'this user came after the backup'
    }
    expect(await dispatch('users:add', { ...later, confirmPassphrase: later.passphrase }, host)).toMatchObject({ ok: true })
    host.vault.lock('manual')
    const files = storeFiles(folder)
    const original = { database: sha256(files.database), keyring: sha256(files.keyring) }

    await restoreFrom(host.vault, host.core, out, admin)

    // The backup's ring, its audit head moved on to the restored chain (see audit-head.ts).
    expect({ ...readKeyring(files.keyring), auditHead: undefined }).toEqual({
      ...readKeyring(keyringBesideBackup(out)),
      auditHead: undefined
    })
    const stamp = '2026-11-26T09-00-00-000Z'
    expect(sha256(join(folder, `harbour.db-before-restore-${stamp}`))).toBe(original.database)
    expect(sha256(join(folder, `harbour.keyring.json-before-restore-${stamp}`))).toBe(original.keyring)
    expect(readdirSync(folder).filter((name) => name.includes('restoring') || name.endsWith('.tmp'))).toEqual([])
    await expect(host.vault.unlock(later.username, later.passphrase)).rejects.toMatchObject({ code: 'unauthenticated' })
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(host.vault.sqlite.prepare('SELECT username FROM users ORDER BY username').all()).toEqual([
      { username: admin.username },
      { username: nurse.username }
    ])
  })

  it('accepts the passphrase that was valid when the backup was made, after it has since changed', async () => {
    const { host, out } = await storeWithBackup()
    await host.vault.unlock(admin.username, admin.passphrase)
    const next = 'a much newer administrator passphrase'
    expect(await dispatch('session:changePassphrase', { current: admin.passphrase, next, confirmNext: next }, host)).toMatchObject({
      ok: true
    })
    host.vault.lock('manual')
    await restoreFrom(host.vault, host.core, out, admin)
    await host.vault.unlock(admin.username, admin.passphrase)
  })
})

describe('restore is for administrators only', () => {
  it('the contract refuses a signed-in clinician, and nothing changes', async () => {
    const { folder, host } = await storeWithBackup()
    await host.vault.unlock(nurseCredentials.username, nurseCredentials.passphrase)
    const before = snapshot(folder)
    expect(await dispatch('backup:restore', nurseCredentials, host)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(snapshot(folder)).toEqual(before)
  })

  it('the contract refuses a locked, healthy store without a session', async () => {
    const { folder, host } = await storeWithBackup()
    const before = snapshot(folder)
    expect(await dispatch('backup:restore', { username: admin.username, passphrase: admin.passphrase }, host)).toMatchObject({
      ok: false,
      error: { code: 'locked' }
    })
    expect(snapshot(folder)).toEqual(before)
  })

  it('on a damaged store, a clinician’s username and passphrase are refused and nothing changes; an administrator’s works', async () => {
    const { folder, out } = await storeWithBackup()
    damage(storeFiles(folder).database)
    const fresh = testHost(folder)
    fresh.core.dialogs = { chooseBackupDestination: async () => null, chooseBackupToRestore: async () => out }
    expect(await dispatch('session:unlock', nurseCredentials, fresh)).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(fresh.vault.status().state).toBe('unavailable')
    const before = snapshot(folder)
    expect(await dispatch('backup:restore', nurseCredentials, fresh)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Only an administrator can restore a backup.' }
    })
    expect(snapshot(folder)).toEqual(before)
    expect(await dispatch('backup:restore', { username: admin.username, passphrase: admin.passphrase }, fresh)).toMatchObject({ ok: true })
  })

  it('the CLI refuses a clinician and changes nothing; an administrator restores', async () => {
    const { folder, out } = await storeWithBackup()
    const before = snapshot(folder)
    const refused = cli(['restore', '--store', folder, '--user', nurse.username, '--from', out], `${nurseCredentials.passphrase}\n`)
    expect(refused).toMatchObject({ code: 1, stderr: 'harbour: Only an administrator can restore a backup.\n' })
    expect(snapshot(folder)).toEqual(before)
    damage(storeFiles(folder).database)
    const damaged = snapshot(folder)
    expect(cli(['restore', '--store', folder, '--user', nurse.username, '--from', out], `${nurseCredentials.passphrase}\n`)).toMatchObject({
      code: 1,
      stderr: 'harbour: Only an administrator can restore a backup.\n'
    })
    expect(snapshot(folder)).toEqual(damaged)
    expect(cli(['restore', '--store', folder, '--user', admin.username, '--from', out], `${admin.passphrase}\n`)).toMatchObject({ code: 0 })
  }, 60_000)
})
