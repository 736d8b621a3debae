import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChainOnPostgres } from '../../electron/core/store/postgres/audit'
import { Vault } from '../../electron/core/vault'
import { cli } from '../fixtures/cli'
import { testCoreContext } from '../fixtures/core-context'
import { startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

// Moving a real standalone store (made and seeded by the CLI) onto a throwaway team server.
const tempFolder = useTempFolders()
const serverAdmin = { username: 'it.lead', passphrase: 'server lead sea shanty chorus' }
const tables = [
  'users',
  'people',
  'person_access',
  'cases',
  'notes',
  'tasks',
  'screenings',
  'screening_results',
  'alerts',
  'screening_follow_ups',
  'roles',
  'settings',
  'referral_destinations'
]

describe('team import-store', () => {
  let cluster: PostgresCluster
  let ownerUrl: string

  beforeAll(async () => {
    cluster = startPostgresCluster()
    ownerUrl = await cluster.createDatabase('harbour_move')
    expect(cli(['team', 'init', '--url', ownerUrl, '--admin', serverAdmin.username], `${serverAdmin.passphrase}\n`)).toMatchObject({
      code: 0
    })
  }, 120_000)

  afterAll(() => cluster?.stop())

  async function serverCounts(): Promise<Record<string, number>> {
    const client = new pg.Client({ connectionString: ownerUrl })
    await client.connect()
    try {
      const counts: Record<string, number> = {}
      for (const table of [...tables, 'audit_log'])
        counts[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n)
      return counts
    } finally {
      await client.end()
    }
  }

  async function localSnapshot(
    store: string
  ): Promise<{ counts: Record<string, number>; rows: string; head: { seq: number; hash: string } }> {
    const vault = new Vault(testCoreContext(store))
    await vault.unlock(admin.username, admin.passphrase)
    try {
      const counts: Record<string, number> = {}
      for (const table of tables) counts[table] = (vault.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
      const rows = JSON.stringify(
        tables.filter((table) => table !== 'settings').map((table) => vault.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all())
      )
      const head = vault.sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }
      return { counts, rows, head }
    } finally {
      vault.lock('manual')
    }
  }

  it('copies every record and the audit trail, counted, and leaves the local records as they were', async () => {
    const store = join(tempFolder(), 'store')
    expect(cli(['init', '--store', store, '--admin', admin.username, '--name', admin.displayName], `${admin.passphrase}\n`)).toMatchObject({
      code: 0
    })
    expect(
      cli(['seed', '--store', store, '--user', admin.username, '--people', '60', '--seed', '7'], `${admin.passphrase}\n`)
    ).toMatchObject({ code: 0 })
    const before = await localSnapshot(store)
    expect(before.counts['screenings']).toBeGreaterThan(0)
    expect(before.counts['notes']).toBeGreaterThan(0)

    const moved = cli(['team', 'import-store', '--store', store, '--user', admin.username, '--url', ownerUrl], `${admin.passphrase}\n`)
    expect(moved.stderr).toBe('')
    expect(moved.code).toBe(0)
    expect(moved.stdout).toContain(`people ${before.counts['people']}`)
    expect(moved.stdout).toContain('re-chained')

    const server = await serverCounts()
    for (const table of tables) {
      // The server's own administrator (from team init) is there as well as the store's users.
      const expected = (before.counts[table] ?? 0) + (table === 'users' ? 1 : 0)
      expect(server[table], table).toBe(expected)
    }

    const after = await localSnapshot(store)
    expect(after.rows).toBe(before.rows)

    const client = new pg.Client({ connectionString: ownerUrl })
    await client.connect()
    try {
      const chain = await verifyAuditChainOnPostgres(client)
      expect(chain.ok).toBe(true)
      const imported = await client.query<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'store.imported'")
      // The original chain's head at the moment of the copy (the session that read it had just begun).
      expect(imported.rows[0]?.detail).toMatch(new RegExp(`^entries=\\d+;head=[0-9a-f]{64}$`))
      const [, entries, head] = /entries=(\d+);head=([0-9a-f]{64})/.exec(imported.rows[0]?.detail ?? '') ?? []
      expect(Number(entries)).toBeGreaterThanOrEqual(before.head.seq)
      // The head recorded on the server is the local chain's own entry at that point.
      const vault = new Vault(testCoreContext(store))
      await vault.unlock(admin.username, admin.passphrase)
      const local = vault.sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(Number(entries)) as { hash: string } | undefined
      vault.lock('manual')
      expect(local?.hash).toBe(head)
      const screeningsDue = await client.query<{ n: string }>('SELECT count(*) AS n FROM people WHERE next_screening_due IS NOT NULL')
      expect(Number(screeningsDue.rows[0]?.n)).toBeGreaterThan(0)
    } finally {
      await client.end()
    }

    const again = cli(['team', 'import-store', '--store', store, '--user', admin.username, '--url', ownerUrl], `${admin.passphrase}\n`)
    expect(again.code).toBe(1)
    expect(again.stderr).toBe('harbour: The team server already holds records: a store can be moved only onto a server with none.\n')
    expect((await serverCounts())['people']).toBe(before.counts['people'])
  })
})
