import { existsSync, mkdirSync, rmSync } from 'node:fs'
import type { BackupResult } from '../../../shared/contract/backup'
import type { CoreContext, KeyedCallContext } from '../context'
import { CoreError } from '../errors'
import { discardStaged, stageFile, type StagedFile } from '../fs/atomic-write'
import { appendAuditSync, type AuditEvent } from '../store/audit'
import { readAuditHead, type AuditHead } from '../store/audit-head'
import { BackupError, verifyBackupFile, writeBackup } from '../store/backup'
import { backupDestinationProblem } from '../store/backup-destination'
import { KeyringError, keyringText, readKeyring, writeKeyring, type Keyring } from '../store/keyring'
import { openEncrypted, StoreOpenError, type SqliteDatabase } from '../store/open'
import { isActiveAdministrator, readCopy, requireHarbourStore, stageIncomingStore, swapInRestoredStore } from '../store/restore'
import type { KeyedStore } from '../store/key-access'

/** A backup travels with a copy of the key ring (wrapped keys only), so it can be restored anywhere. */
export function keyringBesideBackup(file: string): string {
  return `${file}.keyring.json`
}

function suggestedName(now: Date): string {
  return `harbour-backup-${now.toISOString().slice(0, 10)}.hbk`
}

function driver(core: CoreContext) {
  return core.nativeBinding ? { nativeBinding: core.nativeBinding } : {}
}

/** The head of a backup just written, read from the file itself. */
function backupHead(file: string, vault: KeyedStore, core: CoreContext): AuditHead {
  return vault.withKey((_sqlite, dek) => {
    const copy = openEncrypted(file, dek, { readonly: true, ...driver(core) })
    try {
      return readAuditHead(copy)
    } finally {
      copy.close()
    }
  })
}

/** The store's key ring, as it will be copied beside a backup: only a valid ring is ever copied. */
function ringToCopy(vault: KeyedStore): Keyring {
  try {
    return readKeyring(vault.files.keyring)
  } catch (error) {
    if (error instanceof KeyringError) {
      throw new CoreError(
        'unavailable',
        'The store’s key file is missing or damaged, so no backup was made: it could not be restored without one.'
      )
    }
    throw error
  }
}

/** A failed backup is recorded as such, without detail; the store records `backup.created` only for one in place. */
function recordFailure(vault: KeyedStore, actorId: string, now: Date, detail: string | null): void {
  try {
    vault.withKey((sqlite) => appendAuditSync(sqlite, { actorId, action: 'backup.failed', entityType: 'store', detail }, now))
  } catch {
    // Locked or damaged: there is nowhere to record it.
  }
}

/**
 * Backs the open store up to `destination`, verified, with a valid copy of the key ring beside
 * it. The backup holds its own `backup.created` entry; the store records the same entry once
 * both files are in place, and `backup.failed` otherwise.
 */
export interface BackupToOptions {
  /** `backup.automatic` for a backup made when Harbour closes (backup-automatic.ts). */
  action?: 'backup.created' | 'backup.automatic'
  /** Counts only, never a path. */
  detail?: string
  /** The one folder inside the data folder a backup may go in: automatic backups' usual folder. */
  backupsFolder?: string
  /** A further check of the backup once in place, before the store records it; throwing fails the backup. */
  check?: (file: string, dek: Buffer) => void
}

export function backupTo(
  vault: KeyedStore,
  core: CoreContext,
  destination: string,
  actorId: string,
  options: BackupToOptions = {}
): BackupResult {
  const now = core.clock()
  const event: AuditEvent = {
    actorId,
    action: options.action ?? 'backup.created',
    entityType: 'store',
    ...(options.detail ? { detail: options.detail } : {})
  }
  const ringCopy = keyringBesideBackup(destination)
  try {
    const problem = backupDestinationProblem(destination, ringCopy, core.dataFolder, vault.files, options.backupsFolder)
    if (problem) throw new BackupError(problem)
    const ring = ringToCopy(vault)
    const check = vault.withKey((sqlite, dek) => {
      const written = writeBackup(sqlite, vault.files.database, destination, dek, driver(core), {
        record: { event, at: now, signer: vault.auditSigner() },
        companion: { path: ringCopy, contents: keyringText(ring) }
      })
      options.check?.(destination, dek)
      appendAuditSync(sqlite, event, now)
      return written
    })
    // The ring copy also witnesses the backup's own audit head, for `verify --against` later.
    const head = backupHead(destination, vault, core)
    writeKeyring(ringCopy, { ...ring, auditHead: { ...head, at: now.toISOString() } })
    return { file: destination, bytes: check.bytes, tables: check.tables, rows: check.rows, createdAt: now.toISOString(), auditHead: head }
  } catch (error) {
    // An automatic backup's failure says so; a manual one's has no detail.
    recordFailure(vault, actorId, now, options.action === 'backup.automatic' ? 'automatic' : null)
    if (error instanceof BackupError) throw new CoreError('invalid-input', error.message)
    throw error
  }
}

export async function createBackup(call: KeyedCallContext): Promise<BackupResult | null> {
  const { core, keys, user } = call
  if (!core.dialogs) throw new CoreError('unavailable', 'Backups need a file dialog, which is not available here.')
  const destination = await core.dialogs.chooseBackupDestination(suggestedName(core.clock()))
  if (!destination) return null
  return backupTo(keys, core, destination, user.id)
}

