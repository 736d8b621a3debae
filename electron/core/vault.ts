import type { LockReason, SessionUser, StoreStatus } from '../../shared/contract/session'
import type { CoreContext } from './context'
import { recoverAccess, type RecoveryInput } from './services/recovery'
import { setUpStore, type SetupInput } from './services/setup'
import { signIn } from './services/sign-in'
import { readAuditHead } from './store/audit-head'
import type { AuditSigner } from './store/audit-signing'
import { bulkWrites, type BulkWrites } from './store/bulk-writes'
import { StoreDatabase, type DriverOptions } from './store/database'
import { storeFiles, type StoreFiles } from './store/files'
import type { HandoverInProgress } from './store/handover-state'
import { calibrateKdf } from './store/kdf'
import type { KeyedStore } from './store/key-access'
import { KeyRingFile, type Keyring, type UserKeySlots } from './store/keyring'
import type { SqliteDatabase } from './store/open'
import { storeStatus, type StoreParts } from './store/parts'
import { rotateStoreKey, type RotationOutcome } from './store/rotate-key'
import { StoreSession } from './store/session'
import { SlotAttempts } from './store/slot-attempts'

export { openProblemMessage } from './messages'
export { toSessionUser } from './store/session'

/**
 * The encrypted store as a host (the Electron shell, the CLI, the e2e bridge, tests) holds
 * it: its parts (store/parts.ts), put together over one data folder, with the services that
 * set it up, sign in and recover. Requests do not use it: the dispatcher gives each call its
 * own context (call-context.ts), and only backups, restores, verification and key rotation
 * get the key, through KeyedStore.
 */
export class Vault implements KeyedStore, UserKeySlots {
  readonly files: StoreFiles
  readonly parts: StoreParts
  /** Writes of many rows at once, on the open connection (see bulk-writes.ts). */
  readonly bulk: BulkWrites
  /** A standalone store sets every user's passphrase in its own key ring. */
  readonly passphrasesElsewhere = null

  constructor(private readonly core: CoreContext) {
    this.files = storeFiles(core.dataFolder)
    const driver: DriverOptions = core.nativeBinding ? { nativeBinding: core.nativeBinding } : {}
    const keyRing = new KeyRingFile(this.files.keyring)
    const session = new StoreSession(this.files, keyRing, { clock: core.clock, lockOwner: core.lockOwner })
    this.parts = {
      files: this.files,
      keyRing,
      database: new StoreDatabase(this.files, driver),
      attempts: new SlotAttempts(keyRing, this.files.unlockAttempts, core.clock),
      session,
      kdf: () => (core.kdf ? Promise.resolve(core.kdf) : calibrateKdf())
    }
    this.bulk = bulkWrites(() => session.sqlite)
  }

  private get sessionPart(): StoreSession {
    return this.parts.session
  }

  /** Called when the store locks or unlocks (the shell forwards it to the window). */
  onChange(listener: (state: 'locked' | 'unlocked', reason: LockReason | null) => void): () => void {
    return this.sessionPart.onChange(listener)
  }

  /** Who is signed in, or null. */
  get session(): SessionUser | null {
    return this.sessionPart.user
  }

  /** The open database; only while unlocked. */
  get db() {
    return this.sessionPart.db
  }

  get sqlite(): SqliteDatabase {
    return this.sessionPart.sqlite
  }

  status(): StoreStatus {
    return storeStatus(this.parts)
  }

  /** First run (see services/setup.ts). */
  setup(input: SetupInput): Promise<{ recoveryCode: string; user: SessionUser }> {
    return setUpStore(this.parts, this.core, input)
  }

  /** Signs in (see services/sign-in.ts). */
  unlock(username: string, passphrase: string): Promise<SessionUser> {
    return signIn(this.parts, this.core, username, passphrase)
  }

  /** A forgotten passphrase (see services/recovery.ts). */
  recover(input: RecoveryInput): Promise<void> {
    return recoverAccess(this.parts, this.core, input)
  }

  lock(reason: LockReason): void {
    this.sessionPart.lock(reason)
  }

  withStoreLock<T>(work: () => Promise<T>): Promise<T> {
    return this.sessionPart.withStoreLock(work)
  }

