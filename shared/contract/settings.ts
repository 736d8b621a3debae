import { z } from 'zod'
import { access } from './access'
import { amberFollowUp, defaultAmberFollowUp } from '../instruments/follow-up'
import { defaultRagRules, ragRules, rulesProblem } from '../instruments/rag'
import { someOf } from './fields'
import { defaultExposureThresholds } from '../incidents/exposure-load'
import { defaultReferralLetterTemplate, letterTemplateProblem } from '../referrals/letter-template'
import { defaultTrimSettings } from '../trim/timing'
import { automaticBackup, automaticBackupFailure, defaultAutomaticBackup } from './backup-settings'
import { defaultRetentionPeriods } from '../retention/due'

const idleLockMinutes = z.number().int().min(1, 'Idle lock must be 1 minute or more').max(15, 'Idle lock must be 15 minutes or fewer')
/**
 * How often people in a role exposed to traumatic content are recalled when the role has no
 * interval of its own. National guidance names no interval for these roles (unconfirmed), so it
 * is the force's choice; the database reads it too (migration 0140), with the same range.
 */
const traumaticContentRecallMonths = z
  .number('Enter the recall interval as a whole number of months')
  .int('Enter the recall interval as a whole number of months')
  .min(1, 'Recall interval must be 1 month or more')
  .max(60, 'Recall interval must be 60 months or fewer')

/**
 * How many days a sent referral may go without a step before its case's holder is given a task
 * to chase it. A team's working rule, not national guidance; 14 days until changed.
 */
const referralChaseDays = z
  .number('Enter the days before a referral is chased as a whole number')
  .int('Enter the days before a referral is chased as a whole number')
  .min(1, 'Days before a referral is chased must be 1 or more')
  .max(90, 'Days before a referral is chased must be 90 or fewer')

/**
 * When a person's trauma exposure load raises a review task (shared/incidents/exposure-load.ts):
 * the number of exposures in 30 days and the weighted load in 12 months at which a rule fires.
 * The force sets them; null switches a rule off. Defaults: 3 exposures, weighted load 30.
 */
const exposureThresholds = z
  .object({
    countIn30Days: z
      .number('Enter the number of exposures in 30 days as a whole number')
      .int('Enter the number of exposures in 30 days as a whole number')
      .min(1, 'Exposures in 30 days must be 1 or more')
      .max(100, 'Exposures in 30 days must be 100 or fewer')
      .nullable(),
    weightedIn12Months: z
      .number('Enter the weighted load in 12 months as a whole number')
      .int('Enter the weighted load in 12 months as a whole number')
      .min(1, 'Weighted load in 12 months must be 1 or more')
      .max(10000, 'Weighted load in 12 months must be 10,000 or fewer')
      .nullable()
  })
  .strict()

/**
 * TRiM timing and the referral prompt (shared/trim/): days after the incident that the initial
 * assessment and the follow-up fall due, and the risk factors present at which an assessment
 * prompts a referral. Commonly taught as about 72 hours, about 28 days and 3 or more; the force
 * sets its own.
 */
const trimSettings = z
  .object({
    initialAssessmentDays: z
      .number('Enter the days to the initial assessment as a whole number')
      .int('Enter the days to the initial assessment as a whole number')
      .min(1, 'Days to the initial assessment must be 1 or more')
      .max(14, 'Days to the initial assessment must be 14 or fewer'),
    followUpDays: z
      .number('Enter the days to the follow-up as a whole number')
      .int('Enter the days to the follow-up as a whole number')
      .min(7, 'Days to the follow-up must be 7 or more')
      .max(90, 'Days to the follow-up must be 90 or fewer'),
    referralThreshold: z
      .number('Enter the referral threshold as a whole number')
      .int('Enter the referral threshold as a whole number')
      .min(1, 'Referral threshold must be 1 or more')
      .max(20, 'Referral threshold must be 20 or fewer')
  })
  .strict()
  .refine((value) => value.followUpDays > value.initialAssessmentDays, {
    message: 'The follow-up must fall due after the initial assessment',
    path: ['followUpDays']
  })

/**
 * How long records are kept (shared/retention/due.ts, docs/retention.md): whole years after a
 * person leaves (or their last entry, if later), and after their last health surveillance
 * record; and whether screenings count as health surveillance (they do until an administrator
 * says otherwise, which keeps them longer). Defaults 6 and 40 years.
 */
const retentionPeriods = z
  .object({
    leaverYears: z
      .number("Enter the years a leaver's record is kept as a whole number")
      .int("Enter the years a leaver's record is kept as a whole number")
      .min(1, "A leaver's record must be kept for 1 year or more")
      .max(100, "A leaver's record must be kept for 100 years or fewer"),
    surveillanceYears: z
      .number('Enter the years health surveillance records are kept as a whole number')
      .int('Enter the years health surveillance records are kept as a whole number')
      .min(1, 'Health surveillance records must be kept for 1 year or more')
      .max(100, 'Health surveillance records must be kept for 100 years or fewer'),
    screeningsAreHealthSurveillance: z.boolean('Choose whether screenings count as health surveillance records')
  })
  .strict()

