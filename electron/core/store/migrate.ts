import type { SqliteDatabase } from './open'
import { migrations as defaultMigrations, type Migration } from './migrations'

export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number
  ) {
    super(`This store was written by a newer version of Harbour (schema ${found}; this version knows ${supported}).`)
    this.name = 'NewerDatabaseError'
  }
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function latestVersion(list: Migration[] = defaultMigrations): number {
  return list.at(-1)?.version ?? 0
}

/**
 * Brings the schema up to date: every pending migration and the version bump run in one
 * transaction, so a failure leaves the file exactly as it was. A newer database is refused
 * before anything is written.
 */
export function migrate(db: SqliteDatabase, list: Migration[] = defaultMigrations, target = latestVersion(list)): number {
  for (let i = 1; i < list.length; i++) {
    if ((list[i]?.version ?? 0) <= (list[i - 1]?.version ?? 0)) throw new Error('Migrations are not in ascending order.')
  }
  const current = schemaVersion(db)
  if (current > latestVersion(list)) throw new NewerDatabaseError(current, latestVersion(list))
  const pending = list.filter((migration) => migration.version > current && migration.version <= target)
  if (pending.length === 0) return current
  db.transaction(() => {
    for (const migration of pending) migration.up(db)
    db.pragma(`user_version = ${Number(pending.at(-1)?.version)}`)
  }).immediate()
  return schemaVersion(db)
}
