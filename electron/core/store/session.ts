import { existsSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { FailedSignIns, LockReason, Role, SessionUser, StoreStatus } from '../../../shared/contract/session'
import { makePrivate } from '../fs/durable'
import { lockedError } from '../messages'
import { appendAuditSync } from './audit'
import { readAuditHead } from './audit-head'
import { attachAuditSigner, type AuditSigner } from './audit-signing'
import { queryBuilder } from './database'
import { databaseCompanions, type StoreFiles } from './files'
import { HandoverState } from './handover-state'
import { forgetSecrets, type KeyRingFile, type SlotSecrets } from './keyring'
import type { SqliteDatabase } from './open'
import type { HarbourDatabase, UsersTable } from './schema'
import { readSettingSync } from './settings'
import { acquireStoreLock, type LockOwner, type StoreLock } from './store-lock'

/** An absolute limit on one unlocked session (OWASP ASVS 3.3.2): sign in again after 12 hours. */
const sessionLimitMs = 12 * 60 * 60 * 1000

/** Why a session should lock at `now` (past the absolute limit, or idle longer than its setting), or null: one rule for both kinds of store. */
export function lockDueAt(
  open: { unlockedAt: number; lastActivityAt: number; idleLockMinutes: number },
  now: number
): 'idle' | 'session-limit' | null {
  if (now - open.unlockedAt >= sessionLimitMs) return 'session-limit'
  if (now - open.lastActivityAt >= open.idleLockMinutes * 60_000) return 'idle'
  return null
}

/** What a service may do with the signed-in session besides reading who it is. */
export interface SessionControls {
  status(): StoreStatus
  /** The idle lock's new length, once the setting changes. */
  setIdleLockMinutes(minutes: number): void
  /** After the signed-in user's own record changes (e.g. a new passphrase). */
  refreshSessionUser(user: SessionUser): void
  /** Runs a long write that keeps the connection's transaction open across turns of the event loop. */
  holdConnection<T>(work: () => Promise<T>): Promise<T>
  /** Called when the store locks or unlocks. */
  onChange(listener: (state: 'locked' | 'unlocked', reason: LockReason | null) => void): () => void
}

export function toSessionUser(row: UsersTable): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    mustChangePassphrase: row.must_change_passphrase === 1
  }
}

/** A session just opened: the key, the signed-in user's slot keys and the connection. */
export interface SessionStart {
  dek: Buffer
  /** The signed-in user's slot keys (version 2 slots), kept so a new passphrase keeps them. */
  secrets: SlotSecrets | null
  sqlite: SqliteDatabase
  /** The query builder over `sqlite` (see queryBuilder). */
  db: Kysely<HarbourDatabase>
  user: SessionUser
  /** Failed sign-ins to this account between its previous sign-in and this one, told to its owner only. */
  failedSignIns?: FailedSignIns | null
}

interface Open extends Required<SessionStart> {
  unlockedAt: number
  lastActivityAt: number
  idleLockMinutes: number
}

/**
 * Who has the store open, and for how long: the signed-in user and their roles, idle timing,
 * locking (which closes the database and overwrites the key in memory), the questionnaire
 * hand-over, the store's lock file and the hold of a long write on the connection.
 */
export class StoreSession implements SessionControls {
  private open: Open | null = null
  private lastLockReason: LockReason | null = null
  /** This process's hold on the store (its lock file), for a session or one piece of work. */
  private storeLock: StoreLock | null = null
  private readonly listeners = new Set<(state: 'locked' | 'unlocked', reason: LockReason | null) => void>()
  /** A write holding the connection's transaction open across turns of the event loop (see holdConnection). */
  private longWrite: Promise<unknown> | null = null
  /** Whether Harbour is handed to a person for questionnaires; ends with the session. */
  readonly handover = new HandoverState()

  constructor(
    private readonly files: StoreFiles,
    private readonly keyRing: KeyRingFile,
    private readonly host: { clock: () => Date; lockOwner?: LockOwner | undefined }
  ) {}

