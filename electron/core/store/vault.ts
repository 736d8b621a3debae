import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { Kysely, SqliteDialect, type Transaction } from 'kysely'
import { newPassphraseProblem } from '../../../shared/passphrase'
import type { FailedSignIns, LockReason, Role, SessionUser, StoreProblem, StoreStatus } from '../../../shared/contract/session'
import { defaultStoreSettings } from '../../../shared/contract/settings'
import type { CoreContext, Session } from '../context'
import { CoreError } from '../errors'
import { appendAudit, appendAuditSync } from './audit'
import { makePrivate } from '../fs/durable'
import { attachAuditSigner, describeSigningKey, keyRegistration, recoverySigner, type AuditSigner } from './audit-signing'
import { readAuditHead } from './audit-head'
import { commonPasswordCheck } from './common-passwords'
import { purgeStaleDrafts } from './drafts'
import { databaseCompanions, storeFiles, type StoreFiles } from './files'
import { calibrateKdf, deriveKey, minimumKdf, type KdfParams } from './kdf'
import { bulkWrites, type BulkWrites } from './bulk-writes'
import { HandoverState, type HandoverInProgress } from './handover-state'
import type { KeyedStore } from './key-access'
import type { SessionControls } from './session'
import {
  type UserKeySlots,
  createSlot,
  forgetSecrets,
  macHolds,
  KeyringError,
  newKeyring,
  newSlotSecrets,
  readKeyring,
  recoverySlot,
  slotDefect,
  SlotRefusedError,
  unlockSlot,
  userSlot,
  withMac,
  withoutUserSlots,
  writeKeyring,
  type Keyring,
  type KeySlot,
  type OpenedSlot,
  type SlotSecrets
} from './keyring'
import { latestVersion, migrate } from './migrate'
import { openEncrypted, StoreOpenError, type SqliteDatabase } from './open'
import { newRecoveryCode, normaliseRecoveryCode } from './recovery-code'
import { rotateStoreKey, settleRotation, type RotationOutcome } from './rotate-key'
import type { HarbourDatabase, UsersTable } from './schema'
import { invalidSettingKeys, readSettingSync, writeSetting } from './settings'
import { acquireStoreLock, type StoreLock } from './store-lock'
import { clearPendingAudit, counterKey, failuresSinceLastSignIn, failureSummary, readAttempts, recordFailure, recordSuccess, secondsUntilAllowed, unauditedFailures } from './unlock-attempts'

const wrongCredentials = 'The username or passphrase is not right.'
/** An absolute limit on one unlocked session (OWASP ASVS 3.3.2): sign in again after 12 hours. */
const sessionLimitMs = 12 * 60 * 60 * 1000

interface Unlocked {
  dek: Buffer
  /** The signed-in user's slot keys (version 2 slots), kept so a new passphrase keeps them. */
  secrets: SlotSecrets | null
  sqlite: SqliteDatabase
  db: Kysely<HarbourDatabase>
  session: Session
  unlockedAt: number
  lastActivityAt: number
  idleLockMinutes: number
  /** Failed sign-ins to this account between its previous sign-in and this one, told to its owner only. */
  failedSignIns: FailedSignIns | null
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

/**
 * The encrypted store and who has it open. Holds the database key only while unlocked;
 * locking closes the database and overwrites the key in memory.
 */
export class Vault implements KeyedStore, SessionControls, UserKeySlots {
  readonly files: StoreFiles
  private unlocked: Unlocked | null = null
  private lastLockReason: LockReason | null = null
  /** A problem found when opening the database, shown until a restore replaces the file. */
  private knownProblem: StoreProblem | null = null
  /** This process's hold on the store (its lock file), for a session or one piece of work. */
  private storeLock: StoreLock | null = null
  private readonly listeners = new Set<(state: 'locked' | 'unlocked', reason: LockReason | null) => void>()
  /** The tail of the queue of passphrase attempts (see oneAttemptAtATime). */
  private attempts: Promise<unknown> = Promise.resolve()
  /** Whether Harbour is handed to a person for questionnaires; ends with the session. */
  readonly handoverState = new HandoverState()
  /** A write holding the connection's transaction open across turns of the event loop (see holdConnection). */
  private longWrite: Promise<unknown> | null = null

