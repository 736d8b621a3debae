import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { keyringBesideBackup, restoreFrom } from '../../electron/core/services/backup'
import { rowCounts, startsWithPlaintextHeader, writeBackup } from '../../electron/core/store/backup'
import { openEncrypted, type SqliteDatabase } from '../../electron/core/store/open'
import { storeFiles } from '../../electron/core/store/files'
import { testHost } from '../fixtures/core-context'
import { admin, createTestStore, dispatch, sha256 } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

async function storeWithBackup() {
  const store = await createTestStore(tempFolder())
  const out = join(tempFolder(), 'monday.hbk')
  store.host.core.dialogs = { chooseBackupDestination: async () => out, chooseBackupToRestore: async () => out }
  const result = await store.call('backup:create', {})
  if (!result.ok) throw new Error(result.error.message)
  return { ...store, out, result: result.value as { rows: number; tables: number } }
}

describe('backup', () => {
  it('writes an encrypted, verified copy with the key ring beside it, and audits it', async () => {
    const { host, out, result } = await storeWithBackup()
    expect(startsWithPlaintextHeader(out)).toBe(false)
    const counts = rowCounts(host.vault.sqlite)
    expect(result.tables).toBe(Object.keys(counts).length)
    expect(result.rows).toBe(Object.values(counts).reduce((a, b) => a + b, 0))
    expect(existsSync(keyringBesideBackup(out))).toBe(true)
    expect(readdirSync(join(out, '..')).filter((name) => name.includes('partial'))).toEqual([])
    const actions = host.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'backup.created'").get()
    expect(actions).toEqual({ n: 1 })
  })

  it('does nothing when the dialog is cancelled', async () => {
    const { host, call } = await createTestStore(tempFolder())
    host.core.dialogs = { chooseBackupDestination: async () => null, chooseBackupToRestore: async () => null }
    expect(await call('backup:create', {})).toEqual({ ok: true, value: null })
  })

  it('refuses to write over the store itself', async () => {
    const { host, folder, call } = await createTestStore(tempFolder())
    host.core.dialogs = { chooseBackupDestination: async () => storeFiles(folder).database, chooseBackupToRestore: async () => null }
    const before = sha256(storeFiles(folder).database)
    expect(await call('backup:create', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(sha256(storeFiles(folder).database)).toBe(before)
  })

  it('is refused to a clinician who is not an administrator', async () => {
    const { host } = await createTestStore(tempFolder())
    const session = host.vault.session
    if (!session) throw new Error('expected an unlocked store')
    // In the store too: a session follows the store's roles from its next request.
    host.vault.sqlite.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(['clinician']), session.id)
    host.vault.refreshSessionUser({ ...session, roles: ['clinician'] })
    expect(await dispatch('backup:create', {}, host)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('a backup that fails', () => {
  it('is audited as backup.failed, never as backup.created, and leaves no file behind', async () => {
    const { host, folder, call } = await createTestStore(tempFolder())
    const outside = tempFolder()
    const late = join(outside, 'monday.hbk')
    // A folder where the ring copy should go: found only after the copy has been made and checked.
    mkdirSync(keyringBesideBackup(late))
    const answers = [late, storeFiles(folder).keyring]
    host.core.dialogs = { chooseBackupDestination: async () => answers.shift() ?? null, chooseBackupToRestore: async () => null }
    expect(await call('backup:create', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('backup:create', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const actions = host.vault.sqlite.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'backup.%' ORDER BY seq").all()
    expect(actions).toEqual([
      { action: 'backup.failed', detail: null },
      { action: 'backup.failed', detail: null }
    ])
    expect(readdirSync(outside)).toEqual(['monday.hbk.keyring.json'])
    expect(readdirSync(keyringBesideBackup(late))).toEqual([])
  })

  it('a backup holds its own backup.created entry, identical to the one the store records', async () => {
    const { host, out } = await storeWithBackup()
    const dek = host.vault.withKey((_sqlite, key) => Buffer.from(key))
    const copy = openEncrypted(out, dek, { readonly: true })
    const inCopy = copy.prepare("SELECT * FROM audit_log WHERE action = 'backup.created'").all()
    copy.close()
    expect(inCopy).toHaveLength(1)
    expect(host.vault.sqlite.prepare("SELECT * FROM audit_log WHERE action = 'backup.created'").all()).toEqual(inCopy)
  })
})

describe('a backup while another connection writes', () => {
  it('copies and counts one snapshot of the store, so a write during the copy does not make it fail or lie', async () => {
    const { host, folder } = await createTestStore(tempFolder())
    const destination = join(tempFolder(), 'busy.hbk')
    const check = host.vault.withKey((sqlite, dek) => {
      const other = openEncrypted(storeFiles(folder).database, Buffer.from(dek))
      let interrupted = false
      // Another connection commits right after the copy is taken, before anything else runs.
      const busy = new Proxy(sqlite, {
        get(target, property) {
          if (property === 'exec') {
            return (sql: string) => {
              const result = target.exec(sql)
              if (!interrupted && sql.startsWith('VACUUM INTO')) {
                interrupted = true
                other.prepare("INSERT INTO settings (key, value) VALUES ('written-during-backup', '1')").run()
              }
              return result
            }
          }
          const value: unknown = Reflect.get(target, property)
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
        }
      }) as SqliteDatabase
      try {
        return writeBackup(busy, storeFiles(folder).database, destination, dek)
      } finally {
        other.close()
      }
    })
    expect(check.counts).toEqual(rowCounts(host.vault.sqlite))
  })
})

describe('restore', () => {
  it('brings back the store as it was, keeping the replaced file aside', async () => {
    const { host, folder, out } = await storeWithBackup()
    const nurse = {
      username: 'later.user',
      displayName: 'Added Later',
      roles: ['clinician'],
      passphrase: 'this user came after the backup'
    }
    await dispatch('users:add', { ...nurse, confirmPassphrase: nurse.passphrase }, host)
    host.vault.lock('manual')
    const restored = await restoreFrom(host.vault, host.core, out, admin)
    expect(restored.tables).toBeGreaterThan(3)
    expect(readdirSync(folder).some((name) => name.startsWith('harbour.db-before-restore-'))).toBe(true)
    await host.vault.unlock(admin.username, admin.passphrase)
    const usernames = host.vault.sqlite.prepare('SELECT username FROM users').all()
    expect(usernames).toEqual([{ username: admin.username }])
    const last = host.vault.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'backup.%' ORDER BY seq").all()
    expect(last).toEqual([{ action: 'backup.created' }, { action: 'backup.restored' }])
  })

  it('recovers a store whose file was damaged, from the contract, without deleting the damaged file', async () => {
    const { host, folder, out } = await storeWithBackup()
    host.vault.lock('manual')
    const database = storeFiles(folder).database
    const damaged = readFileSync(database)
    damaged.fill(0x41, 0, 4096)
    writeFileSync(database, damaged)
    const fresh = testHost(folder)
    fresh.core.dialogs = { chooseBackupDestination: async () => null, chooseBackupToRestore: async () => out }
    expect(await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, fresh)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' }
    })
    expect(await dispatch('backup:restore', { username: admin.username, passphrase: admin.passphrase }, fresh)).toMatchObject({ ok: true })
    const aside = readdirSync(folder).find((name) => name.startsWith('harbour.db-before-restore-'))
    expect(aside && readFileSync(join(folder, aside)).equals(damaged)).toBe(true)
    expect(await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, fresh)).toMatchObject({ ok: true })
  })

  it('refuses a file that is not a backup, or a wrong passphrase, and changes nothing', async () => {
    const { host, folder, out } = await storeWithBackup()
    host.vault.lock('manual')
    const before = sha256(storeFiles(folder).database)
    const notBackup = join(tempFolder(), 'notes.hbk')
    writeFileSync(notBackup, 'SQLite format 3\0 this is plainly not encrypted')
    await expect(restoreFrom(host.vault, host.core, notBackup, admin)).rejects.toMatchObject({ code: 'invalid-input' })
    const random = join(tempFolder(), 'random.hbk')
    writeFileSync(random, Buffer.alloc(8192, 7))
    await expect(restoreFrom(host.vault, host.core, random, admin)).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(restoreFrom(host.vault, host.core, out, { ...admin, passphrase: 'wrong passphrase for restore' })).rejects.toMatchObject({
      code: 'unauthenticated'
    })
    expect(sha256(storeFiles(folder).database)).toBe(before)
    expect(readdirSync(folder).some((name) => name.includes('before-restore'))).toBe(false)
  })
})
