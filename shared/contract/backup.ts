import { z } from 'zod'
import { access } from './access'

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

export const backupChannels = {
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
