import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectTeam, parseTeamAddress, TeamConnectionError } from '../../electron/core/store/postgres/connection'
import { sql } from 'kysely'
import { initialiseTeamServer } from '../../electron/core/store/postgres/team-setup'
import { TeamStore } from '../../electron/core/team-store'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { HostChoice } from '../../electron/core/host-choice'
import { Vault } from '../../electron/core/vault'
import { dispatch } from '../fixtures/store'
import { testCoreContext } from '../fixtures/core-context'
import { makeCertificates, startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const tlsRule = /TLS and its certificate checked/

describe('a team server address', () => {
  it('may name a Unix socket folder and go without TLS', () => {
    expect(parseTeamAddress('postgresql:///harbour?host=/run/postgresql')).toMatchObject({
      host: '/run/postgresql',
      database: 'harbour',
      socket: true,
      caFile: null
    })
    expect(parseTeamAddress('postgresql://it_owner@/harbour?host=%2Frun%2Fpostgresql&port=5433')).toMatchObject({
      host: '/run/postgresql',
      port: 5433,
      user: 'it_owner',
      socket: true
    })
  })

  it('over TCP must ask for verify-full with the force\u2019s CA file', () => {
    expect(parseTeamAddress('postgresql://db.force.local:5433/harbour?sslmode=verify-full&sslrootcert=/etc/harbour/ca.pem')).toMatchObject({
      host: 'db.force.local',
      port: 5433,
      database: 'harbour',
      socket: false,
      caFile: '/etc/harbour/ca.pem'
    })
    for (const url of [
      'postgresql://db.force.local/harbour',
      'postgresql://db.force.local/harbour?sslmode=require&sslrootcert=/etc/harbour/ca.pem',
      'postgresql://db.force.local/harbour?sslmode=verify-ca&sslrootcert=/etc/harbour/ca.pem',
      'postgresql://db.force.local/harbour?sslmode=verify-full'
    ]) {
      expect(() => parseTeamAddress(url), url).toThrow(tlsRule)
    }
  })

  it('is refused, saying why, when it is not a PostgreSQL URI or names no database', () => {
    expect(() => parseTeamAddress('db.force.local:5432')).toThrow(TeamConnectionError)
    expect(() => parseTeamAddress('mysql://db.force.local/harbour')).toThrow('must start with postgresql://')
    expect(() => parseTeamAddress('postgresql://db.force.local/?sslmode=verify-full&sslrootcert=/ca.pem')).toThrow('names no database')
  })
})

describe('connecting to a team server over TCP', () => {
  let tls: PostgresCluster
  let plain: PostgresCluster

  beforeAll(async () => {
    tls = startPostgresCluster({ tcp: { tls: true } })
    plain = startPostgresCluster({ tcp: { tls: false } })
    for (const cluster of [tls, plain]) {
      const admin = new pg.Client({ connectionString: cluster.url() })
      await admin.connect()
      await admin.query("CREATE ROLE nurse_one LOGIN PASSWORD 'correct horse battery staple'")
      await admin.end()
    }
  }, 120_000)

  afterAll(() => {
    tls?.stop()
    plain?.stop()
  })

  const address = (cluster: PostgresCluster, host: string, ca: string | null) =>
    parseTeamAddress(
      `postgresql://${host}:${cluster.tcpPort}/postgres?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca ?? '/nonexistent-ca.pem')}`
    )

  it('connects with TLS when the certificate chains to the CA file and names the host', async () => {
    const client = await connectTeam(address(tls, 'localhost', tls.caFile), 'nurse_one', 'correct horse battery staple')
    const state = await client.query<{ ssl: boolean; who: string }>(
      'SELECT ssl, current_user AS who FROM pg_stat_ssl WHERE pid = pg_backend_pid()'
    )
    expect(state.rows).toEqual([{ ssl: true, who: 'nurse_one' }])
    await client.end()
  })

  it('refuses a server whose certificate does not name the host it was reached by', async () => {
    await expect(connectTeam(address(tls, '127.0.0.1', tls.caFile), 'nurse_one', 'correct horse battery staple')).rejects.toThrow(
      'could not be verified'
    )
  })

  it('refuses a server whose certificate another CA signed', async () => {
    const other = makeCertificates(tempFolder(), 'other')
    await expect(connectTeam(address(tls, 'localhost', other.caFile), 'nurse_one', 'correct horse battery staple')).rejects.toThrow(
      'could not be verified'
    )
  })

  it('refuses a server with ssl off rather than sending anything in the clear', async () => {
    await expect(connectTeam(address(plain, 'localhost', tls.caFile), 'nurse_one', 'correct horse battery staple')).rejects.toThrow(
      'does not accept encrypted connections'
    )
  })

  it('refuses a wrong passphrase without echoing it', async () => {
    const refusal = await connectTeam(address(tls, 'localhost', tls.caFile), 'nurse_one', 'not the passphrase').catch(
      (error: unknown) => error
    )
    expect(refusal).toBeInstanceOf(TeamConnectionError)
    expect((refusal as Error).message).toBe('The team server did not accept that username and passphrase.')
    expect((refusal as Error).message).not.toContain('not the passphrase')
  })

  it('says when the CA file cannot be read', async () => {
    await expect(connectTeam(address(tls, 'localhost', null), 'nurse_one', 'x')).rejects.toThrow('could not be read')
  })

  it('a workstation signs in to a team server over TLS only: every pooled connection is encrypted, and a server with ssl off is refused', async () => {
    const owner = new pg.Client({ connectionString: await tls.createDatabase('harbour_tls') })
    await owner.connect()
    const lead = { username: 'lead.tls', displayName: 'Lead', passphrase: 'tidal estuary lantern quiet pebble' }
    try {
      await initialiseTeamServer(owner, 'harbour_tls', { ...lead, roles: ['admin'], mustChange: false }, new Date())
    } finally {
      await owner.end()
    }
    const url = (cluster: PostgresCluster, database: string) =>
      `postgresql://localhost:${cluster.tcpPort}/${database}?sslmode=verify-full&sslrootcert=${encodeURIComponent(tls.caFile ?? '')}`
    const core = testCoreContext('/nonexistent-harbour-tls')
    const team = new TeamStore(core, url(tls, 'harbour_tls'))
    await team.signIn(lead.username, lead.passphrase)
    try {
      const states = await Promise.all(
        Array.from({ length: 3 }, () =>
          sql<{ ssl: boolean }>`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.execute(team.session.db)
        )
      )
      expect(states.flatMap((state) => state.rows)).toEqual([{ ssl: true }, { ssl: true }, { ssl: true }])
    } finally {
      await team.lock('signed-out')
    }
    const refused = await new TeamStore(core, url(plain, 'postgres'))
      .signIn('nurse_one', 'correct horse battery staple')
      .catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringContaining('does not accept encrypted connections') })
  })

  it('a workstation joins a team server over TLS with the force\u2019s CA file chosen at first run, and not with another CA', async () => {
    const owner = new pg.Client({ connectionString: await tls.createDatabase('harbour_tls_join') })
    await owner.connect()
    const lead = { username: 'lead.join', displayName: 'Lead', passphrase: 'tidal estuary lantern quiet pebble' }
    try {
      await initialiseTeamServer(owner, 'harbour_tls_join', { ...lead, roles: ['admin'], mustChange: false }, new Date())
    } finally {
      await owner.end()
    }
    const typed = {
      host: 'localhost',
      port: String(tls.tcpPort),
      database: 'harbour_tls_join',
      username: lead.username,
      passphrase: lead.passphrase
    }
    const other = makeCertificates(tempFolder(), 'other')
    const refusedFolder = tempFolder()
    const refusedCore = testCoreContext(refusedFolder)
    const refusedChoice = new HostChoice(refusedCore, new Vault(refusedCore))
    const refused = await dispatch('team-server:join', { ...typed, caFile: other.caFile }, refusedChoice.current())
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('certificate could not be verified') } })
    expect(existsSync(join(refusedFolder, 'team-server.json'))).toBe(false)

    const folder = tempFolder()
    const core = testCoreContext(folder)
    const choice = new HostChoice(core, new Vault(core))
    try {
      const joined = await dispatch('team-server:join', { ...typed, caFile: tls.caFile }, choice.current())
      expect(joined).toMatchObject({ ok: true, value: { username: lead.username } })
      const ssl = await sql<{ ssl: boolean }>`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.execute(
        (choice.teamStore as TeamStore).session.db
      )
      expect(ssl.rows).toEqual([{ ssl: true }])
      expect(JSON.parse(readFileSync(join(folder, 'team-server.json'), 'utf8'))).toMatchObject({ host: 'localhost', caFile: tls.caFile })
    } finally {
      await choice.lock('signed-out')
    }
  })
})
