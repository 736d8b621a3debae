import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { latestVersion } from '../../electron/core/store/migrate'
import { cli } from '../fixtures/cli'
import { startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster'

// The IT team's commands, run as the README says, against a throwaway server over its socket.
const adaPassphrase = 'ada lovelace engine notes'
const priyaPassphrase = 'tea garden sunrise walk'

describe('team commands', () => {
  let cluster: PostgresCluster
  let url: string
  let ownerUrl: string

  beforeAll(async () => {
    cluster = startPostgresCluster()
    ownerUrl = await cluster.createDatabase('harbour_cli')
    url = `postgresql:///harbour_cli?host=${encodeURIComponent(cluster.socketFolder)}&port=${cluster.port}`
  }, 120_000)

  afterAll(() => cluster?.stop())

  async function count(table: string): Promise<number> {
    const client = new pg.Client({ connectionString: ownerUrl })
    await client.connect()
    try {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)
      return Number(result.rows[0]?.n)
    } finally {
      await client.end()
    }
  }

  it('init refuses a weak first passphrase before touching the server', () => {
    const result = cli(['team', 'init', '--url', ownerUrl, '--admin', 'ada'], 'short\n')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^harbour: Passphrase/m)
    expect(result.stderr).not.toContain('short')
  })

  it('init creates the schema, access rules and first administrator; verify then finds all in order', async () => {
    const init = cli(['team', 'init', '--url', ownerUrl, '--admin', 'ada', '--name', 'Ada Admin'], `${adaPassphrase}\n`)
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
    expect(init.stdout).toContain(`Team server set up: schema ${latestVersion()}`)
    expect(await count('users')).toBe(1)

    const verify = cli(['team', 'verify', '--url', url, '--user', 'ada'], `${adaPassphrase}\n`)
    expect(verify.code).toBe(0)
    expect(verify.stdout).toContain(`schema: ok (version ${latestVersion()}`)
    expect(verify.stdout).toContain('access policies: ok')
    expect(verify.stdout).toMatch(/audit chain: ok \(2 entries\)/)
    expect(`${init.stdout}${verify.stdout}${verify.stderr}`).not.toContain(adaPassphrase)
  })

  it('add-user reads the administrator\u2019s passphrase then the new user\u2019s, and the new user can sign in to the server', async () => {
    const added = cli(
      ['team', 'add-user', '--url', url, '--user', 'ada', '--new', 'priya', '--roles', 'clinician', '--name', 'Priya Shah'],
      `${adaPassphrase}\n${priyaPassphrase}\n`
    )
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('Added priya (clinician)')
    const priya = new pg.Client({
      host: cluster.socketFolder,
      port: cluster.port,
      database: 'harbour_cli',
      user: 'priya',
      password: priyaPassphrase
    })
    await priya.connect()
    const me = await priya.query('SELECT display_name, must_change_passphrase FROM users WHERE id = harbour_user_id()')
    await priya.end()
    expect(me.rows).toEqual([{ display_name: 'Priya Shah', must_change_passphrase: 1 }])
  })

  it('reset-passphrase and enable-user give a user a new first passphrase, and open a disabled user\u2019s login again only when enabled', async () => {
    const connectAs = async (user: string, password: string) => {
      const client = new pg.Client({ host: cluster.socketFolder, port: cluster.port, database: 'harbour_cli', user, password })
      client.on('error', () => undefined)
      await client.connect()
      return client
    }
    const canSignIn = async (user: string, password: string) => {
      try {
        await (await connectAs(user, password)).end()
        return true
      } catch {
        return false
      }
    }
    const added = cli(
      ['team', 'add-user', '--url', url, '--user', 'ada', '--new', 'sam', '--roles', 'clinician', '--name', 'Sam Okafor'],
      `${adaPassphrase}\nstone wall sea breeze\n`
    )
    expect(added.code).toBe(0)
    // Disabled as the app does it: the account, then the login.
    const ada = await connectAs('ada', adaPassphrase)
    await ada.query("UPDATE users SET status = 'disabled' WHERE username = 'sam'")
    await ada.query("SELECT harbour_disable_login(id) FROM users WHERE username = 'sam'")
    await ada.end()
    expect(await canSignIn('sam', 'stone wall sea breeze')).toBe(false)

    const firstNew = 'copper kettle winter moon'
    const notWhileDisabled = cli(
      ['team', 'reset-passphrase', '--url', url, '--user', 'ada', '--name', 'sam'],
      `${adaPassphrase}\n${firstNew}\n`
    )
    expect(notWhileDisabled.code).toBe(1)
    expect(notWhileDisabled.stderr).toContain('enable them with "team enable-user"')
    expect(await canSignIn('sam', firstNew)).toBe(false)

    const weak = cli(['team', 'enable-user', '--url', url, '--user', 'ada', '--name', 'sam'], `${adaPassphrase}\nshort\n`)
    expect(weak.code).toBe(1)
    expect(await canSignIn('sam', 'short')).toBe(false)

    const enabled = cli(['team', 'enable-user', '--url', url, '--user', 'ada', '--name', 'sam'], `${adaPassphrase}\n${firstNew}\n`)
    expect(enabled.stderr).toBe('')
    expect(enabled.code).toBe(0)
    expect(enabled.stdout).toContain('Enabled sam again')
    expect(await canSignIn('sam', 'stone wall sea breeze')).toBe(false)
    const sam = await connectAs('sam', firstNew)
    const row = await sam.query('SELECT status, must_change_passphrase FROM users WHERE id = harbour_user_id()')
    // Sam, not an administrator, cannot set anyone's passphrase, not even through the function.
    const refused = await sam
      .query("SELECT harbour_reset_login(id, 'SCRAM-SHA-256$x') FROM users WHERE username = 'ada'")
      .catch((error: unknown) => error)
    await sam.end()
    expect(row.rows).toEqual([{ status: 'active', must_change_passphrase: 1 }])
    expect(refused).toMatchObject({ message: expect.stringContaining('permission denied for function harbour_reset_login') })
    const again = cli(['team', 'enable-user', '--url', url, '--user', 'ada', '--name', 'sam'], `${adaPassphrase}\n${firstNew}\n`)
    expect(again.stderr).toContain('That user is already active.')

    const secondNew = 'lighthouse pebble quiet dawn'
    const reset = cli(['team', 'reset-passphrase', '--url', url, '--user', 'ada', '--name', 'sam'], `${adaPassphrase}\n${secondNew}\n`)
    expect(reset.code).toBe(0)
    expect(reset.stdout).toContain('Set a new first passphrase for sam')
    expect(await canSignIn('sam', firstNew)).toBe(false)
    expect(await canSignIn('sam', secondNew)).toBe(true)
    const byNonAdmin = cli(['team', 'reset-passphrase', '--url', url, '--user', 'sam', '--name', 'ada'], `${secondNew}\n${firstNew}\n`)
    expect(byNonAdmin.stderr).toContain('Only a Harbour administrator can do this.')
    expect(`${enabled.stdout}${reset.stdout}${reset.stderr}`).not.toContain(secondNew)
    const audit = await (async () => {
      const client = new pg.Client({ connectionString: ownerUrl })
      await client.connect()
      try {
        return (
          await client.query<{ action: string }>(
            "SELECT action FROM audit_log WHERE action IN ('user.enabled', 'user.passphrase-reset') ORDER BY seq"
          )
        ).rows
      } finally {
        await client.end()
      }
    })()
    expect(audit.map((entry) => entry.action)).toEqual(['user.enabled', 'user.passphrase-reset'])
  })

  it('add-user refuses unknown roles and a wrong administrator passphrase, adding no one', async () => {
    const before = await count('users')
    const badRole = cli(
      ['team', 'add-user', '--url', url, '--user', 'ada', '--new', 'tom', '--roles', 'clinician,superuser'],
      `${adaPassphrase}\nkettle lights over the bay\n`
    )
    expect(badRole.code).toBe(1)
    expect(badRole.stderr).toContain('Roles must be one or more of: clinician, admin, reporting, trim.')
    const wrong = cli(
      ['team', 'add-user', '--url', url, '--user', 'ada', '--new', 'tom', '--roles', 'clinician'],
      'not adas passphrase\nkettle lights over the bay\n'
    )
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toBe('harbour: The team server did not accept that username and passphrase.\n')
    expect(await count('users')).toBe(before)
  })

  it('migrate is for the schema\u2019s owner: an administrator is told so, the owner reapplies the rules', () => {
    const asAdmin = cli(['team', 'migrate', '--url', url, '--user', 'ada'], `${adaPassphrase}\n`)
    expect(asAdmin.code).toBe(1)
    expect(asAdmin.stderr).toContain('Only the server login that owns Harbour\u2019s schema')
    const asOwner = cli(['team', 'migrate', '--url', ownerUrl, '--user', cluster.superuser], 'trusted over the socket\n')
    expect(asOwner.stderr).toBe('')
    expect(asOwner.stdout).toContain(`Schema already current (version ${latestVersion()}); access rules reapplied.`)
  })

  it('refuses a TCP address that does not demand a verified TLS connection', () => {
    const result = cli(['team', 'verify', '--url', 'postgresql://db.force.local:5432/harbour', '--user', 'ada'], `${adaPassphrase}\n`)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('sslmode=verify-full')
  })
})
