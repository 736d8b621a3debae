import type pg from 'pg'
import { genesisHash, nextEntry, readChainFields, type ChainFields } from '../audit'
import { latestVersion } from '../migrate'
import type { SqliteDatabase } from '../open'
import { lockedChainHead } from './audit'
import { postgresSchemaVersion } from './migrate'
import { teamGroups } from './team-security'
import { inTransaction } from './transaction'
import { loginName, TeamSetupError } from './team-setup'

/**
 * Moving a standalone store onto a team server (`team import-store`): every record, in an order
 * its references allow, in one transaction, then the counts compared table by table. The audit
 * trail is appended to the server's chain entry by entry (so it is re-chained there), followed by
 * an entry naming the store and its original chain's head, so the original, left as it was on
 * this computer, can still prove that history. Derived tables (the department counts) are left
 * to the server's own triggers. Users already on the server (the administrator `team init` made)
 * are matched by username; the others get a server login with no passphrase yet.
 */
export interface StoreImportOutcome {
  /** Rows copied per table (users matched by username count as copied). */
  tables: Record<string, number>
  auditEntries: number
  /** Imported users who need a first passphrase on the server before they can sign in. */
  usersWithoutPassphrase: string[]
}

/** Tables made from others by triggers, or the chain itself: not copied row for row. */
const notCopied = new Set(['audit_log', 'department_spellings'])

/**
 * Configuration the server starts with (the shipped role, referral, incident category, support
 * resource and TRiM risk factor catalogues, and settings): the store's own version replaces it.
 */
const replacedOnServer = new Set([
  'roles',
  'settings',
  'referral_destinations',
  'incident_categories',
  'support_resources',
  'trim_risk_factors'
])

interface ForeignKey {
  table: string
  from: string
  to: string
}

function sqliteTables(sqlite: SqliteDatabase): string[] {
  return (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_search%' ORDER BY name"
      )
      .all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !notCopied.has(name))
}

function foreignKeys(sqlite: SqliteDatabase, table: string): ForeignKey[] {
  return sqlite.prepare('SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)').all(table) as ForeignKey[]
}

/** Tables ordered so each comes after every table it refers to (self-references aside). */
function referenceOrder(sqlite: SqliteDatabase, tables: string[]): string[] {
  const ordered: string[] = []
  const placed = new Set<string>()
  const visit = (table: string, path: Set<string>) => {
    if (placed.has(table)) return
    if (path.has(table)) throw new Error(`Tables refer to each other in a cycle through ${table}.`)
    path.add(table)
    for (const key of foreignKeys(sqlite, table)) if (key.table !== table && tables.includes(key.table)) visit(key.table, path)
    path.delete(table)
    placed.add(table)
    ordered.push(table)
  }
  for (const table of tables) visit(table, new Set())
  return ordered
}

/** Columns a row is written with: stored ones only (generated columns fill themselves). */
function storedColumns(sqlite: SqliteDatabase, table: string): string[] {
  return (sqlite.prepare('SELECT name, hidden FROM pragma_table_xinfo(?)').all(table) as { name: string; hidden: number }[])
    .filter((column) => column.hidden === 0)
    .map((column) => column.name)
}

