import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely'
import type { SqliteDatabase } from './open'

/** Enough for every query the services build, with room for lists of different lengths. */
export const statementCacheSize = 500

/**
 * The connection as the query builder sees it, keeping the statements it prepares. Kysely's
 * SQLite driver prepares every query afresh, and preparing cost more than running most of the
 * app's lookups (see docs/architecture.md, "Speed"). Kysely runs one query at a time on the
 * connection, so a kept statement is never in use twice at once. The least recently used
 * statement is dropped when the cache is full, so queries with long `in (…)` lists cannot grow it.
 */
export function withStatementCache(sqlite: SqliteDatabase, size = statementCacheSize): KyselySqliteDatabase {
  const kept = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const found = kept.get(sql)
      if (found) {
        // Moved to the newest end, so the oldest is the least recently used.
        kept.delete(sql)
        kept.set(sql, found)
        return found
      }
      const statement = sqlite.prepare(sql) as unknown as SqliteStatement
      if (kept.size >= size) {
        const oldest = kept.keys().next()
        if (!oldest.done) kept.delete(oldest.value)
      }
      kept.set(sql, statement)
      return statement
    }
  }
}
