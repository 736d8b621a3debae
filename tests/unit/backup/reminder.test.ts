import { describe, expect, it } from 'vitest'
import { backupReminder, backupReminderText } from '../../../shared/backup/reminder'

const now = new Date('2026-12-03T10:00:00Z')
const facts = { now, reminderDays: 7, dismissedOn: null }

describe('the backup reminder', () => {
  it('shows when there has never been a backup', () => {
    expect(backupReminder({ ...facts, lastBackupAt: null })).toEqual({ daysSince: null })
  })

  it('does not show on the last day within the limit, and shows the day after', () => {
    expect(backupReminder({ ...facts, lastBackupAt: '2026-11-26T09:00:00Z' })).toBeNull()
    expect(backupReminder({ ...facts, lastBackupAt: '2026-11-25T23:59:00Z' })).toEqual({ daysSince: 8 })
  })

  it('counts London calendar days, not 24-hour spans', () => {
    // 23:30 UTC on 25 Nov is still 25 Nov in London in winter; in summer it is the next day.
    expect(backupReminder({ ...facts, lastBackupAt: '2026-11-25T23:30:00Z' })).toEqual({ daysSince: 8 })
    const summer = new Date('2026-07-10T10:00:00Z')
    expect(backupReminder({ ...facts, now: summer, lastBackupAt: '2026-07-02T23:30:00Z' })).toBeNull()
    expect(backupReminder({ ...facts, now: summer, lastBackupAt: '2026-07-02T22:30:00Z' })).toEqual({ daysSince: 8 })
  })

  it('never shows for a backup made today, with the shortest setting', () => {
    expect(backupReminder({ ...facts, reminderDays: 1, lastBackupAt: '2026-12-03T08:00:00Z' })).toBeNull()
    expect(backupReminder({ ...facts, reminderDays: 1, lastBackupAt: '2026-12-02T08:00:00Z' })).toBeNull()
    expect(backupReminder({ ...facts, reminderDays: 1, lastBackupAt: '2026-12-01T08:00:00Z' })).toEqual({ daysSince: 2 })
  })

  it('treats a backup dated after now (a clock put back) as made today', () => {
    expect(backupReminder({ ...facts, lastBackupAt: '2026-12-20T08:00:00Z' })).toBeNull()
  })

  it('is hidden for the rest of the day it is dismissed, and back the next day', () => {
    expect(backupReminder({ ...facts, lastBackupAt: null, dismissedOn: '2026-12-03' })).toBeNull()
    expect(backupReminder({ ...facts, lastBackupAt: null, dismissedOn: '2026-12-02' })).toEqual({ daysSince: null })
    // Just after midnight in London the next day, it is back.
    const nextDay = new Date('2026-12-04T00:01:00Z')
    expect(backupReminder({ ...facts, now: nextDay, lastBackupAt: null, dismissedOn: '2026-12-03' })).toEqual({ daysSince: null })
  })

  it('says how long it has been, in words', () => {
    expect(backupReminderText({ daysSince: 9 })).toBe('No backup for 9 days — make one now')
    expect(backupReminderText({ daysSince: null })).toBe('No backup has been made yet — make one now')
  })
})