/**
 * Whether a list may be exported as a plaintext CSV instead of an encrypted zip (docs/exports.md).
 * Off until an administrator allows it; even then each exporter must choose plaintext.
 */
const plaintextExportsAllowed = z.boolean('Choose whether exports without encryption are allowed')

/**
 * Every setting kept in the store, each with its schema, default and the message for a value
 * that does not fit. All of them are written and read through one validated path
 * (electron/core/store/settings.ts): a value that does not fit is never stored, and a stored
 * value that does not fit is never used — the default is, and the fallback is reported.
 */
export const settingSchemas = {
  idleLockMinutes,
  // Rules that drop the critical-item rule, or name two rules alike, are never used.
  ragRules: ragRules.refine((rules) => rulesProblem(rules) === null),
  amberFollowUp,
  traumaticContentRecallMonths,
  referralChaseDays,
  exposureThresholds,
  // A template naming a placeholder Harbour does not know is never used.
  referralLetterTemplate: z.string().refine((template) => letterTemplateProblem(template) === null),
  trimSettings,
  plaintextExportsAllowed,
  automaticBackup,
  /** The last automatic backup that failed, until one succeeds: shown to administrators at sign-in. */
  automaticBackupFailure: automaticBackupFailure.nullable(),
  /** The London date an administrator last dismissed the backup reminder (hidden for that day only). */
  backupReminderDismissedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  retentionPeriods
} as const

export type SettingKey = keyof typeof settingSchemas
export type SettingValue<K extends SettingKey> = z.output<(typeof settingSchemas)[K]>

export const settingDefaults: { [K in SettingKey]: SettingValue<K> } = {
  idleLockMinutes: 5,
  ragRules: defaultRagRules,
  amberFollowUp: defaultAmberFollowUp,
  traumaticContentRecallMonths: 12,
  referralChaseDays: 14,
  exposureThresholds: defaultExposureThresholds,
  referralLetterTemplate: defaultReferralLetterTemplate,
  trimSettings: defaultTrimSettings,
  plaintextExportsAllowed: false,
  automaticBackup: defaultAutomaticBackup,
  automaticBackupFailure: null,
  backupReminderDismissedOn: null,
  retentionPeriods: defaultRetentionPeriods
}

export const settingProblems: Record<SettingKey, string> = {
  idleLockMinutes: 'The idle lock must be a whole number of minutes from 1 to 15.',
  ragRules: 'The screening rules are not in the form Harbour expects.',
  amberFollowUp: 'Choose what an amber result leads to.',
  traumaticContentRecallMonths: 'The recall interval for roles exposed to traumatic content must be a whole number of months from 1 to 60.',
  referralChaseDays: 'Days before a referral is chased must be a whole number from 1 to 90.',
  exposureThresholds:
    'The exposure thresholds must be whole numbers: exposures in 30 days from 1 to 100, weighted load in 12 months from 1 to 10,000.',
  referralLetterTemplate: 'The referral letter template is empty, too long or names a placeholder Harbour does not know.',
  trimSettings:
    'The TRiM settings must be whole numbers: days to the initial assessment from 1 to 14, days to the follow-up from 7 to 90 and after the initial assessment, referral threshold from 1 to 20.',
  plaintextExportsAllowed: 'Choose whether exports without encryption are allowed: yes or no.',
  automaticBackup:
    'The automatic backup settings must be: on or off, a folder, backups to keep from 1 to 60, and days before a reminder from 1 to 365.',
  automaticBackupFailure: 'The record of a failed automatic backup is not in the form Harbour expects.',
  backupReminderDismissedOn: 'The date the backup reminder was dismissed is not a date.',
  retentionPeriods:
    'The retention periods must be whole numbers of years from 1 to 100, and say whether screenings count as health surveillance.'
}

export const settingKeys = Object.keys(settingSchemas) as SettingKey[]

/** The recall interval for roles exposed to traumatic content, set on the role catalogue screen. */
export const traumaticContentRecall = z.object({ traumaticContentRecallMonths }).strict()

/** When a quiet referral is chased, set on the settings screen. */
export const referralChase = z.object({ referralChaseDays }).strict()
export { exposureThresholds, retentionPeriods, trimSettings }

/** Store-wide settings an administrator controls (display preferences are per workstation). */
export const storeSettings = z.object({ idleLockMinutes, plaintextExportsAllowed })

export type StoreSettings = z.infer<typeof storeSettings>

export const defaultStoreSettings: StoreSettings = {
  idleLockMinutes: settingDefaults.idleLockMinutes,
  plaintextExportsAllowed: settingDefaults.plaintextExportsAllowed
}

export const settingsChannels = {
  'settings:get': { input: z.object({}).strict(), output: storeSettings, access: 'session' },
  'settings:set': { input: someOf(storeSettings), output: storeSettings, access: access.administrators }
} as const