function readableRing(path: string): Keyring | null {
  try {
    return readKeyring(path)
  } catch {
    return null
  }
}

/**
 * The key ring a restore proves the person against and puts in place: the copy beside the
 * backup (it opens the backup's key), or the store's own ring for a backup without one.
 */
function ringForRestore(vault: KeyedStore, file: string): { ring: Keyring; fromBackup: boolean } {
  const live = readableRing(vault.files.keyring)
  const besideBackup = keyringBesideBackup(file)
  if (existsSync(besideBackup)) {
    const ring = readableRing(besideBackup)
    if (!ring) throw new BackupError('The key file beside the backup is damaged, so the backup cannot be opened.')
    if (live && live.storeId !== ring.storeId) {
      throw new BackupError('This backup belongs to a different Harbour store, so it has not been restored over this one.')
    }
    return { ring, fromBackup: true }
  }
  if (!live)
    throw new CoreError(
      'unavailable',
      'The store’s key file is missing or damaged and the backup has none beside it, so it cannot be opened.'
    )
  return { ring: live, fromBackup: false }
}

function tryOpen(path: string, dek: Buffer, core: CoreContext): SqliteDatabase | null {
  try {
    return openEncrypted(path, dek, driver(core))
  } catch (error) {
    if (error instanceof StoreOpenError) return null
    throw error
  }
}

const onlyAdministrators = 'Only an administrator can restore a backup.'

/**
 * A store that still opens is rolled back only by someone who is an administrator in it now,
 * not only in the backup. The backup's key opens it unless the key has since changed; then
 * the same passphrase must open the store's own ring. A store that does not open (damaged)
 * has nothing to prove against, and the backup's administrators decide.
 */
async function requireAdministratorOfStore(
  vault: KeyedStore,
  core: CoreContext,
  credentials: { username: string; passphrase: string },
  userId: string,
  backupKey: Buffer
): Promise<void> {
  if (vault.status().state !== 'locked') return
  let store = tryOpen(vault.files.database, backupKey, core)
  if (!store) {
    const { dek } = await vault.unwrapFor(credentials.username, credentials.passphrase)
    store = tryOpen(vault.files.database, dek, core)
    dek.fill(0)
    if (!store) return
  }
  try {
    if (!isActiveAdministrator(store, userId)) throw new CoreError('forbidden', onlyAdministrators)
  } finally {
    store.close()
  }
}

/**
 * Replaces the store (database and key ring together) with a backup. Nothing in the data
 * folder changes until the backup has been proved: it opens with the key from its own ring
 * copy (unwrapped with this administrator's passphrase from when it was made), passes its
 * checks and is a Harbour store in which this person is an administrator. Works when the store
 * itself cannot be opened; the originals are kept aside.
 */
export async function restoreFrom(
  vault: KeyedStore,
  core: CoreContext,
  file: string,
  credentials: { username: string; passphrase: string }
): Promise<BackupResult> {
  vault.lock('manual')
  mkdirSync(core.dataFolder, { recursive: true, mode: 0o700 })
  return vault.withStoreLock(async () => {
    const { ring, fromBackup } = (() => {
      try {
        return ringForRestore(vault, file)
      } catch (error) {
        if (error instanceof BackupError) throw new CoreError('invalid-input', error.message)
        throw error
      }
    })()
    const { dek, userId } = await vault.unwrapFor(credentials.username, credentials.passphrase, ring)
    let incoming: string | null = null
    let stagedRing: StagedFile | null = null
    try {
      const now = core.clock()
      incoming = stageIncomingStore(file, vault.files)
      const check = verifyBackupFile(incoming, dek, null, driver(core))
      const administrator = readCopy(incoming, dek, driver(core), (db) => {
        requireHarbourStore(db)
        return isActiveAdministrator(db, userId)
      })
      if (!administrator) throw new CoreError('forbidden', onlyAdministrators)
      await requireAdministratorOfStore(vault, core, credentials, userId, dek)
      if (fromBackup) stagedRing = stageFile(vault.files.keyring, keyringText(ring))
      swapInRestoredStore(vault.files, incoming, stagedRing, now)
      incoming = null
      stagedRing = null
      vault.clearKnownProblem()
      const sqlite = vault.openDatabase(dek)
      let head: AuditHead
      try {
        appendAuditSync(sqlite, { actorId: userId, action: 'backup.restored', entityType: 'store' }, now)
        // A restore rewinds history on purpose: the ring's witness moves to the restored chain.
        vault.witnessAuditHead(sqlite)
        head = readAuditHead(sqlite)
      } finally {
        sqlite.close()
      }
      return { file, bytes: check.bytes, tables: check.tables, rows: check.rows, createdAt: now.toISOString(), auditHead: head }
    } catch (error) {
      if (error instanceof BackupError) throw new CoreError('invalid-input', error.message)
      throw error
    } finally {
      if (incoming) rmSync(incoming, { force: true })
      if (stagedRing) discardStaged(stagedRing)
      dek.fill(0)
    }
  })
}

export async function restoreBackup(
  call: { core: CoreContext; vault: KeyedStore },
  credentials: { username: string; passphrase: string }
): Promise<BackupResult | null> {
  const { core, vault } = call
  if (!core.dialogs) throw new CoreError('unavailable', 'Restoring needs a file dialog, which is not available here.')
  const file = await core.dialogs.chooseBackupToRestore()
  if (!file) return null
  return restoreFrom(vault, core, file, credentials)
}
