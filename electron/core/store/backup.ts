import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { commitStaged, discardStaged, stageFile, type StagedFile } from '../fs/atomic-write'
import { createPrivateFile, fsyncFile, fsyncFolder } from '../fs/durable'
import { appendAuditSync, type AuditEvent } from './audit'
import { attachAuditSigner, type AuditSigner } from './audit-signing'
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
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string
  }[]
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n])
  )
}

/**
 * Proves a backup is usable: it is encrypted (no plaintext header), opens with the key,
 * passes integrity_check over every page, and, when given, has the expected row counts.
 */
export function verifyBackupFile(
  path: string,
  dek: Buffer,
  expected: Record<string, number> | null,
  driver: OpenOptions = {}
): BackupCheck {
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
    return {
      bytes: statSync(path).size,
      tables: Object.keys(counts).length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      counts
    }
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError('The backup is damaged.')
  } finally {
    db.close()
  }
}

function dataVersion(db: SqliteDatabase): number {
  return db.pragma('data_version', { simple: true }) as number
}

/**
 * Copies the store into `partial` with a keyed `VACUUM INTO` and counts its rows, both from
 * one snapshot. VACUUM cannot run inside a transaction, so the counts are taken in one read
 * transaction and `data_version` (which changes whenever another connection commits) is read
 * before the copy and inside that transaction: unchanged, the copy and the counts saw the
 * same state. If another writer got in between, the copy is made again.
 */
function copySnapshot(source: SqliteDatabase, partial: string): Record<string, number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    rmSync(partial, { force: true })
    // VACUUM INTO writes into an empty file it finds, keeping that file's private mode.
    createPrivateFile(partial)
    const before = dataVersion(source)
    source.exec(`VACUUM INTO '${partial.replaceAll("'", "''")}'`)
    const snapshot = source.transaction(() => ({ counts: rowCounts(source), version: dataVersion(source) })).deferred()
    if (snapshot.version === before) return snapshot.counts
  }
  throw new BackupError('Another program kept changing the store while the backup was being made. Close it, then try again.')
}

/** Writes one audit entry into the copy itself, so a backup holds the record of its own making. */
function recordInCopy(partial: string, dek: Buffer, driver: OpenOptions, record: NonNullable<BackupOptions['record']>): void {
  const copy = openEncrypted(partial, dek, driver)
  try {
    // Signed by the same person as the store's own entry, so a restored backup still verifies.
    attachAuditSigner(copy, record.signer ?? null)
    appendAuditSync(copy, record.event, record.at)
    // Back to a single file, as VACUUM INTO left it, so the backup opens read-only anywhere.
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

export interface BackupOptions {
  /** An audit entry for the copy; the caller records the same entry in the store once the backup is in place. */
  record?: { event: AuditEvent; at: Date; signer?: AuditSigner | null }
  /** A file that travels with the backup (its key ring copy): written and flushed first, put in place with it. */
  companion?: { path: string; contents: string }
}

/**
 * Writes an encrypted copy with a keyed `VACUUM INTO` (never the backup API, which can write
 * plaintext), verifies it, and only then moves it (and its companion) into place, flushing
 * the files and the folder so a power cut cannot lose the rename.
 */
export function writeBackup(
  source: SqliteDatabase,
  sourcePath: string,
  destination: string,
  dek: Buffer,
  driver: OpenOptions = {},
  options: BackupOptions = {}
): BackupCheck {
  if (destination === sourcePath || basename(destination).startsWith(`${basename(sourcePath)}-`)) {
    throw new BackupError('Choose a different file: a backup cannot replace the store itself.')
  }
  const partial = join(dirname(destination), `.${basename(destination)}.partial`)
  let companion: StagedFile | null = null
  try {
    const expected = copySnapshot(source, partial)
    if (options.record) {
      recordInCopy(partial, dek, driver, options.record)
      expected['audit_log'] = (expected['audit_log'] ?? 0) + 1
    }
    const check = verifyBackupFile(partial, dek, expected, driver)
    fsyncFile(partial)
    if (options.companion) companion = stageFile(options.companion.path, options.companion.contents)
    // The companion first: if it cannot be put in place, no backup appears without it.
    if (companion) commitStaged(companion)
    renameSync(partial, destination)
    fsyncFolder(dirname(destination))
    return check
  } catch (error) {
    rmSync(partial, { force: true })
    if (companion) discardStaged(companion)
    if (error instanceof BackupError) throw error
    throw new BackupError('The backup could not be written there. Check the folder exists and you can write to it.')
  }
}