async function insertRows(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  rows: unknown[][],
  replaceOn: string[] = []
): Promise<void> {
  // PostgreSQL takes at most 65,535 parameters in one statement.
  const perStatement = Math.max(1, Math.floor(60_000 / columns.length))
  const names = columns.map((column) => client.escapeIdentifier(column)).join(', ')
  const replace =
    replaceOn.length === 0
      ? ''
      : ` ON CONFLICT (${replaceOn.map((column) => client.escapeIdentifier(column)).join(', ')}) DO UPDATE SET ${columns
          .filter((column) => !replaceOn.includes(column))
          .map((column) => `${client.escapeIdentifier(column)} = excluded.${client.escapeIdentifier(column)}`)
          .join(', ')}`
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement)
    const values = batch.map((_row, r) => `(${columns.map((_column, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ')
    await client.query(`INSERT INTO ${client.escapeIdentifier(table)} (${names}) VALUES ${values}${replace}`, batch.flat())
  }
}

export async function importStoreToServer(
  sqlite: SqliteDatabase,
  client: pg.ClientBase,
  database: string,
  at: Date
): Promise<StoreImportOutcome> {
  const created = sqlite.prepare("SELECT entity_id FROM audit_log WHERE action = 'store.created' ORDER BY seq LIMIT 1").get() as
    { entity_id: string | null } | undefined
  const store = { id: created?.entity_id ?? 'unknown' }
  const version = await postgresSchemaVersion(client)
  if (version !== latestVersion())
    throw new TeamSetupError('The team server\u2019s schema is not current: run "team init" (or "team migrate") first.')
  const held = await client.query<{ n: string }>(
    'SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM cases) + (SELECT count(*) FROM screenings) AS n'
  )
  if (Number(held.rows[0]?.n) > 0)
    throw new TeamSetupError('The team server already holds records: a store can be moved only onto a server with none.')

  const tables = referenceOrder(sqlite, sqliteTables(sqlite))
  const serverTables = new Set(
    (await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map(
      (row) => row.table_name
    )
  )
  if (tables.some((table) => !serverTables.has(table))) {
    throw new TeamSetupError('The team server\u2019s schema does not match this store\u2019s: update both to the same Harbour version.')
  }

  return inTransaction(client, async () => {
    const outcome: StoreImportOutcome = { tables: {}, auditEntries: 0, usersWithoutPassphrase: [] }
    // Users already on the server keep their server id; every reference to them is rewritten.
    const serverUsers = new Map(
      (await client.query<{ id: string; username: string }>('SELECT id, lower(username) AS username FROM users')).rows.map((row) => [
        row.username,
        row.id
      ])
    )
    const userIds = new Map<string, string>()
    for (const user of sqlite.prepare('SELECT id, username FROM users').all() as { id: string; username: string }[]) {
      userIds.set(user.id, serverUsers.get(user.username.toLowerCase()) ?? user.id)
    }
    for (const table of tables) outcome.tables[table] = await copyTable(client, sqlite, table, serverUsers, userIds, outcome)
    await createLogins(client, sqlite, database, outcome.usersWithoutPassphrase)
    outcome.auditEntries = await appendStoreHistory(client, sqlite, userIds, store, at)
    await compareCounts(client, sqlite, tables, outcome)
    return outcome
  })
}

async function copyTable(
  client: pg.ClientBase,
  sqlite: SqliteDatabase,
  table: string,
  serverUsers: Map<string, string>,
  userIds: Map<string, string>,
  outcome: StoreImportOutcome
): Promise<number> {
  const columns = storedColumns(sqlite, table)
  const keys = foreignKeys(sqlite, table)
  const userColumns = new Set(keys.filter((key) => key.table === 'users').map((key) => key.from))
  if (table === 'users') userColumns.add('id')
  const selfColumns = keys.filter((key) => key.table === table).map((key) => key.from)
  const hasId = columns.includes('id')
  const inserted = new Set<string>()
  const patches: { id: string; column: string; value: unknown }[] = []
  const rows: unknown[][] = []
  let matchedUsers = 0
  // Insertion order where the table has one (amendments follow what they amend); key order otherwise.
  const withoutRowid = (sqlite.prepare('SELECT wr FROM pragma_table_list(?)').get(table) as { wr: number } | undefined)?.wr === 1
  const select = `SELECT ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}"${withoutRowid ? '' : ' ORDER BY rowid'}`
  for (const row of sqlite.prepare(select).iterate() as IterableIterator<Record<string, unknown>>) {
    if (table === 'users' && serverUsers.has(String(row['username']).toLowerCase())) {
      matchedUsers++
      continue
    }
    const values = columns.map((column) => {
      const value = row[column]
      return userColumns.has(column) && typeof value === 'string' ? (userIds.get(value) ?? value) : value
    })
    // A reference to a later row of the same table (a superseded screening) is filled in afterwards.
    for (const column of selfColumns) {
      const index = columns.indexOf(column)
      const value = values[index]
      if (hasId && typeof value === 'string' && !inserted.has(value)) {
        patches.push({ id: String(row['id']), column, value })
        values[index] = null
      }
    }
    if (hasId) inserted.add(String(row['id']))
    rows.push(values)
    if (table === 'users') outcome.usersWithoutPassphrase.push(String(row['username']))
  }
  const primaryKey = (
    sqlite.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as { name: string }[]
  ).map((column) => column.name)
  await insertRows(client, table, columns, rows, replacedOnServer.has(table) ? primaryKey : [])
  for (const patch of patches) {
    await client.query(`UPDATE ${client.escapeIdentifier(table)} SET ${client.escapeIdentifier(patch.column)} = $1 WHERE id = $2`, [
      patch.value,
      patch.id
    ])
  }
  return rows.length + matchedUsers
}

