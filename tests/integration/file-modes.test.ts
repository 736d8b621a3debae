import { chmodSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupTo, keyringBesideBackup, restoreFrom } from '../../electron/core/services/backup'
import { storeFiles } from '../../electron/core/store/files'
import { admin, createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8)
}

describe.runIf(process.platform !== 'win32')('files holding records or keys are readable by their owner only (0600)', () => {
  let previous = 0
  // The most permissive umask: the modes must not depend on it.
  beforeEach(() => {
    previous = process.umask(0)
  })
  afterEach(() => {
    process.umask(previous)
  })

  it('the database, its WAL and shared-memory files, the key ring, the lock and the sign-in attempts', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    const files = storeFiles(folder)
    host.vault.lock('manual')
    await expect(host.vault.unlock(admin.username, 'not the right passphrase')).rejects.toMatchObject({ code: 'unauthenticated' })
    await host.vault.unlock(admin.username, admin.passphrase)
    for (const path of [
      files.database,
      `${files.database}-wal`,
      `${files.database}-shm`,
      files.keyring,
      files.lock,
      files.unlockAttempts
    ]) {
      expect(existsSync(path), path).toBe(true)
      expect(mode(path), path).toBe('600')
    }
  })

  it('backups, their ring copies and a restored store', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    const backup = join(tempFolder(), 'monday.hbk')
    backupTo(host.vault, host.core, backup, host.vault.session?.id ?? '')
    expect(mode(backup)).toBe('600')
    expect(mode(keyringBesideBackup(backup))).toBe('600')
    host.vault.lock('manual')
    // A backup copied around with looser permissions still comes back private.
    chmodSync(backup, 0o644)
    await restoreFrom(host.vault, host.core, backup, admin)
    expect(mode(storeFiles(folder).database)).toBe('600')
    expect(mode(storeFiles(folder).keyring)).toBe('600')
  })

  it('tightens a store an older version left readable by others, the next time it is opened', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    host.vault.lock('manual')
    const files = storeFiles(folder)
    chmodSync(files.database, 0o644)
    chmodSync(files.keyring, 0o644)
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(mode(files.database)).toBe('600')
    expect(mode(`${files.database}-wal`)).toBe('600')
    expect(mode(files.keyring)).toBe('600')
  })
})