  constructor(private readonly core: CoreContext) {
    this.files = storeFiles(core.dataFolder)
  }

  /** Called when the store locks or unlocks (the shell forwards it to the window). */
  onChange(listener: (state: 'locked' | 'unlocked', reason: LockReason | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get session(): Session | null {
    return this.unlocked?.session ?? null
  }

  /** The open database; only while unlocked. */
  get db(): Kysely<HarbourDatabase> {
    if (!this.unlocked) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
    return this.unlocked.db
  }

  get sqlite(): SqliteDatabase {
    if (!this.unlocked) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
    return this.unlocked.sqlite
  }

  private problem(): StoreProblem | null {
    if (!existsSync(this.files.keyring)) return existsSync(this.files.database) ? 'keyring-missing' : null
    try {
      readKeyring(this.files.keyring)
    } catch {
      return 'keyring-damaged'
    }
    if (!existsSync(this.files.database)) return 'missing'
    return null
  }

  status(): StoreStatus {
    if (this.unlocked) {
      return {
        state: 'unlocked',
        problem: null,
        user: this.sessionUser(),
        lockReason: null,
        idleLockMinutes: this.unlocked.idleLockMinutes,
        failedSignIns: this.unlocked.failedSignIns,
        handover: this.handover ? { firstName: this.handover.firstName, instruments: this.handover.instruments, submitted: this.handover.submitted } : null
      }
    }
    const hasAnything = existsSync(this.files.keyring) || existsSync(this.files.database)
    if (!hasAnything) {
      return { state: 'no-store', problem: null, user: null, lockReason: null, idleLockMinutes: defaultStoreSettings.idleLockMinutes, handover: null, failedSignIns: null }
    }
    const problem = this.problem() ?? this.knownProblem
    return {
      state: problem ? 'unavailable' : 'locked',
      problem,
      user: null,
      lockReason: this.lastLockReason,
      idleLockMinutes: defaultStoreSettings.idleLockMinutes,
      handover: null,
      failedSignIns: null
    }
  }

  private sessionUser(): SessionUser {
    const session = this.unlocked?.session
    if (!session) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
    return { ...session }
  }

  private kdf(): Promise<KdfParams> {
    return this.core.kdf ? Promise.resolve(this.core.kdf) : calibrateKdf()
  }

  /**
   * A newly chosen passphrase, with the shared rules (shared/passphrase.ts), then, if it was
   * typed twice, that both match: the first problem, at its field.
   */
  checkNewPassphrase(passphrase: string, confirmation: string | undefined, username: string, fields: { passphrase: string; confirmation: string } = { passphrase: 'passphrase', confirmation: 'confirmPassphrase' }): void {
    const problem = newPassphraseProblem({ passphrase, confirmation, username, isCommon: commonPasswordCheck(this.core.appRoot) })
    if (problem) throw new CoreError('invalid-input', `${problem.message}.`, [fields[problem.field]])
  }

  /** First run: creates the store, its key and the first administrator, and unlocks it. */
  async setup(input: { username: string; displayName: string; passphrase: string; confirmPassphrase?: string }): Promise<{ recoveryCode: string; user: SessionUser }> {
    if (this.status().state !== 'no-store') throw new CoreError('conflict', 'Harbour has already been set up on this computer.')
    this.checkNewPassphrase(input.passphrase, input.confirmPassphrase, input.username)
    mkdirSync(this.core.dataFolder, { recursive: true, mode: 0o700 })
    this.holdStore()
    try {
      // Another process may have set it up while this one waited for the lock.
      if (this.status().state !== 'no-store') throw new CoreError('conflict', 'Harbour has already been set up on this computer.')
      return await this.createStore(input)
    } catch (error) {
      this.releaseStore()
      throw error
    }
  }

  private async createStore(input: { username: string; displayName: string; passphrase: string }): Promise<{ recoveryCode: string; user: SessionUser }> {
    const now = this.core.clock()
    const dek = randomBytes(32)
    const userId = randomUUID()
    const recoveryCode = newRecoveryCode()
    const kdf = await this.kdf()
    const keyring = newKeyring()
    const secrets = newSlotSecrets()
    keyring.slots.push(await createSlot(keyring, dek, input.passphrase, { kind: 'user', userId, username: input.username }, kdf, now, secrets))
    keyring.slots.push(await createSlot(keyring, dek, recoveryCode, { kind: 'recovery' }, kdf, now))

    const sqlite = openEncrypted(this.files.database, dek, { create: true, ...this.driver() })
    try {
      migrate(sqlite)
      const row: UsersTable = {
        id: userId,
        username: input.username,
        display_name: input.displayName,
        roles: JSON.stringify(['admin', 'clinician']),
        status: 'active',
        must_change_passphrase: 0,
        created_at: now.toISOString(),
        updated_at: now.toISOString()
      }
      const db = new Kysely<HarbourDatabase>({ dialect: new SqliteDialect({ database: sqlite }) })
      // Entries are signed from the start; the key registrations and the marker where signing
      // is enforced come with the first sign-in (see registerOwnKey).
      attachSessionSigner(sqlite, userId, secrets)
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(row).execute()
        await writeSetting(trx, 'idleLockMinutes', defaultStoreSettings.idleLockMinutes)
        await appendAudit(trx, { actorId: userId, action: 'store.created', entityType: 'store', entityId: keyring.storeId }, now)
        await appendAudit(trx, { actorId: userId, action: 'user.created', entityType: 'user', entityId: userId, detail: 'roles' }, now)
        await appendAudit(trx, { actorId: userId, action: 'recovery-code.issued', entityType: 'store', entityId: keyring.storeId }, now)
        await appendAudit(trx, { actorId: userId, action: 'session.unlocked', entityType: 'user', entityId: userId }, now)
      })
      // The key ring is written last: until it exists the half-made store is not a store.
      writeKeyring(this.files.keyring, withMac(keyring, dek))
      this.becomeUnlocked(dek, secrets, sqlite, db, toSessionUser(row))
      return { recoveryCode, user: this.sessionUser() }
    } catch (error) {
      sqlite.close()
      dek.fill(0)
      forgetSecrets(secrets)
      throw error
    }
  }

