import { parseArgs } from 'node:util'
import { addUserToTeam, importStoreToTeam, initialiseTeam, migrateTeam, parseRoles, resetTeamUser, verifyTeam } from '../core/services/team'
import { Vault } from '../core/vault'
import { CommandError, UsageError, type Command } from './errors'
import { readPassphrase } from './passphrase'

/**
 * `team …`: setting up and keeping a team server, for the force's IT team. Passphrases are read
 * as in the other commands (standard input, one line each, in the order listed; or asked for).
 */
export const teamUsage = `  team init --url URL --admin NAME [--name "Full Name"]
                                                        Create Harbour's schema, access rules and first
                                                        administrator on an empty database (reads the new
                                                        administrator's passphrase)
  team add-user --url URL --user ADMIN --new NAME --roles ROLE[,ROLE…] [--name "Full Name"]
                                                        Add a user (reads ADMIN's passphrase, then the new
                                                        user's first passphrase, to be changed at first sign-in)
  team reset-passphrase --url URL --user ADMIN --name NAME
                                                        A new first passphrase for a user who has forgotten
                                                        theirs (reads ADMIN's passphrase, then the new one)
  team enable-user --url URL --user ADMIN --name NAME   Enable a disabled user again, with a new first passphrase
                                                        (reads ADMIN's passphrase, then the new one)
  team verify --url URL --user NAME                     Schema version, access policies and the audit chain
  team migrate --url URL --user OWNER                   Bring the schema and access rules up to date
  team import-store --store DIR --user NAME --url URL   Copy a standalone store onto a set-up team server
                                                        holding no records (reads NAME's store passphrase)
  URL is a libpq connection URI: postgresql://host:port/db?sslmode=verify-full&sslrootcert=CA-FILE,
  or a Unix socket folder on this computer as host=.`

function values(args: string[], names: string[]): Record<string, string | undefined> {
  const spec = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]))
  return parseArgs({ args, options: spec, allowPositionals: false }).values as Record<string, string | undefined>
}

function required(given: Record<string, string | undefined>, flag: string): string {
  const value = given[flag]
  if (!value) throw new UsageError(`--${flag} is required.`)
  return value
}

export const team: Command = async (args, context) => {
  const [sub, ...rest] = args
  const core = context(undefined)
  switch (sub) {
    case 'init': {
      const given = values(rest, ['url', 'admin', 'name'])
      const url = required(given, 'url')
      const username = required(given, 'admin')
      const passphrase = await readPassphrase(`New passphrase for ${username}: `)
      const { version } = await initialiseTeam(core, url, { username, displayName: given['name'] ?? username, passphrase })
      console.log(`Team server set up: schema ${version}, access rules in place, administrator ${username} created.`)
      return
    }
    case 'add-user': {
      const given = values(rest, ['url', 'user', 'new', 'roles', 'name'])
      const url = required(given, 'url')
      const admin = required(given, 'user')
      const username = required(given, 'new')
      const roles = parseRoles(required(given, 'roles'))
      const adminPassphrase = await readPassphrase(`Passphrase for ${admin}: `)
      const passphrase = await readPassphrase(`First passphrase for ${username}: `)
      await addUserToTeam(
        core,
        url,
        { username: admin, passphrase: adminPassphrase },
        { username, displayName: given['name'] ?? username, roles, passphrase }
      )
      console.log(`Added ${username} (${roles.join(', ')}); they choose their own passphrase at first sign-in.`)
      return
    }
    case 'reset-passphrase':
    case 'enable-user': {
      const given = values(rest, ['url', 'user', 'name'])
      const url = required(given, 'url')
      const admin = required(given, 'user')
      const username = required(given, 'name')
      const enable = sub === 'enable-user'
      const adminPassphrase = await readPassphrase(`Passphrase for ${admin}: `)
      const passphrase = await readPassphrase(`New first passphrase for ${username}: `)
      await resetTeamUser(core, url, { username: admin, passphrase: adminPassphrase }, { username, passphrase, enable })
      console.log(
        `${enable ? `Enabled ${username} again` : `Set a new first passphrase for ${username}`}; they choose their own passphrase at their next sign-in.`
      )
      return
    }
    case 'verify': {
      const given = values(rest, ['url', 'user'])
      const url = required(given, 'url')
      const username = required(given, 'user')
      const verdict = await verifyTeam(url, { username, passphrase: await readPassphrase(`Passphrase for ${username}: `) })
      const schemaOk = verdict.schemaVersion === verdict.latestVersion
      console.log(
        `schema: ${schemaOk ? 'ok' : 'NOT CURRENT'} (version ${verdict.schemaVersion}; this Harbour knows ${verdict.latestVersion})`
      )
      const policiesOk = verdict.unprotectedTables.length === 0 && verdict.missingPolicies.length === 0
      console.log(
        policiesOk
          ? 'access policies: ok'
          : `access policies: MISSING (${[...verdict.unprotectedTables.map((table) => `row-level security off on ${table}`), ...verdict.missingPolicies.map((name) => `no policy ${name}`)].join('; ')})`
      )
      console.log(
        verdict.audit.ok
          ? `audit chain: ok (${verdict.audit.entries} entries)`
          : `audit chain: BROKEN at entry ${verdict.audit.firstBadSeq}: ${verdict.audit.reason}`
      )
      if (!schemaOk || !policiesOk || !verdict.audit.ok) throw new CommandError('The team server did not verify.')
      return
    }
    case 'migrate': {
      const given = values(rest, ['url', 'user'])
      const url = required(given, 'url')
      const username = required(given, 'user')
      const { from, to } = await migrateTeam(url, { username, passphrase: await readPassphrase(`Passphrase for ${username}: `) })
      console.log(
        from === to
          ? `Schema already current (version ${to}); access rules reapplied.`
          : `Schema migrated from version ${from} to ${to}; access rules reapplied.`
      )
      return
    }
    case 'import-store': {
      const given = values(rest, ['store', 'user', 'url'])
      const url = required(given, 'url')
      const username = required(given, 'user')
      const local = context(required(given, 'store'))
      const vault = new Vault(local)
      if (vault.status().state === 'no-store') throw new CommandError(`There is no Harbour store in ${local.dataFolder}.`)
      const user = await vault.unlock(username, await readPassphrase(`Passphrase for ${username}: `))
      try {
        const outcome = await importStoreToTeam(local, { sqlite: vault.sqlite, user }, url)
        const copied = Object.entries(outcome.tables).filter(([, rows]) => rows > 0)
        console.log(
          `Copied to the team server and counted: ${copied.map(([table, rows]) => `${table} ${rows}`).join(', ')}; audit trail ${outcome.auditEntries} entries, re-chained.`
        )
        if (outcome.usersWithoutPassphrase.length > 0) {
          console.log(`${outcome.usersWithoutPassphrase.length} users need a first passphrase on the server before they can sign in there.`)
        }
        console.log(`The records in ${local.dataFolder} are unchanged.`)
      } finally {
        vault.lock('manual')
      }
      return
    }
    default:
      throw new UsageError(`Usage:\n${teamUsage}`)
  }
}
