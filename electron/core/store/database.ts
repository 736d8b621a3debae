import { existsSync } from 'node:fs'
import { Kysely, SqliteDialect } from 'kysely'
import type { StoreProblem } from '../../../shared/contract/session'
import { CoreError } from '../errors'
import { openProblemMessage } from '../messages'
import type { StoreFiles } from './files'
import type { OpenedSlot } from './keyring'
import { latestVersion, migrate } from './migrate'
import { openEncrypted, StoreOpenError, type SqliteDatabase } from './open'
import { settleRotation } from './rotate-key'
import { withStatementCache } from './statement-cache'
import type { HarbourDatabase } from './schema'

/** The database driver's native module, when the host names one (the Electron build). */
export interface DriverOptions {
  nativeBinding?: string
}

/** The query builder over an open connection: the one place it is made. */
export function queryBuilder(sqlite: SqliteDatabase): Kysely<HarbourDatabase> {
  return new Kysely<HarbourDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
}

/**
 * The store's database file: opening it with its key (pragmas in open.ts), bringing it to the
 * newest schema, and what went wrong the last time it would not open.
 */
export class StoreDatabase {
  /** A problem found when opening the file, shown until a restore replaces it. */
  knownProblem: StoreProblem | null = null

  constructor(
    private readonly files: StoreFiles,
    private readonly driver: DriverOptions
  ) {}

  exists(): boolean {
    return existsSync(this.files.database)
  }

  /** Creates the file under `dek`, with every migration applied. */
  create(dek: Buffer): SqliteDatabase {
    return migrated(openEncrypted(this.files.database, dek, { create: true, ...this.driver }))
  }

  /** Opens the file under `dek` and migrates it; a file that will not open is refused in words. */
  open(dek: Buffer): SqliteDatabase {
    try {
      return migrated(openEncrypted(this.files.database, dek, { newestSchema: latestVersion(), ...this.driver }))
    } catch (error) {
      if (error instanceof StoreOpenError) {
        if (error.problem !== 'locked-by-another') this.knownProblem = error.problem
        throw new CoreError('unavailable', openProblemMessage(error.problem))
      }
      throw error
    }
  }

  /**
   * Opens the file with a slot's key. While a key rotation is under way (it stopped part-way)
   * the slot also holds the previous key: whichever opens the file in place is the store's
   * key, and the ring is settled on it.
   */
  openWithSlot(opened: OpenedSlot): { sqlite: SqliteDatabase; dek: Buffer } {
    const previous = opened.previousDek
    try {
      const sqlite = this.open(opened.dek)
      settleRotation(this.files, true)
      previous?.fill(0)
      return { sqlite, dek: opened.dek }
    } catch (error) {
      if (!previous) throw error
      const sqlite = this.open(previous)
      this.knownProblem = null
      settleRotation(this.files, false)
      opened.dek.fill(0)
      return { sqlite, dek: previous }
    }
  }
}

/** The connection, migrated to the latest schema; closed again if migrating fails (which changes nothing). */
function migrated(sqlite: SqliteDatabase): SqliteDatabase {
  try {
    migrate(sqlite)
  } catch (error) {
    sqlite.close()
    throw error
  }
  return sqlite
}
