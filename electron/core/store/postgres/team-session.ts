import { CompiledQuery, Kysely, PostgresDialect, sql, type DatabaseConnection } from 'kysely'
import pg from 'pg'
import type { LockReason, Role, SessionUser, StoreStatus } from '../../../../shared/contract/session'
import { CoreError } from '../../errors'
import { lockedError } from '../../messages'
import { appendAudit } from '../audit'
import { HandoverState } from '../handover-state'
import { latestVersion } from '../migrate'
import type { HarbourDatabase } from '../schema'
import { lockDueAt, type SessionControls } from '../session'
import { readSetting } from '../settings'
import { explainConnectionFailure, teamConnectionConfig, TeamConnectionError, type TeamAddress } from './connection'
import { loginName } from './team-setup'

/** Connections one workstation keeps to the team server: a person's calls rarely overlap. */
const POOL_SIZE = 5

/** The channel the server's triggers tell of changed tables on (team-security.ts). */
const CHANGES = 'harbour_changes'

interface Open {
  pool: pg.Pool
  /** The connection that listens for other workstations' changes. */
  listener: pg.PoolClient
  db: Kysely<HarbourDatabase>
  user: SessionUser
  unlockedAt: number
  lastActivityAt: number
  idleLockMinutes: number
}

/**
 * A signed-in user's session on a team server: their own server login (so the server's
 * row-level security applies to everything they do), idle and 12-hour limits, locking, and the
 * questionnaire hand-over, as a standalone store's session has. Every connection in the pool is
 * proved encrypted before it is used, as `connectTeam` proves a single one.
 */
export class TeamSession implements SessionControls {
  private open: Open | null = null
  private lastLockReason: LockReason | null = null
  private readonly listeners = new Set<(state: 'locked' | 'unlocked', reason: LockReason | null) => void>()
  private readonly changeListeners = new Set<(table: string) => void>()
  readonly handover = new HandoverState()

  constructor(
    private readonly address: TeamAddress,
    private readonly clock: () => Date
  ) {}

  get user(): SessionUser | null {
    return this.open?.user ?? null
  }

  /** Why the last session ended, to say at sign-in. */
  get lockReason(): LockReason | null {
    return this.lastLockReason
  }

  get db(): Kysely<HarbourDatabase> {
    if (!this.open) throw lockedError()
    return this.open.db
  }

