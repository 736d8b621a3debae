import { z } from 'zod'
import { passphrase } from './session'

export const backupResult = z.object({
  file: z.string(),
  bytes: z.number().int(),
  tables: z.number().int(),
  rows: z.number().int(),
  createdAt: z.string()
})

export type BackupResult = z.infer<typeof backupResult>

export const backupChannels = {
  /** Asks where to save (a native dialog), writes the backup and verifies it. Null if cancelled. */
  'backup:create': { input: z.object({}).strict(), output: backupResult.nullable(), access: ['admin'] },
  /**
   * Asks which backup to restore, proves it opens with the store's key and passes its checks,
   * then replaces the store. Needs a user's passphrase: it also works when the store is damaged.
   */
  'backup:restore': {
    input: z.object({ username: z.string().trim().min(1, 'Enter your username').max(64), passphrase }).strict(),
    output: backupResult.nullable(),
    access: 'public'
  }
} as const
