import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { StagedFile } from '../fs/atomic-write'
import { fsyncFile, fsyncFolder, makePrivate } from '../fs/durable'
import { BackupError } from './backup'
import { databaseCompanions, type StoreFiles } from './files'
import { openEncrypted, type OpenOptions, type SqliteDatabase } from './open'

/**
 * The file-level steps of a restore. The service (services/backup.ts) decides who may restore
 * and checks the backup; these put a checked backup in place without losing what was there.
 */

/** Copies a backup into the data folder beside the store, private and flushed, to be checked there. */
export function stageIncomingStore(backup: string, files: StoreFiles): string {
  const incoming = `${files.database}.restoring`
  rmSync(incoming, { force: true })
  copyFileSync(backup, incoming)
  // A copy takes its source's mode, and a backup may have been copied around loosely.
  makePrivate(incoming)
  fsyncFile(incoming)
  return incoming
}

const harbourTables = ['audit_log', 'settings', 'users']

/** Opens a checked copy read-only with the key and runs `work` on it. */
export function readCopy<T>(path: string, dek: Buffer, driver: OpenOptions, work: (db: SqliteDatabase) => T): T {
  const db = openEncrypted(path, dek, { ...driver, readonly: true })
  try {
    return work(db)
  } finally {
    db.close()
  }
}

/** A database that opens with the key is not necessarily a Harbour store: its tables and version must say so. */
export function requireHarbourStore(db: SqliteDatabase): void {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name)
  )
  const version = db.pragma('user_version', { simple: true }) as number
  if (version < 1 || !harbourTables.every((name) => tables.has(name))) {
    throw new BackupError('The file opens, but it is not a Harbour store, so it cannot be restored.')
  }
}

export function isActiveAdministrator(db: SqliteDatabase, userId: string): boolean {
  const row = db.prepare('SELECT roles, status FROM users WHERE id = ?').get(userId) as { roles: string; status: string } | undefined
  if (!row || row.status !== 'active') return false
  try {
    return (JSON.parse(row.roles) as unknown[]).includes('admin')
  } catch {
    return false
  }
}

/** A name beside `base` that nothing uses yet, so one set-aside file never replaces another. */
function unusedName(base: string): string {
  let name = base
  for (let n = 2; existsSync(name) || databaseCompanions.some((suffix) => existsSync(name + suffix)); n++) name = `${base}-${n}`
  return name
}

export interface SetAside {
  database: string | null
  keyring: string | null
}

/**
 * Puts a checked database, and the key ring that opens it, in place of the store's. The
 * originals are moved aside under names with the time, never deleted, so a mistaken restore
 * can be undone. Everything incoming was written and flushed beforehand; the swap is renames
 * only, followed by a flush of the folder. A crash part-way leaves the originals aside and
 * the store reported as missing or damaged, to be restored again.
 */
export function swapInRestoredStore(files: StoreFiles, incoming: string, ring: StagedFile | null, now: Date): SetAside {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const aside: SetAside = { database: null, keyring: null }
  if (existsSync(files.database)) {
    aside.database = unusedName(`${files.database}-before-restore-${stamp}`)
    renameSync(files.database, aside.database)
    for (const suffix of databaseCompanions) {
      if (existsSync(files.database + suffix)) renameSync(files.database + suffix, aside.database + suffix)
    }
  }
  if (ring && existsSync(files.keyring)) {
    aside.keyring = unusedName(`${files.keyring}-before-restore-${stamp}`)
    renameSync(files.keyring, aside.keyring)
  }
  renameSync(incoming, files.database)
  if (ring) renameSync(ring.temporary, ring.target)
  fsyncFolder(dirname(files.database))
  return aside
}