  /** Takes the store's lock file for this process, unless it already holds it. */
  private holdStore(): void {
    if (this.storeLock) return
    this.storeLock = acquireStoreLock(this.files.lock, this.core.lockOwner ?? { kind: 'app' })
    // Files an older version left readable by others are narrowed to their owner.
    for (const path of [this.files.database, ...databaseCompanions.map((suffix) => this.files.database + suffix), this.files.keyring, this.files.unlockAttempts]) {
      if (existsSync(path)) makePrivate(path)
    }
  }

  private releaseStore(): void {
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
      if (!heldAlready && !this.unlocked) this.releaseStore()
    }
  }

  private driver(): { nativeBinding?: string } {
    return this.core.nativeBinding ? { nativeBinding: this.core.nativeBinding } : {}
  }

  private readKeyringOrExplain(): Keyring {
    try {
      return readKeyring(this.files.keyring)
    } catch (error) {
      if (error instanceof KeyringError) {
        throw new CoreError('unavailable', error.kind === 'missing'
          ? 'The key file for this store is missing. Restore it from a backup, or ask your Harbour administrator.'
          : 'The key file for this store is damaged. Restore it from a backup, or ask your Harbour administrator.')
      }
      throw error
    }
  }

  /**
   * Runs passphrase attempts one at a time. Each attempt reads the back-off, derives a key and
   * records the outcome; run side by side, forty attempts all passed the check before the first
   * failure was counted. In a queue, every attempt sees the failures before it.
   */
  private oneAttemptAtATime<T>(attempt: () => Promise<T>): Promise<T> {
    const result = this.attempts.then(attempt)
    this.attempts = result.catch(() => undefined)
    return result
  }

  /**
   * Opens the key slot for a username, with back-off after repeated failures: in the store's
   * own key ring, or in another one given (a backup's ring copy, when restoring).
   */
  unwrapFor(username: string, passphrase: string, ring?: Keyring): Promise<{ dek: Buffer; userId: string }> {
    return this.oneAttemptAtATime(async () => {
      const { opened, userId } = await this.openUserSlot(username, passphrase, ring)
      opened.previousDek?.fill(0)
      forgetSecrets(opened.secrets)
      return { dek: opened.dek, userId }
    })
  }

