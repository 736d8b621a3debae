import { existsSync } from 'node:fs'
import Database from 'better-sqlite3-multiple-ciphers'
import { createPrivateFile } from '../fs/durable'
import { attachAuditSigner } from './audit-signing'
import { isNetworkPath } from './network-path'

export type SqliteDatabase = Database.Database

/** Why a store could not be opened, in terms the window can explain. Never carries the key. */
export type OpenProblem = 'missing' | 'not-a-database' | 'damaged' | 'newer-version' | 'locked-by-another'

export class StoreOpenError extends Error {
  constructor(readonly problem: OpenProblem) {
    super(`The store could not be opened (${problem}).`)
    this.name = 'StoreOpenError'
  }
}

export interface OpenOptions {
  /** Path of the driver's native module built for the running runtime (Electron or Node). */
  nativeBinding?: string
  /** Create the file if it does not exist (first run only). */
  create?: boolean
  readonly?: boolean
  /** Refuse, before writing anything, a database whose schema is newer than this. */
  newestSchema?: number
}

/** SQLite's own plaintext header: no Harbour file may ever start with it. */
export const plaintextHeader = Buffer.from('SQLite format 3\0', 'latin1')

/** True for SQLite's "this file is damaged" errors, wherever they surface. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? ''
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')
}

/** Maps SQLite's errors onto the few things a user can act on. */
export function classifyOpenError(error: unknown): OpenProblem {
  const code = (error as { code?: string })?.code ?? ''
  if (code === 'SQLITE_NOTADB') return 'not-a-database'
  if (code.startsWith('SQLITE_CORRUPT')) return 'damaged'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked-by-another'
  if (code === 'SQLITE_CANTOPEN') return 'missing'
  return 'damaged'
}

/**
 * Opens the encrypted database with a raw 256-bit key (SQLCipher 4 format, so the cipher's own
 * KDF is skipped), proves the key with a cheap read, then applies the pragmas of DESIGN.md §4.
 */
export function openEncrypted(path: string, dek: Buffer, options: OpenOptions = {}): SqliteDatabase {
  if (dek.length !== 32) throw new Error('The database key must be 32 bytes.')
  // SQLite would create the file readable by everyone (0644 less the umask); its WAL and
  // shared-memory files copy the database's mode, so a private database keeps them private.
  if (options.create && !existsSync(path)) createPrivateFile(path)
  let db: SqliteDatabase
  try {
    db = new Database(path, {
      fileMustExist: !options.create,
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    })
  } catch (error) {
    throw new StoreOpenError(classifyOpenError(error))
  }
  try {
    db.pragma("cipher = 'sqlcipher'")
    db.pragma('legacy = 4')
    // Hex is checked by construction (a Buffer's own encoding), so nothing else can be interpolated.
    db.pragma(`key = "x'${dek.toString('hex')}'"`)
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    if (options.newestSchema !== undefined && (db.pragma('user_version', { simple: true }) as number) > options.newestSchema) {
      throw new StoreOpenError('newer-version')
    }
    applyPragmas(db, path)
    // Unsigned until a session attaches its user's key (see audit-signing.ts).
    attachAuditSigner(db, null)
    return db
  } catch (error) {
    db.close()
    throw error instanceof StoreOpenError ? error : new StoreOpenError(classifyOpenError(error))
  }
}

function applyPragmas(db: SqliteDatabase, path: string): void {
  db.pragma('foreign_keys = ON')
  db.pragma('temp_store = MEMORY') // SQLite3MC never encrypts temporary files: keep them in memory.
  db.pragma('mmap_size = 0') // Memory-mapped pages would bypass the cipher.
  db.pragma('secure_delete = ON')
  db.pragma('trusted_schema = OFF')
  db.pragma('busy_timeout = 5000')
  // Encrypted pages are decrypted on every cache miss; 64 MB of cache keeps that off hot paths.
  db.pragma('cache_size = -65536')
  if (!db.readonly) {
    db.pragma(`journal_mode = ${isNetworkPath(path) ? 'DELETE' : 'WAL'}`)
  }
  db.pragma('synchronous = FULL')
}
