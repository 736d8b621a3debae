import { daysBetween, todayInLondon } from '../calendar-date'

/**
 * When an administrator is reminded to make a backup (README, "Backups"): when the last
 * successful backup, manual or automatic, is more than `reminderDays` whole London calendar
 * days before today, or there has never been one. Dismissing it hides it for the rest of that
 * day only. The core works it out; the window only shows it.
 */
export interface BackupReminderFacts {
  /** The instant of the last successful backup (ISO), or null if there has never been one. */
  lastBackupAt: string | null
  /** The clock's instant now. */
  now: Date
  /** Days without a backup before the reminder shows (the administrator's setting). */
  reminderDays: number
  /** The London date the reminder was last dismissed, if ever. */
  dismissedOn: string | null
}

export interface BackupReminder {
  /** Whole days since the last backup; null when there has never been one. */
  daysSince: number | null
}

export function backupReminder({ lastBackupAt, now, reminderDays, dismissedOn }: BackupReminderFacts): BackupReminder | null {
  const today = todayInLondon(now)
  if (dismissedOn === today) return null
  if (lastBackupAt === null) return { daysSince: null }
  const daysSince = Math.max(0, daysBetween(todayInLondon(new Date(lastBackupAt)), today))
  return daysSince > reminderDays ? { daysSince } : null
}

/** The reminder in words: "No backup for 9 days — make one now". */
export function backupReminderText(reminder: BackupReminder): string {
  if (reminder.daysSince === null) return 'No backup has been made yet — make one now'
  return `No backup for ${reminder.daysSince} days — make one now`
}