  private async openUserSlot(username: string, passphrase: string, ring?: Keyring): Promise<{ opened: OpenedSlot; userId: string; keyring: Keyring }> {
    const keyring = ring ?? this.readKeyringOrExplain()
    const slot = userSlot(keyring, username)
    const now = this.core.clock()
    const attempts = readAttempts(this.files.unlockAttempts)
    const wait = secondsUntilAllowed(attempts, counterKey(slot?.userId ?? null), now)
    if (wait > 0) throw tooManyAttempts(wait)
    // An unknown username costs the same key derivation as a known one, so timing tells nothing.
    const opened = slot
      ? await unlockSlotOrExplain(keyring, slot, passphrase)
      : (await deriveKey(passphrase, randomBytes(16), keyring.slots.find((s) => !slotDefect(s))?.kdf ?? minimumKdf)).fill(0) && null
    if (!opened || !slot?.userId) {
      recordFailure(this.files.unlockAttempts, slot?.userId ?? null, now)
      throw new CoreError('unauthenticated', wrongCredentials)
    }
    return { opened, userId: slot.userId, keyring }
  }

  /**
   * Opens the database with a slot's key. While a key rotation is under way (it stopped
   * part-way) the slot also holds the previous key: whichever opens the file in place is the
   * store's key, and the ring is settled on it.
   */
  private openWithSlot(opened: OpenedSlot): { sqlite: SqliteDatabase; dek: Buffer } {
    const previous = opened.previousDek
    try {
      const sqlite = this.openDatabase(opened.dek)
      settleRotation(this.files, true)
      previous?.fill(0)
      return { sqlite, dek: opened.dek }
    } catch (error) {
      if (!previous) throw error
      const sqlite = this.openDatabase(previous)
      this.knownProblem = null
      settleRotation(this.files, false)
      opened.dek.fill(0)
      return { sqlite, dek: previous }
    }
  }

  openDatabase(dek: Buffer): SqliteDatabase {
    try {
      const sqlite = openEncrypted(this.files.database, dek, { newestSchema: latestVersion(), ...this.driver() })
      try {
        migrate(sqlite)
      } catch (error) {
        sqlite.close()
        throw error
      }
      return sqlite
    } catch (error) {
      if (error instanceof StoreOpenError) {
        if (error.problem !== 'locked-by-another') this.knownProblem = error.problem
        throw new CoreError('unavailable', openProblemMessage(error.problem))
      }
      throw error
    }
  }

  unlock(username: string, passphrase: string): Promise<SessionUser> {
    return this.oneAttemptAtATime(() => this.unlockNow(username, passphrase))
  }

  /** Signs in: holds the store's lock for the whole session, so no other process can change it meanwhile. */
  private async unlockNow(username: string, passphrase: string): Promise<SessionUser> {
    if (this.unlocked) this.lock('manual')
    this.holdStore()
    try {
      return await this.openSession(username, passphrase)
    } catch (error) {
      this.releaseStore()
      throw error
    }
  }

