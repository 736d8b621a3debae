import type { SessionUser } from '../../shared/contract/session'
import type { CallContext, CoreContext, KeyedCallContext } from './context'
import { appendAudit } from './store/audit'
import { postgresDialect, sqliteDialect } from './store/dialect'
import type { TeamStore } from './team-store'
import type { Vault } from './vault'

/**
 * One request's context, for `user`: built by the dispatcher for every call (and by the CLI
 * for each command). The database is looked up at each use, so a call that outlives the
 * session (the store locked meanwhile) is refused as locked rather than run on a closed file.
 */
export function callContext(core: CoreContext, vault: Vault, user: SessionUser): CallContext {
  return {
    core,
    get db() {
      return vault.parts.session.db
    },
    // The vault is a standalone store, an encrypted SQLite file.
    dialect: sqliteDialect,
    user,
    clock: core.clock,
    audit: (event) => appendAudit(vault.parts.session.db, event, core.clock()),
    session: vault.parts.session,
    handover: vault.parts.session.handover,
    keyRing: vault,
    bulk: vault.bulk
  }
}

/** The same, with the store key in reach, for backups and key rotation. */
export function keyedCallContext(core: CoreContext, vault: Vault, user: SessionUser): KeyedCallContext {
  // Assigned rather than spread: spreading would read `db` now, outside the call.
  return Object.assign(callContext(core, vault, user), { keys: vault })
}

/**
 * One request's context on a team server: the same services over the user's own server login,
 * with PostgreSQL's dialect. Looked up at each use, as above, so a call that outlives the
 * session is refused as locked.
 */
export function teamCallContext(core: CoreContext, team: TeamStore, user: SessionUser): CallContext {
  return {
    core,
    get db() {
      return team.session.db
    },
    dialect: postgresDialect,
    user,
    clock: core.clock,
    audit: (event) => appendAudit(team.session.db, event, core.clock()),
    session: team.session,
    handover: team.session.handover,
    keyRing: team,
    bulk: team.bulk
  }
}
