import { existsSync } from 'node:fs'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster'

// The throwaway server team mode's tests run against: a real PostgreSQL with the extensions
// person search needs there, reachable over its socket only.
describe('the throwaway PostgreSQL cluster', () => {
  let cluster: PostgresCluster
  let db: Kysely<Record<string, never>>
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await db?.destroy()
  }

  beforeAll(() => {
    cluster = startPostgresCluster()
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: cluster.url(), max: 2 }) }) })
  }, 120_000)

  afterAll(async () => {
    await close()
    cluster?.stop()
  })

  it('answers through Kysely over its Unix socket and listens on no TCP address', async () => {
    const version = await sql<{ server_version_num: string }>`SHOW server_version_num`.execute(db)
    expect(Number(version.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(150000)
    const listen = await sql<{ listen_addresses: string }>`SHOW listen_addresses`.execute(db)
    expect(listen.rows[0]?.listen_addresses).toBe('')
    expect(existsSync(`${cluster.socketFolder}/.s.PGSQL.${cluster.port}`)).toBe(true)
  })

  it('has the extensions person search needs on PostgreSQL (trigram and accent folding)', async () => {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db)
    await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db)
    const folded = await sql<{ folded: string }>`SELECT lower(unaccent('Ó Briain-Núñez')) AS folded`.execute(db)
    expect(folded.rows[0]?.folded).toBe('o briain-nunez')
    const similar = await sql<{ score: number }>`SELECT similarity('obrien', 'obrian')::float8 AS score`.execute(db)
    expect(similar.rows[0]?.score).toBeGreaterThan(0.3)
  })

  it('is gone, folder and all, once stopped', async () => {
    const folder = cluster.socketFolder
    await close()
    cluster.stop()
    expect(existsSync(folder)).toBe(false)
  })
})