  private async openSession(username: string, passphrase: string): Promise<SessionUser> {
    const { opened, userId } = await this.openUserSlot(username, passphrase)
    let sqlite: SqliteDatabase
    let dek: Buffer
    try {
      ;({ sqlite, dek } = this.openWithSlot(opened))
    } catch (error) {
      opened.dek.fill(0)
      opened.previousDek?.fill(0)
      forgetSecrets(opened.secrets)
      throw error
    }
    const db = new Kysely<HarbourDatabase>({ dialect: new SqliteDialect({ database: sqlite }) })
    const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
    const now = this.core.clock()
    if (!row || row.status !== 'active') {
      await db.destroy()
      dek.fill(0)
      forgetSecrets(opened.secrets)
      recordFailure(this.files.unlockAttempts, userId, now)
      throw new CoreError('unauthenticated', wrongCredentials)
    }
    const secrets = opened.secrets ?? (await this.upgradeSlot(row, passphrase, dek, now))
    attachSessionSigner(sqlite, userId, secrets)
    // One summary per user of the failures since the last sign-in: however many there were,
    // signing in writes a handful of rows, not one per guess.
    const pending = unauditedFailures(this.files.unlockAttempts)
    const ring = this.readKeyringOrExplain()
    // The recovery key is vouched for only from a ring that a holder of the store key wrote.
    const recoveryKey = macHolds(ring, dek) ? recoverySlot(ring)?.signingKey : undefined
    await db.transaction().execute(async (trx) => {
      await registerOwnKey(trx, userId, secrets, now)
      if (recoveryKey) await registerKeyOnce(trx, userId, recoverySigner, `ed25519:${recoveryKey}`, now)
      for (const failures of pending) {
        const at = new Date(failures.recent.at(-1) ?? failures.firstAt)
        await appendAudit(trx, { actorId: null, action: 'session.unlock-failed', entityType: failures.userId ? 'user' : null, entityId: failures.userId, detail: failureSummary(failures) }, at)
      }
      // A stored setting that does not fit is not used (its default is); say so, by key only.
      for (const key of invalidSettingKeys(sqlite)) await appendAudit(trx, { actorId: null, action: 'settings.invalid', entityType: 'settings', detail: key }, now)
      await purgeStaleDrafts(trx, now)
      await appendAudit(trx, { actorId: userId, action: 'session.unlocked', entityType: 'user', entityId: userId }, now)
    })
    clearPendingAudit(this.files.unlockAttempts)
    // Read before the success clears them: the owner is told, once signed in, of the failures since their last sign-in.
    const failedSignIns = failuresSinceLastSignIn(readAttempts(this.files.unlockAttempts), userId)
    recordSuccess(this.files.unlockAttempts, userId)
    this.becomeUnlocked(dek, secrets, sqlite, db, toSessionUser(row), failedSignIns)
    return this.sessionUser()
  }

  /**
   * A version 1 slot (made before slots had their own keys) becomes version 2 at its owner's
   * next unlock, the only time its passphrase is at hand. The ring gains its MAC then too.
   */
  private async upgradeSlot(row: UsersTable, passphrase: string, dek: Buffer, now: Date): Promise<SlotSecrets> {
    const secrets = newSlotSecrets()
    const keyring = this.readKeyringOrExplain()
    const rest = withoutUserSlots(keyring, row.id)
    rest.slots.push(await createSlot(rest, dek, passphrase, { kind: 'user', userId: row.id, username: row.username }, await this.kdf(), now, secrets))
    writeKeyring(this.files.keyring, withMac(rest, dek))
    return secrets
  }

  private becomeUnlocked(dek: Buffer, secrets: SlotSecrets | null, sqlite: SqliteDatabase, db: Kysely<HarbourDatabase>, user: SessionUser, failedSignIns: FailedSignIns | null = null): void {
    const now = this.core.clock().getTime()
    this.unlocked = {
      dek,
      secrets,
      sqlite,
      db,
      session: user,
      unlockedAt: now,
      lastActivityAt: now,
      idleLockMinutes: readSettingSync(sqlite, 'idleLockMinutes').value,
      failedSignIns
    }
    this.lastLockReason = null
    this.handoverState.end()
    for (const listener of this.listeners) listener('unlocked', null)
  }

