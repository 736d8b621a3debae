import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { backupReminder, backupReminderText } from '../../../shared/backup/reminder'
import type { BackupStatus } from '../../../shared/contract/backup'
import type { AutomaticBackup } from '../../../shared/contract/backup-settings'
import type { SessionUser } from '../../../shared/contract/session'
import { todayInLondon } from '../../../shared/calendar-date'
import { formatDate } from '../../../shared/dates'
import type { CallContext, CoreContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit, appendAuditSync } from '../store/audit'
import { BackupError, verifyBackupFile } from '../store/backup'
import { comparable, isFolder, isInside, realLocation } from '../store/backup-destination'
import type { KeyedStore } from '../store/key-access'
import { readKeyring } from '../store/keyring'
import { readCopy, requireHarbourStore } from '../store/restore'
import { readSetting, readSettingSync, writeSetting, writeSettingSync } from '../store/settings'
import { backupTo, keyringBesideBackup } from './backup'

/**
 * The automatic backup (README, "Backups"). When Harbour closes cleanly with the store
 * unlocked, it writes the same encrypted, verified backup an administrator makes by hand into
 * the folder for automatic backups, checks it again as a restore would, and only then removes
 * the oldest automatic backups beyond the number to keep. A store that is locked when Harbour
 * closes holds no key (Harbour never keeps it while locked), so nothing is written then: its
 * records cannot have changed since it locked, and the reminder covers a store that is always
 * closed locked. A team server's backups are its IT team's: nothing is written for one.
 */

/** Automatic backups are named by the instant they were made, so names sort oldest first. */
const automaticName = /^harbour-auto-(\d{8}T\d{9}Z)\.hbk$/

export function automaticBackupName(now: Date): string {
  return `harbour-auto-${now.toISOString().replace(/[-:.]/g, '')}.hbk`
}

/** Where automatic backups go when no folder is set: the `backups` folder in Harbour's data folder. */
export function usualBackupFolder(dataFolder: string): string {
  return join(dataFolder, 'backups')
}

/**
 * Folders that a desktop client copies to the internet. A backup is encrypted, but with the
 * key ring beside it anyone holding both could try passphrases at leisure: it stays on the
 * force's own drives.
 */
const syncedFolderNames =
  /^(onedrive( - .+)?|dropbox( \(.+\))?|google ?drive|my drive|icloud ?drive|mobile documents|box|box sync|nextcloud|owncloud)$/i

export function isSyncedFolder(path: string): boolean {
  return path.split(/[\\/]+/).some((part) => syncedFolderNames.test(part))
}

/** Why `folder` may not hold automatic backups, or null if it may. Empty means the usual folder. */
export function automaticFolderProblem(folder: string, dataFolder: string): string | null {
  if (folder === '') return null
  if (!isAbsolute(folder)) return 'Enter the folder’s full path, starting from the drive, or leave it empty for the usual folder.'
  if (existsSync(folder) && !isFolder(folder)) return 'That is a file, not a folder. Choose a folder for automatic backups.'
  const real = realLocation(folder) ?? folder
  if (isSyncedFolder(folder) || isSyncedFolder(real))
    return 'Choose a folder that is not copied to the internet (such as OneDrive or Dropbox): backups stay on the force’s own drives.'
  const data = realLocation(dataFolder)
  const usual = realLocation(usualBackupFolder(dataFolder))
  const inData = data !== null && isInside(data, real)
  const isUsual = usual !== null && comparable(usual) === comparable(real)
  if (inData && !isUsual) return 'Choose a folder outside Harbour’s data folder, or leave it empty for the usual folder.'
  return null
}

function folderFor(settings: AutomaticBackup, dataFolder: string): string {
  return settings.folder === '' ? usualBackupFolder(dataFolder) : settings.folder
}

/** The automatic backups in `folder`, oldest first; manual backups and other files are never listed. */
export function automaticBackupsIn(folder: string): string[] {
  if (!isFolder(folder)) return []
  return readdirSync(folder)
    .filter((name) => automaticName.test(name))
    .sort()
}

export type ExitBackup =
  | { outcome: 'made'; kept: number; removed: number }
  | { outcome: 'off' }
  | { outcome: 'locked' }
  | { outcome: 'team-server' }
  | { outcome: 'failed'; reason: string }

/** The store as backupOnExit needs it: its key (while unlocked) and who is signed in. */
export type ExitBackupStore = KeyedStore & { readonly session: SessionUser | null }

export interface ExitBackupOptions {
  /** The check made of the backup once written (tests put a failing one in); by default, restore's. */
  verify?: (file: string, dek: Buffer, core: CoreContext) => void
}

function driver(core: CoreContext) {
  return core.nativeBinding ? { nativeBinding: core.nativeBinding } : {}
}

/** The backup opens with the key, passes its integrity check, is a Harbour store, and its key ring copy is this store's. */
export function verifyAsRestore(file: string, dek: Buffer, core: CoreContext, storeId: string): void {
  verifyBackupFile(file, dek, null, driver(core))
  readCopy(file, dek, driver(core), requireHarbourStore)
  let ringStore: string
  try {
    ringStore = readKeyring(keyringBesideBackup(file)).storeId
  } catch {
    throw new BackupError('The key file beside the backup is damaged, so the backup could not be opened.')
  }
  if (ringStore !== storeId) throw new BackupError('The key file beside the backup belongs to a different store.')
}

function failureReason(error: unknown): string {
  if (error instanceof CoreError || error instanceof BackupError) return error.message
  // File-system errors name paths: they are put in words without one.
  return 'The backup could not be written to the folder for automatic backups.'
}

