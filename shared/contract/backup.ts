import { z } from 'zod'
import { access } from './access'
import { automaticBackup } from './backup-settings'
import { someOf } from './fields'

export const backupResult = z.object({
  file: z.string(),
  bytes: z.number().int(),
  tables: z.number().int(),
  rows: z.number().int(),
  createdAt: z.string(),
  /** The audit chain's head in this backup, for a service lead to note (see `verify --against`). */
  auditHead: z.object({ entries: z.number().int(), hash: z.string() })
})

export type BackupResult = z.infer<typeof backupResult>

/** An administrator's credentials as they were when the backup was made. */
export const restoreInput = z
  .object({
    username: z.string().trim().min(1, 'Enter the administrator’s username').max(64),
    passphrase: z.string().min(1, 'Enter the administrator’s passphrase').max(1024, 'Passphrase is too long')
  })
  .strict()

/** What an administrator's home and backup screens show about backups; worked out in the core. */
export const backupStatus = z.object({
  /** The last successful backup, manual or automatic (ISO instant), or null if none. */
  lastBackupAt: z.string().nullable(),
  /** Shown when the last backup is older than the reminder setting, or there is none (shared/backup/reminder.ts). */
  reminder: z.object({ daysSince: z.number().int().nullable(), text: z.string() }).nullable(),
  /** The last automatic backup that failed, until one succeeds: "The automatic backup on 3 Dec 2026 failed: …". */
  automaticFailure: z.object({ at: z.string(), text: z.string() }).nullable(),
  automatic: automaticBackup,
  /** Where automatic backups go when no folder is set: `backups` in Harbour's data folder. */
  usualFolder: z.string()
})

export type BackupStatus = z.infer<typeof backupStatus>

export const backupChannels = {
  /** Administrators: the last backup, the reminder, a failed automatic backup and the automatic backup settings. */
  'backup:status': { input: z.object({}).strict(), output: backupStatus, access: access.administrators },
  /** Changes the automatic backup settings; a folder Harbour may not use is refused and nothing changes. */
  'backup:setAutomatic': { input: someOf(automaticBackup), output: backupStatus, access: access.administrators },
  /** Hides the backup reminder for the rest of today (London). */
  'backup:dismissReminder': { input: z.object({}).strict(), output: backupStatus, access: access.administrators },
  /** Asks where to save (a native dialog), writes the backup and verifies it. Null if cancelled. */
  'backup:create': { input: z.object({}).strict(), output: backupResult.nullable(), access: access.administrators },
  /**
   * Asks which backup to restore, proves it (it opens with the key from its own ring copy,
   * passes its checks, is a Harbour store), then replaces the store's database and key ring.
   * Administrators only: the username and passphrase are an administrator's, as they were when
   * the backup was made, and are checked against the backup's ring. When the store cannot be
   * opened there is no session, and those credentials alone prove the role.
   */
  'backup:restore': {
    input: restoreInput,
    output: backupResult.nullable(),
    access: access.administrators,
    whenStoreUnavailable: 'credentials-prove-role'
  }
} as const
