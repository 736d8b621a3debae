import pg from 'pg'
import type { CoreContext } from '../../electron/core/context'
import type { TeamHost } from '../../electron/core/ipc/dispatch'
import type { SqliteDatabase } from '../../electron/core/store/open'
import { importStoreToServer } from '../../electron/core/store/postgres/store-import'
import { teamGroups } from '../../electron/core/store/postgres/team-security'
import { initialiseTeamServer, loginName } from '../../electron/core/store/postgres/team-setup'
import { TeamStore } from '../../electron/core/team-store'
import { postgresBinaries, startPostgresCluster } from '../fixtures/postgres-cluster'
import { admin } from '../fixtures/store'

export interface BenchServer {
  host: TeamHost
  /** The administrator (also a clinician) on the server, whose caseload the rows read. */
  clinicianId: string
  /** The schema owner's address, for more workstations (each signs in over its own pool) and for checking rows. */
  url: string
  close: () => Promise<void>
}

/**
 * The same seeded records on a team server: a throwaway PostgreSQL cluster set up with
 * `team init`, the bench's store copied onto it with `team import-store`, and the
 * administrator signed in over their own login, as a workstation in team mode would be.
 * Null (with the reason printed) where PostgreSQL is not installed.
 */
export async function buildTeamServer(core: CoreContext, store: SqliteDatabase): Promise<BenchServer | null> {
  if (!postgresBinaries()) {
    process.stderr.write('Team server rows skipped: PostgreSQL is not installed (.ci/run installs it).\n')
    return null
  }
  const cluster = startPostgresCluster()
  const database = 'harbour_bench'
  const url = await cluster.createDatabase(database)
  const owner = new pg.Client({ connectionString: url })
  await owner.connect()
  try {
    const started = performance.now()
    await initialiseTeamServer(owner, database, { ...admin, roles: ['admin'], mustChange: false }, core.clock())
    await importStoreToServer(store, owner, database, core.clock())
    // As on the standalone store, the administrator is also a clinician.
    await owner.query(
      `GRANT ${owner.escapeIdentifier(teamGroups(database).clinician)} TO ${owner.escapeIdentifier(loginName(admin.username))}`
    )
    await owner.query(`UPDATE users SET roles = '["admin","clinician"]' WHERE username = $1`, [admin.username])
    await owner.query('ANALYZE')
    process.stderr.write(`Copied the store onto a team server in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`)
  } finally {
    await owner.end()
  }
  const team = new TeamStore(core, url)
  const user = await team.signIn(admin.username, admin.passphrase)
  return {
    host: { core, team },
    clinicianId: user.id,
    url,
    close: async () => {
      await team.lock('signed-out')
      cluster.stop()
    }
  }
}