function rememberFailure(vault: KeyedStore, now: Date, reason: string): void {
  try {
    vault.withKey((sqlite) => {
      writeSettingSync(sqlite, 'automaticBackupFailure', { at: now.toISOString(), reason })
    })
  } catch {
    // Locked meanwhile or damaged: there is nowhere to keep it.
  }
}

/**
 * Called once when Harbour closes cleanly (the shell's `before-quit`). Never throws: a failure
 * is kept in the store and shown to administrators at their next sign-in, and Harbour closes.
 */
export function backupOnExit(
  host: { core: CoreContext; vault: ExitBackupStore } | { core: CoreContext; team: unknown },
  options: ExitBackupOptions = {}
): ExitBackup {
  if ('team' in host) return { outcome: 'team-server' }
  const { core, vault } = host
  let user: SessionUser | null
  try {
    user = vault.status().state === 'unlocked' ? vault.session : null
  } catch {
    // A store that cannot say its state cannot be backed up either; closing goes on.
    user = null
  }
  if (!user) return { outcome: 'locked' }
  const now = core.clock()
  let written: string | null = null
  let recorded = false
  try {
    const settings = vault.withKey((sqlite) => readSettingSync(sqlite, 'automaticBackup').value)
    if (!settings.onExit) return { outcome: 'off' }
    const problem = automaticFolderProblem(settings.folder, core.dataFolder)
    if (problem) throw new BackupError(problem)
    const folder = folderFor(settings, core.dataFolder)
    mkdirSync(folder, { recursive: true, mode: 0o700 })
    const file = join(folder, automaticBackupName(now))
    if (existsSync(file)) throw new BackupError('An automatic backup was made at this very moment already.')
    const older = automaticBackupsIn(folder)
    const removing = older.slice(0, Math.max(0, older.length + 1 - settings.keep))
    const kept = older.length + 1 - removing.length
    const storeId = readKeyring(vault.files.keyring).storeId
    const verify = options.verify ?? ((path: string, dek: Buffer) => verifyAsRestore(path, dek, core, storeId))
    written = file
    // From here backupTo records a failure itself.
    recorded = true
    backupTo(vault, core, file, user.id, {
      action: 'backup.automatic',
      detail: `kept=${kept};removed=${removing.length}`,
      backupsFolder: usualBackupFolder(core.dataFolder),
      check: (path, dek) => verify(path, dek, core)
    })
    written = null
    // Only now, with the new one proved: the oldest beyond the number to keep, with their key rings.
    for (const name of removing) {
      const old = join(folder, name)
      rmSync(old, { force: true })
      rmSync(keyringBesideBackup(old), { force: true })
    }
    vault.withKey((sqlite) => writeSettingSync(sqlite, 'automaticBackupFailure', null))
    return { outcome: 'made', kept, removed: removing.length }
  } catch (error) {
    // The copy that failed its check cannot be restored, and would push a good one out of the
    // last N: it goes. Nothing older is touched.
    if (written) {
      rmSync(written, { force: true })
      rmSync(keyringBesideBackup(written), { force: true })
    }
    const reason = failureReason(error)
    rememberFailure(vault, now, reason)
    if (!recorded) {
      try {
        vault.withKey((sqlite) =>
          appendAuditSync(sqlite, { actorId: user.id, action: 'backup.failed', entityType: 'store', detail: 'automatic' }, now)
        )
      } catch {
        // Locked meanwhile or damaged: nowhere to record it.
      }
    }
    return { outcome: 'failed', reason }
  }
}

const notOnTeamServer = 'A team server’s backups are made by the force’s IT team, not by Harbour.'

function standaloneOnly(call: CallContext): void {
  if (call.dialect.engine !== 'sqlite') throw new CoreError('unavailable', notOnTeamServer)
}

/** The last successful backup (manual or automatic), from the audit log: the store's own record. */
async function lastBackupAt(call: CallContext): Promise<string | null> {
  const row = await call.db
    .selectFrom('audit_log')
    .select('at')
    .where('entity_type', '=', 'store')
    .where('action', 'in', ['backup.created', 'backup.automatic'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.at ?? null
}

export async function backupStatus(call: CallContext): Promise<BackupStatus> {
  standaloneOnly(call)
  const { db, core } = call
  const now = core.clock()
  const automatic = (await readSetting(db, 'automaticBackup')).value
  const failure = (await readSetting(db, 'automaticBackupFailure')).value
  const dismissedOn = (await readSetting(db, 'backupReminderDismissedOn')).value
  const last = await lastBackupAt(call)
  const reminder = backupReminder({ lastBackupAt: last, now, reminderDays: automatic.reminderDays, dismissedOn })
  return {
    lastBackupAt: last,
    reminder: reminder ? { ...reminder, text: backupReminderText(reminder) } : null,
    automaticFailure: failure
      ? { at: failure.at, text: `The automatic backup on ${formatDate(new Date(failure.at))} failed: ${failure.reason}` }
      : null,
    automatic,
    usualFolder: usualBackupFolder(core.dataFolder)
  }
}

export async function setAutomaticBackup(call: CallContext, changes: Partial<AutomaticBackup>): Promise<BackupStatus> {
  standaloneOnly(call)
  const { db, core, user } = call
  const next = { ...(await readSetting(db, 'automaticBackup')).value, ...changes }
  const problem = automaticFolderProblem(next.folder, core.dataFolder)
  if (problem) throw new CoreError('invalid-input', problem, ['folder'])
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'automaticBackup', next)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: Object.keys(changes).sort().join(',') },
      core.clock()
    )
  })
  return backupStatus(call)
}

export async function dismissBackupReminder(call: CallContext): Promise<BackupStatus> {
  standaloneOnly(call)
  await writeSetting(call.db, 'backupReminderDismissedOn', todayInLondon(call.core.clock()))
  return backupStatus(call)
}
