import { z } from 'zod'
import { access } from './access'
import { id } from './fields'
import { passphrase } from './session'
import { retentionPeriods } from './settings'

/**
 * Retention (docs/retention.md): how long records are kept, the administrators' review of
 * people past retention, and the purge that removes them. The rule itself is
 * shared/retention/due.ts; the core computes every date and count the screen shows.
 */

const calendarDate = z.string()

export const retentionCount = z.object({ kind: z.string(), label: z.string(), count: z.number().int() })
export type RetentionCount = z.infer<typeof retentionCount>

export const retentionPerson = z.object({
  personId: z.string(),
  name: z.string(),
  staffNumber: z.string(),
  leftOn: calendarDate,
  /** The last entry of any kind about them (the day it was written, in London), or null. */
  lastEntryOn: calendarDate.nullable(),
  /** The last health surveillance record (screening sitting), or null (or when screenings do not count). */
  lastSurveillanceOn: calendarDate.nullable(),
  /** The rule that keeps them longest, so made them due last. */
  rule: z.enum(['leaver', 'health-surveillance']),
  /** The last day they were kept. */
  keptUntil: calendarDate,
  /** What a purge would remove, by kind; kinds with none left out. */
  counts: z.array(retentionCount)
})
export type RetentionPerson = z.infer<typeof retentionPerson>

export const retentionReview = z.object({
  today: calendarDate,
  periods: retentionPeriods,
  people: z.array(retentionPerson),
  /** People past retention the caller may not see (restricted to named clinicians): counted, never listed. */
  hidden: z.number().int()
})
export type RetentionReview = z.infer<typeof retentionReview>

export const retentionPurgeInput = z
  .object({
    personIds: z.array(id).min(1, 'Choose at least one person to purge').max(500, 'Purge 500 people or fewer at a time'),
    passphrase: passphrase.pipe(z.string().min(1, 'Enter your passphrase'))
  })
  .strict()

export const retentionPurged = z.object({
  people: z.array(z.object({ personId: z.string(), counts: z.array(retentionCount) }))
})
export type RetentionPurged = z.infer<typeof retentionPurged>

export const retentionChannels = {
  'retention:settings': { input: z.object({}).strict(), output: retentionPeriods, access: access.administrators },
  'retention:setSettings': { input: retentionPeriods, output: retentionPeriods, access: access.administrators },
  'retention:review': { input: z.object({}).strict(), output: retentionReview, access: access.administrators },
  'retention:purge': { input: retentionPurgeInput, output: retentionPurged, access: access.administrators }
} as const
