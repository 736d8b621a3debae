import type pg from 'pg'
import { roles as harbourRoles, type Role, type SessionUser } from '../../../shared/contract/session'
import type { CoreContext } from '../context'
import type { SqliteDatabase } from '../store/open'
import { connectTeam, parseTeamAddress, type TeamAddress } from '../store/postgres/connection'
import { importStoreToServer, type StoreImportOutcome } from '../store/postgres/store-import'
import {
  addTeamUser,
  initialiseTeamServer,
  migrateTeamServer,
  resetTeamLogin,
  TeamSetupError,
  verifyTeamServer,
  type TeamVerdict
} from '../store/postgres/team-setup'
import { checkNewPassphrase } from './passphrase-policy'

/**
 * Team mode's set-up commands for the force's IT team (`team init`, `add-user`, `verify`,
 * `migrate`): each connects as the named server login, with the connection rules of
 * store/postgres/connection.ts, does its work and disconnects. New passphrases meet the same
 * rules as in a standalone store.
 */

/** Group roles are named after the database, so its name must make safe, short role names. */
function teamDatabase(address: TeamAddress): string {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(address.database)) {
    throw new TeamSetupError('Team mode needs a database name of lower-case letters, digits and underscores, 41 characters at most.')
  }
  return address.database
}

/** The login named in the address, else the one libpq would use: the schema's owner, authenticated as PostgreSQL clients usually are. */
function schemaOwner(address: TeamAddress): string {
  return address.user ?? process.env['PGUSER'] ?? process.env['USER'] ?? ''
}

async function withConnection<T>(
  address: TeamAddress,
  user: string,
  passphrase: string | undefined,
  work: (client: pg.Client) => Promise<T>
): Promise<T> {
  const client = await connectTeam(address, user, passphrase)
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

export function parseRoles(list: string): Role[] {
  const named = list
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean)
  const unknown = named.filter((role) => !(harbourRoles as readonly string[]).includes(role))
  if (named.length === 0 || unknown.length > 0) throw new TeamSetupError(`Roles must be one or more of: ${harbourRoles.join(', ')}.`)
  return [...new Set(named)] as Role[]
}

/**
 * Creates Harbour's schema, access rules and first administrator on an empty database. The
 * connection is the URL's own user (the role that will own the schema), authenticated as
 * PostgreSQL clients usually are (a socket, a password file); the administrator is new.
 */
export async function initialiseTeam(
  core: CoreContext,
  url: string,
  admin: { username: string; displayName: string; passphrase: string }
): Promise<{ version: number }> {
  const address = parseTeamAddress(url)
  const database = teamDatabase(address)
  checkNewPassphrase(core, admin.passphrase, undefined, admin.username)
  return withConnection(address, schemaOwner(address), undefined, async (client) => {
    const { version } = await initialiseTeamServer(client, database, { ...admin, roles: ['admin'], mustChange: false }, core.clock())
    return { version }
  })
}

/** An administrator adds a user; the first passphrase they give must be changed at first sign-in. */
export async function addUserToTeam(
  core: CoreContext,
  url: string,
  admin: { username: string; passphrase: string },
  user: { username: string; displayName: string; roles: Role[]; passphrase: string }
): Promise<void> {
  const address = parseTeamAddress(url)
  teamDatabase(address)
  checkNewPassphrase(core, user.passphrase, undefined, user.username, { owner: 'theirs' })
  await withConnection(address, admin.username.toLowerCase(), admin.passphrase, (client) =>
    addTeamUser(client, { ...user, mustChange: true }, core.clock())
  )
}

/** `team reset-passphrase` / `team enable-user`: a new first passphrase for a user, checked as any new passphrase is. */
export async function resetTeamUser(
  core: CoreContext,
  url: string,
  admin: { username: string; passphrase: string },
  change: { username: string; passphrase: string; enable: boolean }
): Promise<void> {
  const address = parseTeamAddress(url)
  teamDatabase(address)
  checkNewPassphrase(core, change.passphrase, undefined, change.username, { owner: 'theirs' })
  await withConnection(address, admin.username.toLowerCase(), admin.passphrase, (client) => resetTeamLogin(client, change, core.clock()))
}

export async function verifyTeam(url: string, login: { username: string; passphrase: string }): Promise<TeamVerdict> {
  const address = parseTeamAddress(url)
  teamDatabase(address)
  return withConnection(address, login.username.toLowerCase(), login.passphrase, async (client) => {
    try {
      return await verifyTeamServer(client)
    } catch (error) {
      if ((error as { code?: string }).code === '42501')
        throw new TeamSetupError('Verifying a team server needs a Harbour administrator or the schema\u2019s owner.')
      throw error
    }
  })
}

export async function migrateTeam(url: string, login: { username: string; passphrase: string }): Promise<{ from: number; to: number }> {
  const address = parseTeamAddress(url)
  const database = teamDatabase(address)
  return withConnection(address, login.username.toLowerCase(), login.passphrase, async (client) => {
    try {
      return await migrateTeamServer(client, database)
    } catch (error) {
      if ((error as { code?: string }).code === '42501') {
        throw new TeamSetupError('Only the server login that owns Harbour\u2019s schema (the one that ran team init) can migrate it.')
      }
      throw error
    }
  })
}

/**
 * Copies a standalone store, unlocked by one of its administrators, onto a team server set up
 * with `team init` and holding no records yet, connected as the schema's owner (the URL's user).
 * The local store is only read.
 */
export async function importStoreToTeam(
  core: CoreContext,
  store: { sqlite: SqliteDatabase; user: SessionUser },
  url: string
): Promise<StoreImportOutcome> {
  if (!store.user.roles.includes('admin'))
    throw new TeamSetupError('Moving a store onto a team server needs one of the store\u2019s administrators.')
  const address = parseTeamAddress(url)
  const database = teamDatabase(address)
  return withConnection(address, schemaOwner(address), undefined, (client) =>
    importStoreToServer(store.sqlite, client, database, core.clock())
  )
}
