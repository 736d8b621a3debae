import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupTo, keyringBesideBackup } from '../../electron/core/services/backup'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { cli } from '../fixtures/cli'
import { admin, createTestStore, sha256 } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const line = `${admin.passphrase}\n`

/** The data folder's files with their sha256; the database and its WAL only by name, as refusals are audited. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, entry.name.startsWith('harbour.db') ? '' : sha256(join(folder, entry.name))])
      .sort()
  )
}

async function unlockedStore() {
  const store = await createTestStore(tempFolder())
  const backup = (destination: string) => backupTo(store.host.vault, store.host.core, destination, store.host.vault.session?.id ?? '')
  return { ...store, backup }
}

describe('where a backup may be written', () => {
  it('the CLI refuses to write a backup over the key ring, keeps every slot and writes no ring copy', () => {
    const store = join(tempFolder(), 'store')
    expect(cli(['init', '--store', store, '--admin', admin.username], line)).toMatchObject({ code: 0 })
    const files = storeFiles(store)
    // The ring's slots, not its bytes: closing the session writes the audit head into it.
    const ringBefore = readKeyring(files.keyring).slots
    const result = cli(['backup', '--store', store, '--user', admin.username, '--out', files.keyring], line)
    expect(result).toMatchObject({
      code: 1,
      stderr: 'harbour: Choose somewhere else: a backup cannot be saved inside Harbour’s data folder.\n'
    })
    expect(readKeyring(files.keyring).slots).toEqual(ringBefore)
    expect(existsSync(keyringBesideBackup(files.keyring))).toBe(false)
    expect(cli(['verify', '--store', store, '--user', admin.username], line)).toMatchObject({ code: 0 })
  })

  it('refuses every file Harbour owns and anything inside the data folder, through the core, changing nothing', async () => {
    const { folder, backup } = await unlockedStore()
    const files = storeFiles(folder)
    mkdirSync(join(folder, 'kept'))
    const inside = [
      files.database,
      files.keyring,
      files.unlockAttempts,
      files.lock,
      `${files.database}-wal`,
      join(folder, 'preferences.json'),
      join(folder, 'monday.hbk'),
      join(folder, 'kept', 'monday.hbk'),
      join(folder, '..', basename(folder), 'monday.hbk')
    ]
    const before = snapshot(folder)
    for (const destination of inside) {
      expect(() => backup(destination), destination).toThrow(
        expect.objectContaining({
          code: 'invalid-input',
          message: 'Choose somewhere else: a backup cannot be saved inside Harbour’s data folder.'
        })
      )
    }
    expect(snapshot(folder)).toEqual(before)
    expect(readdirSync(join(folder, 'kept'))).toEqual([])
  })

  it('follows links: a linked folder, a linked file or a linked ring copy that leads into the data folder is refused', async () => {
    const { folder, backup } = await unlockedStore()
    const files = storeFiles(folder)
    const outside = tempFolder()
    symlinkSync(folder, join(outside, 'shortcut'))
    symlinkSync(files.keyring, join(outside, 'keys.hbk'))
    symlinkSync(files.database, join(outside, 'store.hbk'))
    symlinkSync(files.keyring, join(outside, 'friday.hbk.keyring.json'))
    const ring = sha256(files.keyring)
    const before = readdirSync(folder).sort()
    for (const destination of [
      join(outside, 'shortcut', 'harbour.keyring.json'),
      join(outside, 'shortcut', 'new-backup.hbk'),
      join(outside, 'keys.hbk'),
      join(outside, 'store.hbk'),
      join(outside, 'friday.hbk')
    ]) {
      expect(() => backup(destination), destination).toThrow(expect.objectContaining({ code: 'invalid-input' }))
    }
    expect(sha256(files.keyring)).toBe(ring)
    expect(readdirSync(folder).sort()).toEqual(before)
    expect(readKeyring(files.keyring).slots).toHaveLength(2)
  })

  it('writes to an ordinary place outside, with a ring copy that is a valid ring equal to the store’s', async () => {
    const { folder, backup } = await unlockedStore()
    const destination = join(tempFolder(), 'monday.hbk')
    expect(backup(destination).rows).toBeGreaterThan(0)
    // Equal but for the audit head each witnesses (the backup's own, and the store's last session's).
    const copy = readKeyring(keyringBesideBackup(destination))
    expect({ ...copy, auditHead: undefined }).toEqual({ ...readKeyring(storeFiles(folder).keyring), auditHead: undefined })
    expect(copy.auditHead?.entries).toBeGreaterThan(0)
  })

  it('refuses a folder as the destination, and writes nothing beside it', async () => {
    const { backup } = await unlockedStore()
    const outside = tempFolder()
    expect(() => backup(outside)).toThrow(
      expect.objectContaining({ code: 'invalid-input', message: 'Choose a file to save the backup as, not a folder.' })
    )
    expect(readdirSync(join(outside, '..')).filter((name) => name.startsWith(`.${basename(outside)}`))).toEqual([])
  })

  it('writes no backup and no ring copy when the store’s own key ring is not a valid ring', async () => {
    const { folder, backup } = await unlockedStore()
    writeFileSync(storeFiles(folder).keyring, 'SQLite format 3\0 not a key ring')
    const destination = join(tempFolder(), 'monday.hbk')
    expect(() => backup(destination)).toThrow(expect.objectContaining({ code: 'unavailable' }))
    expect(existsSync(destination)).toBe(false)
    expect(existsSync(keyringBesideBackup(destination))).toBe(false)
  })
})
