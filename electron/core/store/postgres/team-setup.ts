import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { Role } from '../../../../shared/contract/session'
import { latestVersion } from '../migrate'
import { appendAuditOnPostgres, verifyAuditChainOnPostgres } from './audit'
import { migratePostgres, postgresSchemaVersion } from './migrate'
import { scramVerifier } from './scram'
import { applyTeamSecurity, expectedPolicies } from './team-security'
import { inTransaction } from './transaction'
import type { ChainVerdict } from '../audit'

/** A team server's first or next Harbour user. Login roles are the username in lower case. */
export interface NewTeamUser {
  username: string
  displayName: string
  roles: Role[]
  passphrase: string
  /** True when someone else chose this passphrase: it must be changed at first sign-in. */
  mustChange: boolean
}

/** The login role name for a Harbour username (Harbour usernames ignore case). */
export function loginName(username: string): string {
  return username.toLowerCase()
}

async function insertUser(client: pg.ClientBase, user: NewTeamUser, at: Date): Promise<string> {
  const id = randomUUID()
  await client.query('SELECT harbour_create_login($1, $2, $3)', [loginName(user.username), scramVerifier(user.passphrase), user.roles])
  await client.query(
    `INSERT INTO users (id, username, display_name, roles, status, must_change_passphrase, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'active', $5, $6, $6)`,
    [id, user.username, user.displayName, JSON.stringify(user.roles), user.mustChange ? 1 : 0, at.toISOString()]
  )
  return id
}

/**
 * `team init`: on an empty database, as the role that will own Harbour's schema, creates the
 * schema and its access rules and the first administrator. Refused where Harbour already has users.
 */
export async function initialiseTeamServer(
  client: pg.ClientBase,
  database: string,
  admin: NewTeamUser,
  at: Date
): Promise<{ version: number; adminId: string }> {
  const version = await migratePostgres(client, undefined, (owner) => applyTeamSecurity(owner, database))
  const adminId = await inTransaction(client, async () => {
    const existing = await client.query<{ n: number }>('SELECT count(*) AS n FROM users')
    if (Number(existing.rows[0]?.n) > 0)
      throw new TeamSetupError('This team server already has Harbour users: it was set up before. Use "team add-user" to add more.')
    const id = await insertUser(client, { ...admin, roles: ['admin'] }, at)
    await appendAuditOnPostgres(
      client,
      { actorId: null, action: 'store.created', entityType: 'store', entityId: database, detail: 'team' },
      at
    )
    await appendAuditOnPostgres(client, { actorId: null, action: 'user.created', entityType: 'user', entityId: id, detail: 'roles' }, at)
    return id
  })
  return { version, adminId }
}

/** `team add-user`: an administrator, connected as themselves, adds a user and their login. */
export async function addTeamUser(client: pg.ClientBase, user: NewTeamUser, at: Date): Promise<string> {
  return inTransaction(client, async () => {
    const me = await client.query<{ id: string | null; roles: string | null }>(
      'SELECT u.id, u.roles FROM users u WHERE u.id = harbour_user_id()'
    )
    const caller = me.rows[0]
    if (!caller?.id || !(JSON.parse(caller.roles ?? '[]') as string[]).includes('admin')) {
      throw new TeamSetupError('Only a Harbour administrator can add users.')
    }
    const taken = await client.query('SELECT 1 FROM users WHERE username = $1::citext', [user.username])
    if ((taken.rowCount ?? 0) > 0) throw new TeamSetupError('A Harbour user with that username already exists.')
    const id = await insertUser(client, user, at)
    await appendAuditOnPostgres(
      client,
      { actorId: caller.id, action: 'user.created', entityType: 'user', entityId: id, detail: 'roles' },
      at
    )
    return id
  })
}

/**
 * `team reset-passphrase` and `team enable-user`: an administrator, connected as themselves,
 * gives a user a new first passphrase (changed at their next sign-in) and, when enabling,
 * makes their account active again; either way the login is opened with the new verifier.
 */
export async function resetTeamLogin(
  client: pg.ClientBase,
  change: { username: string; passphrase: string; enable: boolean },
  at: Date
): Promise<void> {
  await inTransaction(client, async () => {
    const me = await client.query<{ id: string | null; roles: string | null }>(
      'SELECT u.id, u.roles FROM users u WHERE u.id = harbour_user_id()'
    )
    const caller = me.rows[0]
    if (!caller?.id || !(JSON.parse(caller.roles ?? '[]') as string[]).includes('admin')) {
      throw new TeamSetupError('Only a Harbour administrator can do this.')
    }
    const found = await client.query<{ id: string; status: string }>('SELECT id, status FROM users WHERE username = $1::citext', [
      change.username
    ])
    const user = found.rows[0]
    if (!user) throw new TeamSetupError('There is no Harbour user with that username on this server.')
    if (change.enable && user.status === 'active') throw new TeamSetupError('That user is already active.')
    if (!change.enable && user.status !== 'active') {
      throw new TeamSetupError('That user is disabled: enable them with "team enable-user", which sets a new first passphrase too.')
    }
    await client.query("UPDATE users SET status = 'active', must_change_passphrase = 1, updated_at = $2 WHERE id = $1", [
      user.id,
      at.toISOString()
    ])
    await client.query('SELECT harbour_reset_login($1, $2)', [user.id, scramVerifier(change.passphrase)])
    await appendAuditOnPostgres(
      client,
      { actorId: caller.id, action: change.enable ? 'user.enabled' : 'user.passphrase-reset', entityType: 'user', entityId: user.id },
      at
    )
  })
}

/** `team migrate`: the schema's owner brings the schema and its access rules up to date. */
export async function migrateTeamServer(client: pg.ClientBase, database: string): Promise<{ from: number; to: number }> {
  const from = await postgresSchemaVersion(client)
  const to = await migratePostgres(client, undefined, (owner) => applyTeamSecurity(owner, database))
  return { from, to }
}

export interface TeamVerdict {
  schemaVersion: number
  latestVersion: number
  /** Tables whose row-level security is off, and policies that are missing: need-to-know not enforced. */
  unprotectedTables: string[]
  missingPolicies: string[]
  audit: ChainVerdict
}

/** `team verify`: schema version, every access policy in place, and the audit chain whole. */
export async function verifyTeamServer(client: pg.ClientBase): Promise<TeamVerdict> {
  const schemaVersion = await postgresSchemaVersion(client)
  const tables = Object.keys(expectedPolicies)
  const rls = await client.query<{ relname: string; relrowsecurity: boolean }>(
    "SELECT relname, relrowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)",
    [tables]
  )
  const protectedTables = new Set(rls.rows.filter((row) => row.relrowsecurity).map((row) => row.relname))
  const present = await client.query<{ tablename: string; policyname: string }>(
    "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'"
  )
  const have = new Set(present.rows.map((row) => `${row.tablename}.${row.policyname}`))
  return {
    schemaVersion,
    latestVersion: latestVersion(),
    unprotectedTables: tables.filter((table) => !protectedTables.has(table)),
    missingPolicies: Object.entries(expectedPolicies)
      .flatMap(([table, names]) => names.map((name) => `${table}.${name}`))
      .filter((name) => !have.has(name)),
    audit: await verifyAuditChainOnPostgres(client)
  }
}

/** A refusal to report in words (already the user's). */
export class TeamSetupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TeamSetupError'
  }
}
