import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { latestVersion } from './migrate'
import { openEncrypted, plaintextHeader, StoreOpenError, type OpenOptions, type SqliteDatabase } from './open'

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

export interface BackupCheck {
  bytes: number
  tables: number
  rows: number
  counts: Record<string, number>
}

function firstBytes(path: string, length: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    readSync(fd, buffer, 0, length, 0)
    return buffer
  } finally {
    closeSync(fd)
  }
}

export function startsWithPlaintextHeader(path: string): boolean {
  return firstBytes(path, plaintextHeader.length).equals(plaintextHeader)
}

export function rowCounts(db: SqliteDatabase): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[]
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n])
  )
}

/**
 * Proves a backup is usable: it is encrypted (no plaintext header), opens with the key,
 * passes integrity_check over every page, and, when given, has the expected row counts.
 */
export function verifyBackupFile(path: string, dek: Buffer, expected: Record<string, number> | null, driver: OpenOptions = {}): BackupCheck {
  if (!existsSync(path)) throw new BackupError('The backup file does not exist.')
  if (statSync(path).size < plaintextHeader.length) throw new BackupError('The file is too small to be a Harbour backup.')
  if (startsWithPlaintextHeader(path)) throw new BackupError('The file is not encrypted, so it is not a Harbour backup.')
  let db: SqliteDatabase
  try {
    db = openEncrypted(path, dek, { ...driver, readonly: true, newestSchema: latestVersion() })
  } catch (error) {
    if (error instanceof StoreOpenError && error.problem === 'newer-version') {
      throw new BackupError('The backup was made by a newer version of Harbour.')
    }
    throw new BackupError('The backup does not open with this store’s key, or it is damaged.')
  }
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') throw new BackupError('The backup failed its integrity check.')
    const counts = rowCounts(db)
    if (expected && JSON.stringify(counts) !== JSON.stringify(expected)) {
      throw new BackupError('The backup does not hold the same records as the store.')
    }
    return { bytes: statSync(path).size, tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0), counts }
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError('The backup is damaged.')
  } finally {
    db.close()
  }
}

/**
 * Writes an encrypted copy with a keyed `VACUUM INTO` (never the backup API, which can write
 * plaintext), verifies it, and only then moves it into place.
 */
export function writeBackup(source: SqliteDatabase, sourcePath: string, destination: string, dek: Buffer, driver: OpenOptions = {}): BackupCheck {
  if (destination === sourcePath || basename(destination).startsWith(`${basename(sourcePath)}-`)) {
    throw new BackupError('Choose a different file: a backup cannot replace the store itself.')
  }
  const partial = join(dirname(destination), `.${basename(destination)}.partial`)
  rmSync(partial, { force: true })
  try {
    // The whole copy and the counts happen without yielding, so they describe the same moment.
    source.exec(`VACUUM INTO '${partial.replaceAll("'", "''")}'`)
    const expected = rowCounts(source)
    const check = verifyBackupFile(partial, dek, expected, driver)
    const fd = openSync(partial, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(partial, destination)
    return check
  } catch (error) {
    rmSync(partial, { force: true })
    if (error instanceof BackupError) throw error
    throw new BackupError('The backup could not be written there. Check the folder exists and you can write to it.')
  }
}

/**
 * Puts a verified backup in place of the store. The current file is moved aside, never
 * deleted, so a mistaken restore can be undone.
 */
export function replaceStoreFile(backup: string, storePath: string, now: Date): string {
  const incoming = `${storePath}.restoring`
  copyFileSync(backup, incoming)
  const fd = openSync(incoming, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const aside = `${storePath}-before-restore-${stamp}`
  if (existsSync(storePath)) renameSync(storePath, aside)
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(storePath + suffix)) renameSync(storePath + suffix, aside + suffix)
  }
  renameSync(incoming, storePath)
  return aside
}