  unwrapFor(username: string, passphrase: string, ring?: Keyring): Promise<{ dek: Buffer; userId: string }> {
    return this.parts.attempts.unwrapFor(username, passphrase, ring)
  }

  async checkPassphrase(username: string, passphrase: string): Promise<void> {
    const { dek } = await this.unwrapFor(username, passphrase)
    dek.fill(0)
  }

  openDatabase(dek: Buffer): SqliteDatabase {
    return this.parts.database.open(dek)
  }

  /** Writes the audit chain's head into the key ring (see audit-head.ts). */
  witnessAuditHead(sqlite: SqliteDatabase): void {
    this.parts.keyRing.witness(readAuditHead(sqlite), this.core.clock())
  }

  /** After a restore has put a good file in place. */
  clearKnownProblem(): void {
    this.parts.database.knownProblem = null
  }

  holdConnection<T>(work: () => Promise<T>): Promise<T> {
    return this.sessionPart.holdConnection(work)
  }

  connectionFree(): Promise<void> {
    return this.sessionPart.connectionFree()
  }

  withKey<T>(work: (sqlite: SqliteDatabase, dek: Buffer) => T): T {
    return this.sessionPart.withKey(work)
  }

  auditSigner(): AuditSigner | null {
    return this.sessionPart.auditSigner()
  }

  /** The person completing questionnaires on their own, if Harbour is handed over. */
  get handover(): HandoverInProgress | null {
    return this.sessionPart.isOpen ? this.sessionPart.handover.current : null
  }

  refreshSessionUser(user: SessionUser): void {
    this.sessionPart.refreshSessionUser(user)
  }

  touch(): void {
    this.sessionPart.touch()
  }

  lockIfDue(): LockReason | null {
    return this.sessionPart.lockIfDue()
  }

  /** Whether the idle or 12-hour lock is due, without locking (the shell asks the window first). */
  lockDue(): 'idle' | 'session-limit' | null {
    return this.sessionPart.lockDue()
  }

  setIdleLockMinutes(minutes: number): void {
    this.sessionPart.setIdleLockMinutes(minutes)
  }

  endSessionIfRevoked(): boolean {
    return this.sessionPart.endSessionIfRevoked()
  }

  /**
   * A new slot for a user. The signed-in user's own new passphrase keeps their slot keys;
   * anyone else's slot gets new keys. Returns the slot's signing key as the audit log
   * records it, for the caller to register (see audit-signatures.ts).
   */
  async setUserSlot(userId: string, username: string, passphrase: string): Promise<string> {
    const { dek, user, secrets } = this.sessionPart.keyHolder()
    const own = user.id === userId ? secrets : null
    return this.parts.keyRing.setUserSlot(
      dek,
      { userId, username },
      passphrase,
      await this.parts.kdf(),
      this.core.clock(),
      own ?? undefined
    )
  }

  async removeUserSlots(userId: string): Promise<void> {
    await this.parts.keyRing.removeUserSlots(this.sessionPart.keyHolder().dek, userId)
  }

  /**
   * Re-encrypts the store under a new key and reseals it to every remaining slot (see
   * rotate-key.ts). The session carries on under the new key.
   */
  async rotateKey(): Promise<RotationOutcome> {
    const session = this.sessionPart
    const { dek } = session.keyHolder()
    const active = await session.db.selectFrom('users').select('id').where('status', '=', 'active').execute()
    const outcome = await rotateStoreKey({
      files: this.files,
      sqlite: session.sqlite,
      dek,
      activeUserIds: new Set(active.map((row) => row.id)),
      kdf: await this.parts.kdf(),
      now: this.core.clock(),
      driver: this.core.nativeBinding ? { nativeBinding: this.core.nativeBinding } : {},
      ...(this.core.progress ? { progress: this.core.progress } : {}),
      closeStore: () => session.sqlite.close(),
      reopenStore: (newDek) => {
        const reopened = this.parts.database.open(newDek)
        session.replaceConnection(reopened)
        return reopened
      }
    })
    session.replaceKey(outcome.dek)
    return outcome
  }
}
