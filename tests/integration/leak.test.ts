import { randomBytes, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { plaintextHeader } from '../../electron/core/store/open'
import { createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** Every file under `folder` changed since `since`, skipping what cannot be read. */
function filesChangedSince(folder: string, since: number, found: string[] = []): string[] {
  let entries: string[]
  try {
    entries = readdirSync(folder)
  } catch {
    return found
  }
  for (const name of entries) {
    const path = join(folder, name)
    try {
      const stat = statSync(path)
      if (stat.isDirectory()) filesChangedSince(path, since, found)
      else if (stat.isFile() && stat.mtimeMs >= since && stat.size < 200 * 1024 * 1024) found.push(path)
    } catch {
      // Vanished or unreadable: not ours.
    }
  }
  return found
}

describe('no plaintext leaves the store', () => {
  it('finds no canary in the database, its journal, backups, key files or the temp folder after a workload', async () => {
    const started = Date.now() - 1000
    const canaries = Array.from({ length: 20 }, () => `CANARY${randomBytes(8).toString('hex')}`)
    const store = await createTestStore(tempFolder())
    const { vault } = store.host
    const insert = vault.sqlite.prepare("INSERT INTO users VALUES (?, ?, ?, '[\"clinician\"]', 'active', 0, '2026-01-01', '2026-01-01')")
    vault.sqlite.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run(randomUUID(), `user${i}`, `${canaries[i % canaries.length]} ${'x'.repeat(200)}`)
    })()
    // Sorts, grouping and temporary tables are where SQLite would spill to temp files.
    vault.sqlite.prepare('SELECT display_name FROM users ORDER BY display_name DESC, username').all()
    vault.sqlite.prepare('SELECT substr(display_name, 1, 22) AS k, count(*) FROM users GROUP BY k').all()
    vault.sqlite.exec('CREATE TEMP TABLE copy AS SELECT * FROM users; CREATE INDEX temp.copy_name ON copy (display_name);')
    const backup = join(tempFolder(), 'canary.hbk')
    store.host.core.dialogs = { chooseBackupDestination: async () => backup, chooseBackupToRestore: async () => null }
    expect((await store.call('backup:create', {})).ok).toBe(true)

    const files = [
      ...filesChangedSince(store.folder, started),
      ...filesChangedSince(join(backup, '..'), started),
      ...filesChangedSince(tmpdir(), started)
    ]
    const withWal = files.filter((file) => file.endsWith('-wal'))
    expect(withWal.length).toBeGreaterThan(0)
    const leaks: string[] = []
    for (const file of new Set(files)) {
      let bytes: Buffer
      try {
        bytes = readFileSync(file)
      } catch {
        // Gone since it was listed (another process's temp file): not ours.
        continue
      }
      for (const canary of canaries) {
        if (bytes.includes(canary) || bytes.includes(Buffer.from(canary, 'utf16le'))) leaks.push(`${file}: ${canary}`)
      }
    }
    expect(leaks).toEqual([])
    for (const file of [store.host.vault.files.database, backup]) {
      expect(readFileSync(file).subarray(0, 16).equals(plaintextHeader)).toBe(false)
    }
    vault.lock('manual')
  })
})