  /** Closes the database and overwrites the key. Safe to call when already locked. */
  lock(reason: LockReason): void {
    const open = this.unlocked
    if (!open) return
    this.unlocked = null
    this.lastLockReason = reason
    this.handoverState.end()
    try {
      // A long write stopped between batches is abandoned (closing would roll it back too):
      // its rows must not be committed with the lock's entry, nor the entry witnessed unsaved.
      if (open.sqlite.inTransaction) open.sqlite.exec('ROLLBACK')
      // Kysely is async; the lock must be recorded before the key is dropped, so this write is direct.
      appendAuditSync(
        open.sqlite,
        { actorId: open.session.id, action: 'session.locked', entityType: 'user', entityId: open.session.id, detail: reason },
        this.core.clock()
      )
      this.witnessAuditHead(open.sqlite)
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
   * Writes the audit chain's head into the key ring, so a later `verify` can tell whether
   * entries were removed or rewritten while no session was open (see audit-head.ts).
   */
  witnessAuditHead(sqlite: SqliteDatabase): void {
    const keyring = readKeyring(this.files.keyring)
    writeKeyring(this.files.keyring, { ...keyring, auditHead: { ...readAuditHead(sqlite), at: this.core.clock().toISOString() } })
  }

  /** After a restore has put a good file in place. */
  clearKnownProblem(): void {
    this.knownProblem = null
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
    const open = this.unlocked
    if (!open) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
    return work(open.sqlite, open.dek)
  }

  /** The person completing questionnaires on their own, if Harbour is handed over. */
  get handover(): HandoverInProgress | null {
    return this.unlocked ? this.handoverState.current : null
  }

  /** Proves a passphrase opens the user's slot (with back-off); refuses with "unauthenticated". */
  async checkPassphrase(username: string, passphrase: string): Promise<void> {
    const { dek } = await this.unwrapFor(username, passphrase)
    dek.fill(0)
  }

  /** Writes of many rows at once, on the open connection (see bulk-writes.ts). */
  readonly bulk: BulkWrites = bulkWrites(() => this.sqlite)

  /** After the signed-in user's own record changes (e.g. a new passphrase). */
  refreshSessionUser(user: SessionUser): void {
    if (this.unlocked && this.unlocked.session.id === user.id) this.unlocked.session = user
  }

  /** Records user activity, postponing the idle lock. */
  touch(): void {
    if (this.unlocked) this.unlocked.lastActivityAt = this.core.clock().getTime()
  }

  /** Locks if idle for longer than the setting, or past the absolute session limit. */
  lockIfDue(): LockReason | null {
    const open = this.unlocked
    if (!open) return null
    const now = this.core.clock().getTime()
    if (now - open.unlockedAt >= sessionLimitMs) {
      this.lock('session-limit')
      return 'session-limit'
    }
    if (now - open.lastActivityAt >= open.idleLockMinutes * 60_000) {
      this.lock('idle')
      return 'idle'
    }
    return null
  }

  setIdleLockMinutes(minutes: number): void {
    if (this.unlocked) this.unlocked.idleLockMinutes = minutes
  }

  /** Runs `work` with the key ring and the in-memory key, then saves the ring atomically. */
  async updateKeyring(work: (keyring: Keyring, dek: Buffer, kdf: KdfParams) => Promise<Keyring>): Promise<void> {
    const open = this.unlocked
    if (!open) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
    const keyring = this.readKeyringOrExplain()
    const updated = await work(keyring, open.dek, await this.kdf())
    writeKeyring(this.files.keyring, withMac(updated, open.dek))
  }

  /**
   * A new slot for a user. The signed-in user's own new passphrase keeps their slot keys;
   * anyone else's slot gets new keys. Returns the slot's signing key as the audit log
   * records it, for the caller to register (see audit-signatures.ts).
   */
  async setUserSlot(userId: string, username: string, passphrase: string): Promise<string> {
    const own = this.unlocked?.session.id === userId ? this.unlocked.secrets : null
    let signingKey = ''
    await this.updateKeyring(async (keyring, dek, kdf) => {
      const rest = withoutUserSlots(keyring, userId)
      const slot = await createSlot(rest, dek, passphrase, { kind: 'user', userId, username }, kdf, this.core.clock(), own ?? undefined)
      signingKey = `ed25519:${slot.signingKey ?? ''}`
      rest.slots.push(slot)
      return rest
    })
    return signingKey
  }

  async removeUserSlots(userId: string): Promise<void> {
    await this.updateKeyring(async (keyring) => withoutUserSlots(keyring, userId))
  }

  /** A forgotten passphrase: the recovery code opens the store and sets a new passphrase. */
  recover(input: { recoveryCode: string; username: string; passphrase: string; confirmPassphrase?: string }): Promise<void> {
    return this.oneAttemptAtATime(() => this.withStoreLock(() => this.recoverNow(input)))
  }

  private async recoverNow(input: { recoveryCode: string; username: string; passphrase: string; confirmPassphrase?: string }): Promise<void> {
    const keyring = this.readKeyringOrExplain()
    const slot = recoverySlot(keyring)
    const now = this.core.clock()
    const key = counterKey('(recovery)')
    const wait = secondsUntilAllowed(readAttempts(this.files.unlockAttempts), key, now)
    if (wait > 0) throw tooManyAttempts(wait)
    const code = normaliseRecoveryCode(input.recoveryCode)
    const opened = slot ? await unlockSlotOrExplain(keyring, slot, code) : null
    if (!opened || !slot) {
      recordFailure(this.files.unlockAttempts, '(recovery)', now)
      throw new CoreError('unauthenticated', 'The recovery code or username is not right.')
    }
    const { sqlite, dek } = this.openWithSlot(opened)
    const userSecrets = newSlotSecrets()
    let recoverySecrets = opened.secrets
    try {
      const row = sqlite.prepare('SELECT * FROM users WHERE username = ? AND status = ?').get(input.username, 'active') as UsersTable | undefined
      if (!row) throw new CoreError('unauthenticated', 'The recovery code or username is not right.')
      this.checkNewPassphrase(input.passphrase, input.confirmPassphrase, row.username)
      const kdf = await this.kdf()
      // Read again: opening may have settled a rotation that had stopped part-way.
      const rest = withoutUserSlots(this.readKeyringOrExplain(), row.id)
      rest.slots.push(await createSlot(rest, dek, input.passphrase, { kind: 'user', userId: row.id, username: row.username }, kdf, now, userSecrets))
      // A recovery slot from before version 2 moves to version 2 now that its code is at hand.
      const recovery = recoverySlot(rest)
      if (recovery && !recoverySecrets?.signing) {
        forgetSecrets(recoverySecrets)
        recoverySecrets = newSlotSecrets()
        rest.slots = [...rest.slots.filter((other) => other !== recovery), await createSlot(rest, dek, code, { kind: 'recovery' }, kdf, now, recoverySecrets)]
      }
      writeKeyring(this.files.keyring, withMac(rest, dek))
      // The recovery key vouches for the user's new signing key; the user signs their own entry.
      if (recoverySecrets?.signing) {
        attachAuditSigner(sqlite, { id: recoverySigner, privateKey: recoverySecrets.signing })
        // A recovery key nobody has vouched for yet (used before anyone signed in) vouches for itself.
        const recoveryKey = describeSigningKey(recoverySecrets.signing)
        if (latestKeyOf(sqlite, recoverySigner) !== recoveryKey) appendAuditSync(sqlite, keyRegistration(null, recoverySigner, recoveryKey), now)
        appendAuditSync(sqlite, keyRegistration(null, row.id, describeSigningKey(userSecrets.signing ?? Buffer.alloc(0))), now)
      }
      attachSessionSigner(sqlite, row.id, userSecrets)
      appendAuditSync(sqlite, { actorId: row.id, action: 'user.passphrase-recovered', entityType: 'user', entityId: row.id }, now)
      recordSuccess(this.files.unlockAttempts, '(recovery)')
    } finally {
      sqlite.close()
      dek.fill(0)
      forgetSecrets(userSecrets)
      forgetSecrets(recoverySecrets)
    }
  }

  /**
   * Re-encrypts the store under a new key and reseals it to every remaining slot (see
   * rotate-key.ts). The session carries on under the new key.
   */
  async rotateKey(): Promise<RotationOutcome> {
    const open = this.unlocked
    if (!open) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
    const active = open.sqlite.prepare("SELECT id FROM users WHERE status = 'active'").all() as { id: string }[]
    const outcome = await rotateStoreKey({
      files: this.files,
      sqlite: open.sqlite,
      dek: open.dek,
      activeUserIds: new Set(active.map((row) => row.id)),
      kdf: await this.kdf(),
      now: this.core.clock(),
      driver: this.driver(),
      ...(this.core.progress ? { progress: this.core.progress } : {}),
      closeStore: () => open.sqlite.close(),
      reopenStore: (dek) => {
        open.sqlite = this.openDatabase(dek)
        attachSessionSigner(open.sqlite, open.session.id, open.secrets)
        open.db = new Kysely<HarbourDatabase>({ dialect: new SqliteDialect({ database: open.sqlite }) })
        return open.sqlite
      }
    })
    open.dek = outcome.dek
    return outcome
  }

  /** Who signs the session's audit entries (for entries written on another connection, such as a backup's own). */
  auditSigner(): AuditSigner | null {
    const open = this.unlocked
    return open?.secrets?.signing ? { id: open.session.id, privateKey: open.secrets.signing } : null
  }

  /**
   * Ends the session at once if its user has been disabled (or their slot removed) since they
   * signed in — by an administrator here, or by another process sharing the store — and keeps
   * the session's roles in step with the store.
   */
  endSessionIfRevoked(): boolean {
    const open = this.unlocked
    if (!open) return false
    const row = open.sqlite.prepare('SELECT status, roles FROM users WHERE id = ?').get(open.session.id) as { status: string; roles: string } | undefined
    if (row?.status === 'active') {
      // Roles changed since sign-in (by an administrator, here or elsewhere) apply from the next request.
      const roles = JSON.parse(row.roles) as Role[]
      if (roles.join(',') !== open.session.roles.join(',')) open.session = { ...open.session, roles }
      return false
    }
    this.lock('disabled')
    return true
  }
}

/** The back-off's refusal: the wait in words, and in seconds for the window's countdown. */
function tooManyAttempts(wait: number): CoreError {
  return new CoreError('rate-limited', `Too many attempts. Wait ${wait} second${wait === 1 ? '' : 's'}, then try again.`, undefined, { retryAfterSeconds: wait })
}

/** Opens a slot, turning a slot Harbour will not try into a message for the person signing in. */
async function unlockSlotOrExplain(keyring: Keyring, slot: KeySlot, secret: string): Promise<OpenedSlot | null> {
  try {
    return await unlockSlot(keyring, slot, secret)
  } catch (error) {
    if (error instanceof SlotRefusedError) {
      throw new CoreError(
        'unavailable',
        error.slotKind === 'recovery'
          ? 'The recovery key in the store’s key file has settings Harbour does not accept, so it was not tried. The key file may have been altered: restore it from a backup, or ask your Harbour administrator.'
          : 'Your key in the store’s key file has settings Harbour does not accept, so it was not tried. The key file may have been altered: ask your Harbour administrator to reset your passphrase.'
      )
    }
    throw error
  }
}

export function openProblemMessage(problem: string): string {
  switch (problem) {
    case 'newer-version':
      return 'This store was saved by a newer version of Harbour. Use that version; nothing has been changed.'
    case 'missing':
      return 'The store file is missing from the data folder. Restore it from a backup.'
    case 'locked-by-another':
      return 'Another copy of Harbour is using this store. Close it, then try again.'
    default:
      return 'The store file is damaged or does not match its key file. It has been kept as it is. Restore it from a backup.'
  }
}

/** The signed-in user signs every audit entry written on their connection. */
function attachSessionSigner(sqlite: SqliteDatabase, userId: string, secrets: SlotSecrets | null): void {
  attachAuditSigner(sqlite, secrets?.signing ? { id: userId, privateKey: secrets.signing } : null)
}

/**
 * At sign-in: a user whose signing key the audit log does not know yet (their first sign-in
 * since the update) registers it, signed with it; the first such entry in a store marks
 * where signing began. Both are ordinary chain entries, so the witnesses cover them.
 */
async function registerOwnKey(trx: Transaction<HarbourDatabase>, userId: string, secrets: SlotSecrets | null, now: Date): Promise<void> {
  if (!secrets?.signing) return
  await registerKeyOnce(trx, userId, userId, describeSigningKey(secrets.signing), now)
  const began = await trx.selectFrom('audit_log').select('seq').where('action', '=', 'audit.signing-began').limit(1).executeTakeFirst()
  if (!began) await appendAudit(trx, { actorId: userId, action: 'audit.signing-began', entityType: 'store' }, now)
}

/** Registers `key` for `holder` unless the log already has it as their latest. */
async function registerKeyOnce(trx: Transaction<HarbourDatabase>, actorId: string, holder: string, key: string, now: Date): Promise<void> {
  const registration = keyRegistration(actorId, holder, key)
  const known = await trx
    .selectFrom('audit_log')
    .select('entity_id')
    .where('action', '=', registration.action)
    .where('detail', '=', registration.detail)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (known?.entity_id !== key) await appendAudit(trx, registration, now)
}

function latestKeyOf(sqlite: SqliteDatabase, holder: string): string | null {
  const registration = keyRegistration(null, holder, '')
  const row = sqlite
    .prepare('SELECT entity_id FROM audit_log WHERE action = ? AND detail = ? ORDER BY seq DESC LIMIT 1')
    .get(registration.action, registration.detail) as { entity_id: string } | undefined
  return row?.entity_id ?? null
}