  onChange(listener: (state: 'locked' | 'unlocked', reason: LockReason | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get isOpen(): boolean {
    return this.open !== null
  }

  /** The signed-in user, or null. */
  get user(): SessionUser | null {
    return this.open?.user ?? null
  }

  get lockReason(): LockReason | null {
    return this.lastLockReason
  }

  /** The open database; only while unlocked. */
  get db(): Kysely<HarbourDatabase> {
    return this.require().db
  }

  get sqlite(): SqliteDatabase {
    return this.require().sqlite
  }

  private require(): Open {
    if (!this.open) throw lockedError()
    return this.open
  }

  /** The store key and the signed-in user's slot keys, for the key ring's changes. */
  keyHolder(): { dek: Buffer; user: SessionUser; secrets: SlotSecrets | null } {
    const open = this.require()
    return { dek: open.dek, user: open.user, secrets: open.secrets }
  }

  /** The status of the open session (null if locked). */
  openStatus(): StoreStatus | null {
    const open = this.open
    if (!open) return null
    const handover = this.handover.current
    return {
      teamServer: null,
      state: 'unlocked',
      problem: null,
      user: { ...open.user },
      lockReason: null,
      idleLockMinutes: open.idleLockMinutes,
      failedSignIns: open.failedSignIns,
      handover: handover ? { firstName: handover.firstName, instruments: handover.instruments, submitted: handover.submitted } : null
    }
  }

  /** The open session's status; refused as locked once it has locked (the whole store's is storeStatus in parts.ts). */
  status(): StoreStatus {
    const status = this.openStatus()
    if (!status) throw lockedError()
    return status
  }

  /** Takes the store's lock file for this process, unless it already holds it. */
  holdStore(): void {
    if (this.storeLock) return
    this.storeLock = acquireStoreLock(this.files.lock, this.host.lockOwner ?? { kind: 'app' })
    // Files an older version left readable by others are narrowed to their owner.
    for (const path of [
      this.files.database,
      ...databaseCompanions.map((suffix) => this.files.database + suffix),
      this.files.keyring,
      this.files.unlockAttempts
    ]) {
      if (existsSync(path)) makePrivate(path)
    }
  }

  releaseStore(): void {
    this.storeLock?.release()
    this.storeLock = null
  }

  /**
   * Runs work that writes or replaces store files while holding the store's lock: taken for
   * the work and released after it, unless a session already holds it.
   */
  async withStoreLock<T>(work: () => Promise<T>): Promise<T> {
    const heldAlready = this.storeLock !== null
    this.holdStore()
    try {
      return await work()
    } finally {
      if (!heldAlready && !this.open) this.releaseStore()
    }
  }

  /** The session begins: every audit entry on the connection is signed by its user. */
  begin(start: SessionStart): void {
    const now = this.host.clock().getTime()
    attachSessionSigner(start.sqlite, start.user.id, start.secrets)
    this.open = {
      ...start,
      failedSignIns: start.failedSignIns ?? null,
      unlockedAt: now,
      lastActivityAt: now,
      idleLockMinutes: readSettingSync(start.sqlite, 'idleLockMinutes').value
    }
    this.lastLockReason = null
    this.handover.end()
    for (const listener of this.listeners) listener('unlocked', null)
  }

  /** Closes the database and overwrites the key. Safe to call when already locked. */
  lock(reason: LockReason): void {
    const open = this.open
    if (!open) return
    this.open = null
    this.lastLockReason = reason
    this.handover.end()
    try {
      // A long write stopped between batches is abandoned (closing would roll it back too):
      // its rows must not be committed with the lock's entry, nor the entry witnessed unsaved.
      if (open.sqlite.inTransaction) open.sqlite.exec('ROLLBACK')
      // Kysely is async; the lock must be recorded before the key is dropped, so this write is direct.
      appendAuditSync(
        open.sqlite,
        { actorId: open.user.id, action: 'session.locked', entityType: 'user', entityId: open.user.id, detail: reason },
        this.host.clock()
      )
      this.keyRing.witness(readAuditHead(open.sqlite), this.host.clock())
    } catch {
      // A damaged store cannot record its own lock; the key is dropped all the same.
    } finally {
      open.sqlite.close()
      open.dek.fill(0)
      this.releaseStore()
      forgetSecrets(open.secrets)
    }
    for (const listener of this.listeners) listener('locked', reason)
  }

  /**
   * Runs a long write that keeps one transaction open while it yields between batches, so
   * the window stays responsive and sees its progress. Everything else waits in
   * `connectionFree` until it ends, so nothing runs inside its transaction (the dispatcher
   * waits there before every call but a lock, which abandons the write).
   */
  async holdConnection<T>(work: () => Promise<T>): Promise<T> {
    await this.connectionFree()
    // No await between the check above and taking the hold: a second writer waits its turn.
    const running = work()
    this.longWrite = running
    try {
      return await running
    } finally {
      if (this.longWrite === running) this.longWrite = null
    }
  }

  /** Resolves once no long write holds the connection. */
  async connectionFree(): Promise<void> {
    while (this.longWrite) await this.longWrite.catch(() => undefined)
  }

  /** Runs synchronous work that needs the raw connection and key (backups). */
  withKey<T>(work: (sqlite: SqliteDatabase, dek: Buffer) => T): T {
    const open = this.require()
    return work(open.sqlite, open.dek)
  }

  /** Who signs the session's audit entries (for entries written on another connection, such as a backup's own). */
  auditSigner(): AuditSigner | null {
    const open = this.open
    return open?.secrets?.signing ? { id: open.user.id, privateKey: open.secrets.signing } : null
  }

  /** After a key rotation: the session carries on over the file reopened under the new key. */
  replaceConnection(sqlite: SqliteDatabase): void {
    const open = this.require()
    attachSessionSigner(sqlite, open.user.id, open.secrets)
    open.sqlite = sqlite
    open.db = queryBuilder(sqlite)
  }

  /** The new store key, once a rotation has finished. */
  replaceKey(dek: Buffer): void {
    this.require().dek = dek
  }

  refreshSessionUser(user: SessionUser): void {
    if (this.open && this.open.user.id === user.id) this.open.user = user
  }

  /** Records user activity, postponing the idle lock. */
  touch(): void {
    if (this.open) this.open.lastActivityAt = this.host.clock().getTime()
  }

  /** Why the session should lock now (idle for longer than the setting, or past the absolute limit), or null. */
  lockDue(): 'idle' | 'session-limit' | null {
    const open = this.open
    if (!open) return null
    return lockDueAt(open, this.host.clock().getTime())
  }

  /** Locks if idle for longer than the setting, or past the absolute session limit. */
  lockIfDue(): LockReason | null {
    const due = this.lockDue()
    if (due) this.lock(due)
    return due
  }

  setIdleLockMinutes(minutes: number): void {
    if (this.open) this.open.idleLockMinutes = minutes
  }

  /**
   * Ends the session at once if its user has been disabled (or their slot removed) since they
   * signed in — by an administrator here, or by another process sharing the store — and keeps
   * the session's roles in step with the store.
   */
  endSessionIfRevoked(): boolean {
    const open = this.open
    if (!open) return false
    const row = open.sqlite.prepare('SELECT status, roles FROM users WHERE id = ?').get(open.user.id) as
      { status: string; roles: string } | undefined
    if (row?.status === 'active') {
      // Roles changed since sign-in (by an administrator, here or elsewhere) apply from the next request.
      const roles = JSON.parse(row.roles) as Role[]
      if (roles.join(',') !== open.user.roles.join(',')) open.user = { ...open.user, roles }
      return false
    }
    this.lock('disabled')
    return true
  }
}

/** The signed-in user signs every audit entry written on their connection. */
export function attachSessionSigner(sqlite: SqliteDatabase, userId: string, secrets: SlotSecrets | null): void {
  attachAuditSigner(sqlite, secrets?.signing ? { id: userId, privateKey: secrets.signing } : null)
}
