import { z } from 'zod'
import { exposureIntensities, exposureParts, maxCategoryWeight, minCategoryWeight } from '../incidents/categories'
import { exposureRules } from '../incidents/exposure-load'
import { access } from './access'
import { exposureThresholds } from './settings'
import { calendarDate, id, text } from './fields'

/**
 * Incidents and trauma exposure: an incident (date, category from the team's catalogue, a short
 * reference with no clinical detail) and the people exposed, each with their part, intensity and
 * any hours of material reviewed. The core works out each person's load over rolling 30 days and
 * 12 months (shared/incidents/exposure-load.ts) and raises a review task when a threshold rule
 * fires, naming the rule.
 */
export const incidentCategory = z.object({
  id: z.string(),
  name: z.string(),
  weight: z.number().int(),
  retired: z.boolean(),
  sortOrder: z.number().int()
})
export type IncidentCategory = z.infer<typeof incidentCategory>

export const exposure = z.object({
  personId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  part: z.enum(exposureParts),
  intensity: z.enum(exposureIntensities),
  hoursReviewed: z.number().nullable()
})

export const incident = z.object({
  id: z.string(),
  occurredOn: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  reference: z.string(),
  createdByName: z.string(),
  /** Only the people the caller may see. */
  exposures: z.array(exposure)
})
export type Incident = z.infer<typeof incident>

/** A review task a write raised, for the window to say so. */
export const raisedReview = z.object({ personId: z.string(), personName: z.string(), rule: z.string() })

export const incidentSaved = incident.extend({ reviewsRaised: z.array(raisedReview) })
export type IncidentSaved = z.infer<typeof incidentSaved>

const windowLoad = z.object({ from: z.string(), count: z.number().int(), weighted: z.number(), hours: z.number() })

export const exposureLoad = z.object({
  last30Days: windowLoad,
  last12Months: windowLoad,
  fired: z.array(z.object({ rule: z.enum(exposureRules), label: z.string() }))
})

export const personExposure = z.object({
  incidentId: z.string(),
  occurredOn: z.string(),
  categoryName: z.string(),
  reference: z.string(),
  part: z.enum(exposureParts),
  intensity: z.enum(exposureIntensities),
  hoursReviewed: z.number().nullable(),
  /** Category weight × intensity: what this exposure adds to the weighted load. */
  weighted: z.number()
})

export const personExposures = z.object({
  /** Newest first. */
  history: z.array(personExposure),
  load: exposureLoad
})
export type PersonExposures = z.infer<typeof personExposures>

const hoursReviewed = z
  .number('Enter the hours of material reviewed as a number')
  .positive('Hours of material reviewed must be more than 0')
  .max(24, 'Hours of material reviewed must be 24 or fewer')
  .nullable()

/** One person exposed: by person id (chosen by search) or by staff number (pasted). */
export const attendeeInput = z
  .object({
    personId: id.optional(),
    staffNumber: z.string().trim().min(1).max(20).optional(),
    part: z.enum(exposureParts, 'Choose the part the person played'),
    intensity: z.enum(exposureIntensities, 'Choose the intensity'),
    hoursReviewed
  })
  .strict()
  .refine((a) => (a.personId === undefined) !== (a.staffNumber === undefined), 'Choose the person exposed')

const attendees = z.array(attendeeInput).min(1, 'Add at least one person exposed').max(500, 'Add 500 people or fewer at a time')

const reference = text('a short reference', 80)

const clinician = access.clinicians

export const incidentsChannels = {
  'incidents:categories': {
    input: z.object({ includeRetired: z.boolean().default(false) }).strict(),
    output: z.array(incidentCategory),
    access: access.incidents
  },
  'incidents:saveCategory': {
    input: z
      .object({
        id: z.string().nullable(),
        name: text('the category name', 80),
        weight: z
          .number('Enter the weight as a whole number')
          .int('Enter the weight as a whole number')
          .min(minCategoryWeight, `Weight must be ${minCategoryWeight} or more`)
          .max(maxCategoryWeight, `Weight must be ${maxCategoryWeight} or fewer`),
        retired: z.boolean()
      })
      .strict(),
    output: incidentCategory,
    access: access.administrators
  },
  'incidents:create': {
    input: z
      .object({
        occurredOn: calendarDate,
        categoryId: z.string().min(1, 'Choose the category'),
        reference,
        attendees
      })
      .strict(),
    output: incidentSaved,
    access: clinician
  },
  'incidents:addExposures': {
    input: z.object({ incidentId: id, attendees }).strict(),
    output: incidentSaved,
    access: clinician
  },
  /** Pasted staff numbers (one per line, or separated by commas or spaces) to the people they name. */
  'incidents:matchStaffNumbers': {
    input: z.object({ staffNumbers: z.string().trim().min(1, 'Paste at least one staff number').max(20000) }).strict(),
    output: z.object({
      people: z.array(z.object({ id: z.string(), displayName: z.string(), staffNumber: z.string() })),
      /** Words in the paste that are not staff numbers (ranks, names), left out. */
      ignored: z.array(z.string())
    }),
    access: clinician
  },
  'incidents:recent': {
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(incident),
    access: clinician
  },
  'incidents:forPerson': { input: z.object({ personId: id }).strict(), output: personExposures, access: clinician },
  /** The threshold rules (the exposureThresholds setting); null switches a rule off. */
  'incidents:thresholds': { input: z.object({}).strict(), output: exposureThresholds, access: access.incidents },
  'incidents:setThresholds': { input: exposureThresholds, output: exposureThresholds, access: access.administrators }
} as const
