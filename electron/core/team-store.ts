import { sql } from 'kysely'
import { defaultStoreSettings } from '../../shared/contract/settings'
import type { LockReason, SessionUser, StoreStatus, TeamServerSummary } from '../../shared/contract/session'
import type { CoreContext } from './context'
import { CoreError } from './errors'
import { wrongCredentials } from './messages'
import type { BulkWrites } from './store/bulk-writes'
import type { HandoverInProgress } from './store/handover-state'
import type { UserKeySlots } from './store/keyring'
import { connectTeam, parseTeamAddress, type TeamAddress } from './store/postgres/connection'
import { scramVerifier } from './store/postgres/scram'
import { loginName } from './store/postgres/team-setup'
import { TeamSession } from './store/postgres/team-session'

/** Said wherever a standalone store would change its own key ring: on a server, logins are the IT team's. */
export const teamUsersMessage =
  'On a team server, the force\u2019s IT team adds users, sets first passphrases and enables users again with the "team add-user", "team reset-passphrase" and "team enable-user" commands.'

/** Said where a standalone store writes many rows through its own prepared statements. */
export const teamBulkMessage =
  'Importing many records at once is not available on a team server yet. Import on the standalone store, then move it with "team import-store".'

/**
 * A team server as a host (the Electron shell, tests) holds it: its address and the signed-in
 * user's session over their own server login. Requests get their own context from the
 * dispatcher (call-context.ts), as over a standalone store's Vault; the server's row-level
 * security applies to every one of them, whatever the app itself checks.
 */
export class TeamStore implements UserKeySlots {
  readonly address: TeamAddress
  readonly session: TeamSession
  /** Imports of many rows go through the standalone store on a team server (see teamBulkMessage). */
  readonly bulk: BulkWrites = {
    writePeople: () => Promise.reject(new CoreError('unavailable', teamBulkMessage)),
    seedBatch: () => {
      throw new CoreError('unavailable', teamBulkMessage)
    }
  }

  constructor(core: CoreContext, url: string) {
    this.address = parseTeamAddress(url)
    this.session = new TeamSession(this.address, core.clock)
  }

  /** Who is signed in, or null. */
  get user(): SessionUser | null {
    return this.session.user
  }

  /** The person completing questionnaires on their own, if Harbour is handed over. */
  get handover(): HandoverInProgress | null {
    return this.session.user ? this.session.handover.current : null
  }

  /** Which server this is, in words a clinician can check against what the IT team told them. */
  get summary(): TeamServerSummary {
    return { host: this.address.host, port: this.address.port, database: this.address.database }
  }

  /** As a standalone store's status: signed in, or locked (with why), and which server. */
  status(): StoreStatus {
    const teamServer = this.summary
    if (this.session.user) return { ...this.session.status(), teamServer }
    return {
      teamServer,
      state: 'locked',
      handover: null,
      problem: null,
      user: null,
      lockReason: this.session.lockReason,
      // The server's own setting is read at sign-in; until then the default is shown.
      idleLockMinutes: defaultStoreSettings.idleLockMinutes,
      failedSignIns: null
    }
  }

  signIn(username: string, passphrase: string): Promise<SessionUser> {
    return this.session.signIn(username, passphrase)
  }

  lock(reason: LockReason): Promise<void> {
    return this.session.lock(reason)
  }

  /** Proves a passphrase by signing in to the server as that login on a connection of its own. */
  async checkPassphrase(username: string, passphrase: string): Promise<void> {
    try {
      const client = await connectTeam(this.address, loginName(username), passphrase)
      await client.end().catch(() => undefined)
    } catch {
      throw new CoreError('unauthenticated', wrongCredentials)
    }
  }

  /** A standalone store sets anyone's passphrase; a team server only its user's own. */
  readonly passphrasesElsewhere = teamUsersMessage

  /**
   * The signed-in user's own new passphrase becomes their login's (the server is given only a
   * SCRAM verifier). Logins carry no signing keys: the server's audit chain is the server's.
   */
  async setUserSlot(userId: string, _username: string, passphrase: string): Promise<string> {
    if (userId !== this.session.user?.id) throw new CoreError('unavailable', teamUsersMessage)
    await sql`SELECT harbour_set_own_passphrase(${scramVerifier(passphrase)})`.execute(this.session.db)
    return ''
  }

  /** A disabled user's login is closed, so no client of theirs can connect. */
  async removeUserSlots(userId: string): Promise<void> {
    await sql`SELECT harbour_disable_login(${userId})`.execute(this.session.db)
  }
}