  onChange(listener: (state: 'locked' | 'unlocked', reason: LockReason | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Called with a table's name when someone (at any workstation) changes it, so the window can
   * refresh the lists and the person on screen without a restart.
   */
  onRecordsChanged(listener: (table: string) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  /**
   * Signs in as the user's own server login. The server checks the passphrase (SCRAM); Harbour
   * then refuses a server whose schema is older or newer than this version, and a login that
   * is not an active Harbour user.
   */
  async signIn(username: string, passphrase: string): Promise<SessionUser> {
    const pool = new pg.Pool({ ...teamConnectionConfig(this.address, loginName(username), passphrase), max: POOL_SIZE })
    // An idle connection the server closed (a restart, a network drop) is replaced on next use;
    // the call that meets the failure is refused in words, so the pool's own report is not needed.
    pool.on('error', () => undefined)
    const db = new Kysely<HarbourDatabase>({
      dialect: new PostgresDialect({ pool, onCreateConnection: (connection) => this.proveEncrypted(connection) })
    })
    try {
      const version = await sql<{ version: number }>`SELECT version FROM harbour_schema`.execute(db)
      const found = Number(version.rows[0]?.version ?? 0)
      if (found !== latestVersion()) {
        throw new CoreError(
          'unavailable',
          found > latestVersion()
            ? 'The team server has been updated for a newer version of Harbour. Install the newer version to carry on.'
            : 'The team server needs updating for this version of Harbour. Ask the force\u2019s IT team to run "team migrate".'
        )
      }
      const row = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'roles', 'status', 'must_change_passphrase'])
        .where(sql<boolean>`id = harbour_user_id()`)
        .executeTakeFirst()
      if (!row) throw new CoreError('unauthenticated', 'That username is not an active Harbour user on the team server.')
      const user: SessionUser = {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        roles: JSON.parse(row.roles) as Role[],
        mustChangePassphrase: row.must_change_passphrase === 1
      }
      const idleLockMinutes = (await readSetting(db, 'idleLockMinutes')).value
      await appendAudit(db, { actorId: user.id, action: 'session.unlocked', entityType: 'user', entityId: user.id }, this.clock())
      if (this.open) await this.lock('signed-out')
      const listener = await this.listen(pool)
      const now = this.clock().getTime()
      this.open = { pool, listener, db, user, unlockedAt: now, lastActivityAt: now, idleLockMinutes }
      this.lastLockReason = null
      this.handover.end()
      for (const listener of this.listeners) listener('unlocked', null)
      return user
    } catch (error) {
      await db.destroy().catch(() => undefined)
      if (error instanceof CoreError) throw error
      const explained = explainConnectionFailure(error)
      throw new CoreError(explained.message.includes('username and passphrase') ? 'unauthenticated' : 'unavailable', explained.message)
    }
  }

  /** One pooled connection kept for LISTEN; its notices name a changed table. */
  private async listen(pool: pg.Pool): Promise<pg.PoolClient> {
    const client = await pool.connect()
    if (!this.address.socket) await this.proveClientEncrypted(client)
    client.on('notification', (message) => {
      if (message.channel !== CHANGES || !message.payload) return
      for (const listener of this.changeListeners) listener(message.payload)
    })
    await client.query(`LISTEN ${CHANGES}`)
    return client
  }

  private async proveClientEncrypted(client: pg.PoolClient): Promise<void> {
    const state = await client.query<{ ssl: string; encrypted: boolean | null }>(encryptionQuery)
    assertEncrypted(state.rows[0])
  }

  /** Over TCP the server must report TLS on for this very connection, or it is not used. */
  private async proveEncrypted(connection: DatabaseConnection): Promise<void> {
    if (this.address.socket) return
    const state = await connection.executeQuery<{ ssl: string; encrypted: boolean | null }>(CompiledQuery.raw(encryptionQuery))
    assertEncrypted(state.rows[0])
  }

  status(): StoreStatus {
    const open = this.open
    if (!open) throw lockedError()
    const handover = this.handover.current
    return {
      teamServer: { host: this.address.host, port: this.address.port, database: this.address.database },
      state: 'unlocked',
      problem: null,
      user: { ...open.user },
      lockReason: null,
      idleLockMinutes: open.idleLockMinutes,
      failedSignIns: null,
      handover: handover ? { firstName: handover.firstName, instruments: handover.instruments, submitted: handover.submitted } : null
    }
  }

  /** Records the lock in the audit log, then closes every connection. Safe when already locked. */
  async lock(reason: LockReason): Promise<void> {
    const open = this.open
    if (!open) return
    this.open = null
    this.lastLockReason = reason
    this.handover.end()
    try {
      await appendAudit(
        open.db,
        { actorId: open.user.id, action: 'session.locked', entityType: 'user', entityId: open.user.id, detail: reason },
        this.clock()
      )
    } catch {
      // A server that cannot be reached cannot record the lock; the connections close all the same.
    } finally {
      open.listener.release()
      await open.db.destroy().catch(() => undefined)
    }
    for (const listener of this.listeners) listener('locked', reason)
  }

  /** A team server takes many writers at once: a long write holds only its own connection. */
  async holdConnection<T>(work: () => Promise<T>): Promise<T> {
    return work()
  }

  refreshSessionUser(user: SessionUser): void {
    if (this.open && this.open.user.id === user.id) this.open.user = user
  }

  setIdleLockMinutes(minutes: number): void {
    if (this.open) this.open.idleLockMinutes = minutes
  }

  touch(): void {
    if (this.open) this.open.lastActivityAt = this.clock().getTime()
  }

  lockDue(): 'idle' | 'session-limit' | null {
    const open = this.open
    if (!open) return null
    return lockDueAt(open, this.clock().getTime())
  }

  async lockIfDue(): Promise<LockReason | null> {
    const due = this.lockDue()
    if (due) await this.lock(due)
    return due
  }

  /**
   * Ends the session at once if an administrator has disabled its user since they signed in,
   * and keeps the session's roles in step with the server.
   */
  async endSessionIfRevoked(): Promise<boolean> {
    const open = this.open
    if (!open) return false
    const row = await open.db.selectFrom('users').select(['status', 'roles']).where('id', '=', open.user.id).executeTakeFirst()
    if (row?.status === 'active') {
      const roles = JSON.parse(row.roles) as Role[]
      if (roles.join(',') !== open.user.roles.join(',')) open.user = { ...open.user, roles }
      return false
    }
    await this.lock('disabled')
    return true
  }
}

const encryptionQuery = "SELECT current_setting('ssl') AS ssl, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS encrypted"

function assertEncrypted(row: { ssl: string; encrypted: boolean | null } | undefined): void {
  if (row?.ssl !== 'on' || row.encrypted !== true) {
    throw new TeamConnectionError('The team server reports that this connection is not encrypted. Harbour will not send records over it.')
  }
}
