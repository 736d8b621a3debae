import { z } from 'zod'

/**
 * The automatic backup an administrator sets (README, "Backups"): whether Harbour backs the
 * store up when it closes, into which folder (empty: the `backups` folder in Harbour's data
 * folder), how many automatic backups it keeps, and after how many days without any backup an
 * administrator is reminded to make one.
 */
export const automaticBackup = z
  .object({
    onExit: z.boolean('Choose whether Harbour makes a backup when it closes'),
    folder: z.string('Enter a folder, or leave it empty for the usual one').trim().max(1000, 'The folder’s name is too long'),
    keep: z
      .number('Enter the number of automatic backups to keep as a whole number')
      .int('Enter the number of automatic backups to keep as a whole number')
      .min(1, 'Automatic backups to keep must be 1 or more')
      .max(60, 'Automatic backups to keep must be 60 or fewer'),
    reminderDays: z
      .number('Enter the days before a reminder as a whole number')
      .int('Enter the days before a reminder as a whole number')
      .min(1, 'Days before a reminder must be 1 or more')
      .max(365, 'Days before a reminder must be 365 or fewer')
  })
  .strict()

export type AutomaticBackup = z.infer<typeof automaticBackup>

export const defaultAutomaticBackup: AutomaticBackup = { onExit: true, folder: '', keep: 7, reminderDays: 7 }

/** A failed automatic backup, in words with no path: shown to administrators until one succeeds. */
export const automaticBackupFailure = z.object({ at: z.string(), reason: z.string() }).strict()
