import { copyFileSync, existsSync } from 'node:fs'
import type { BackupResult } from '../../../shared/contract/backup'
import type { CallContext, CoreContext } from '../context'
import { CoreError } from '../errors'
import { appendAuditSync } from '../store/audit'
import { BackupError, replaceStoreFile, verifyBackupFile, writeBackup } from '../store/backup'
import { readKeyring, writeKeyring } from '../store/keyring'
import type { Vault } from '../store/vault'

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

/** Backs the open store up to `destination`, verified, and records it in the audit log. */
export function backupTo(vault: Vault, core: CoreContext, destination: string, actorId: string): BackupResult {
  const now = core.clock()
  try {
    const check = vault.withKey((sqlite, dek) => {
      appendAuditSync(sqlite, { actorId, action: 'backup.created', entityType: 'store' }, now)
      return writeBackup(sqlite, vault.files.database, destination, dek, driver(core))
    })
    copyFileSync(vault.files.keyring, keyringBesideBackup(destination))
    return { file: destination, bytes: check.bytes, tables: check.tables, rows: check.rows, createdAt: now.toISOString() }
  } catch (error) {
    if (error instanceof BackupError) throw new CoreError('invalid-input', error.message)
    throw error
  }
}

export async function createBackup(call: CallContext): Promise<BackupResult | null> {
  const { core, vault, session } = call
  if (!session) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
  if (!core.dialogs) throw new CoreError('unavailable', 'Backups need a file dialog, which is not available here.')
  const destination = await core.dialogs.chooseBackupDestination(suggestedName(core.clock()))
  if (!destination) return null
  return backupTo(vault, core, destination, session.id)
}

/**
 * Replaces the store with a backup, after proving the backup opens with the key this user's
 * passphrase unlocks and passes its checks. Works when the store itself cannot be opened;
 * the old file is kept beside the new one.
 */
export async function restoreFrom(
  vault: Vault,
  core: CoreContext,
  file: string,
  credentials: { username: string; passphrase: string }
): Promise<BackupResult> {
  const besideBackup = keyringBesideBackup(file)
  const storeKeyringUsable = (() => {
    try {
      readKeyring(vault.files.keyring)
      return true
    } catch {
      return false
    }
  })()
  if (!storeKeyringUsable) {
    if (!existsSync(besideBackup)) {
      throw new CoreError('unavailable', 'The store’s key file is missing and the backup has none beside it, so it cannot be opened.')
    }
    writeKeyring(vault.files.keyring, readKeyring(besideBackup))
  }
  vault.lock('manual')
  const { dek, userId } = await vault.unwrapFor(credentials.username, credentials.passphrase)
  try {
    const check = (() => {
      try {
        return verifyBackupFile(file, dek, null, driver(core))
      } catch (error) {
        if (error instanceof BackupError) throw new CoreError('invalid-input', error.message)
        throw error
      }
    })()
    const now = core.clock()
    replaceStoreFile(file, vault.files.database, now)
    vault.clearKnownProblem()
    const sqlite = vault.openDatabase(dek)
    try {
      appendAuditSync(sqlite, { actorId: userId, action: 'backup.restored', entityType: 'store' }, now)
    } finally {
      sqlite.close()
    }
    return { file, bytes: check.bytes, tables: check.tables, rows: check.rows, createdAt: now.toISOString() }
  } finally {
    dek.fill(0)
  }
}

export async function restoreBackup(call: CallContext, credentials: { username: string; passphrase: string }): Promise<BackupResult | null> {
  const { core, vault } = call
  if (!core.dialogs) throw new CoreError('unavailable', 'Restoring needs a file dialog, which is not available here.')
  const file = await core.dialogs.chooseBackupToRestore()
  if (!file) return null
  return restoreFrom(vault, core, file, credentials)
}
