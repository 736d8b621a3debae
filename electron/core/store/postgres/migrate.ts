import type pg from 'pg'
import { NewerDatabaseError } from '../migrate'
import { migrations as defaultMigrations, type Migration } from '../migrations'
import type { PostgresRun } from './run'
import { inTransaction } from './transaction'

/** Any one key will do: it only has to be the same for every Harbour client migrating a server. */
const MIGRATION_LOCK = 0x48415242 // "HARB"

/** The schema version a team server is at: 0 before the first migration. */
export async function postgresSchemaVersion(client: pg.ClientBase): Promise<number> {
  const table = await client.query<{ present: boolean }>("SELECT to_regclass('harbour_schema') IS NOT NULL AS present")
  if (!table.rows[0]?.present) return 0
  const row = await client.query<{ version: number }>('SELECT version FROM harbour_schema')
  return row.rows[0]?.version ?? 0
}

/**
 * Brings a team server's schema up to date, as `migrate` does a standalone store: every
 * pending step's PostgreSQL part and the version bump in one transaction (PostgreSQL's DDL is
 * transactional, so a failure leaves the schema exactly as it was), a newer schema refused
 * before anything is written. An advisory lock makes clients starting together take turns.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  list: Migration[] = defaultMigrations,
  /** Run after the steps, in the same transaction (team mode reapplies its access rules here). */
  after?: (client: pg.ClientBase) => Promise<void>
): Promise<number> {
  const missing = list.find((migration) => !migration.postgres)
  if (missing) throw new Error(`Migration ${missing.name} has no PostgreSQL part.`)
  const latest = list.at(-1)?.version ?? 0
  return inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(
      'CREATE TABLE IF NOT EXISTS harbour_schema (version integer NOT NULL, only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row))'
    )
    const current = await postgresSchemaVersion(client)
    if (current > latest) throw new NewerDatabaseError(current, latest)
    const run: PostgresRun = async (statement, parameters) => {
      const result = await client.query(statement, parameters ? [...parameters] : undefined)
      const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult | undefined) : result
      return (last?.rows ?? []) as Record<string, unknown>[]
    }
    for (const migration of list.filter((step) => step.version > current)) await migration.postgres?.(run)
    await after?.(client)
    await client.query('INSERT INTO harbour_schema (version) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET version = excluded.version', [
      Math.max(current, latest)
    ])
    return Math.max(current, latest)
  })
}