/** Server logins for the imported users, in their Harbour roles' groups, with no passphrase yet. */
async function createLogins(client: pg.ClientBase, sqlite: SqliteDatabase, database: string, usernames: string[]): Promise<void> {
  const groups = teamGroups(database)
  for (const username of usernames) {
    const login = loginName(username)
    const taken = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login])
    if ((taken.rowCount ?? 0) > 0)
      throw new TeamSetupError(`The server already has a login named ${login}, which is not one of this team\u2019s users.`)
    const row = sqlite.prepare('SELECT roles FROM users WHERE username = ?').get(username) as { roles: string }
    await client.query(
      `CREATE ROLE ${client.escapeIdentifier(login)} LOGIN PASSWORD NULL IN ROLE ${client.escapeIdentifier(groups.member)}`
    )
    for (const role of JSON.parse(row.roles) as string[]) {
      const group = groups[role as keyof typeof groups]
      if (group) await client.query(`GRANT ${client.escapeIdentifier(group)} TO ${client.escapeIdentifier(login)}`)
    }
  }
}

/** The store's audit entries appended to the server's chain in order, then the import's own entry. */
async function appendStoreHistory(
  client: pg.ClientBase,
  sqlite: SqliteDatabase,
  userIds: Map<string, string>,
  store: { id: string },
  at: Date
): Promise<number> {
  let last = await lockedChainHead(client)
  let original = { entries: 0, hash: genesisHash }
  const entries: (ChainFields & { hash: string })[] = []
  const flush = async () => {
    const batch = entries.splice(0)
    await insertRows(
      client,
      'audit_log',
      ['seq', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'detail', 'prev_hash', 'hash'],
      batch.map((entry) => [
        entry.seq,
        entry.at,
        entry.actor_id,
        entry.action,
        entry.entity_type,
        entry.entity_id,
        entry.detail,
        entry.prev_hash,
        entry.hash
      ])
    )
  }
  for (const row of readChainFields(sqlite)) {
    original = { entries: original.entries + 1, hash: row.hash }
    const actorId = row.actor_id ? (userIds.get(row.actor_id) ?? row.actor_id) : null
    const entry = nextEntry(
      last,
      { actorId, action: row.action, entityType: row.entity_type, entityId: row.entity_id, detail: row.detail },
      new Date(row.at)
    )
    entries.push(entry)
    last = { seq: entry.seq, hash: entry.hash }
    if (entries.length >= 5_000) await flush()
  }
  entries.push(
    nextEntry(
      last,
      {
        actorId: null,
        action: 'store.imported',
        entityType: 'store',
        entityId: store.id,
        detail: `entries=${original.entries};head=${original.hash}`
      },
      at
    )
  )
  await flush()
  return original.entries
}

async function compareCounts(client: pg.ClientBase, sqlite: SqliteDatabase, tables: string[], outcome: StoreImportOutcome): Promise<void> {
  for (const table of tables) {
    const local = (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
    const server = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${client.escapeIdentifier(table)}`)).rows[0]?.n)
    // The server may already hold what `team init` made (its administrator, the settings).
    if (local !== outcome.tables[table] || server < local) {
      throw new TeamSetupError(
        `The copy of ${table} did not match the store (${local} here, ${server} on the server); nothing was imported.`
      )
    }
  }
}
