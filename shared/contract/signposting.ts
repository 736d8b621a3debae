import { z } from 'zod'
import { bereavementStatuses } from '../signposting/bereavement'
import { access } from './access'
import { calendarDate, id, text } from './fields'

/**
 * Signposting a person to support resources (the guidance's toolkit, hub, digital learning,
 * webinars, films…) and bereavement counselling offered, accepted or declined. Both are
 * histories: a record is never rewritten. The catalogue of resources is the administrators' to
 * edit; a resource someone has been signposted to is retired, never deleted.
 */
export const supportResource = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  whereToFind: z.string(),
  retired: z.boolean()
})
export type SupportResource = z.infer<typeof supportResource>

/** In the administrators' catalogue: also how many times it has been used, so they know it cannot be deleted. */
export const catalogueResource = supportResource.extend({ timesUsed: z.number().int() })
export type CatalogueResource = z.infer<typeof catalogueResource>

export const signpostingRecord = z.object({
  id: z.string(),
  personId: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  signpostedOn: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string()
})
export type SignpostingRecord = z.infer<typeof signpostingRecord>

export const bereavementEntry = z.object({
  status: z.enum(bereavementStatuses),
  happenedOn: z.string(),
  caseId: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.string()
})
export type BereavementEntry = z.infer<typeof bereavementEntry>

/** The person's bereavement counselling, as the core worked it out. */
export const bereavementCounselling = z.object({
  /** The latest entry's status, or null when nothing is recorded. */
  status: z.enum(bereavementStatuses).nullable(),
  /** What may be recorded next (an answer only once an offer is on record). */
  nextStatuses: z.array(z.enum(bereavementStatuses)),
  /** An open bereavement case and no offer on record for it: shown as a notice. */
  notYetOffered: z.boolean(),
  /** Newest first. */
  history: z.array(bereavementEntry)
})
export type BereavementCounselling = z.infer<typeof bereavementCounselling>

export const personSignposting = z.object({
  /** Newest first. */
  records: z.array(signpostingRecord),
  bereavement: bereavementCounselling
})
export type PersonSignposting = z.infer<typeof personSignposting>

const resourceFields = {
  name: text('the name of the resource', 120),
  description: text('a short description', 1000),
  whereToFind: text('where to find it', 300)
}

const clinician = access.clinicians
const administrator = access.administrators

export const signpostingChannels = {
  'signposting:resources': { input: z.object({}).strict(), output: z.array(supportResource), access: clinician },
  'signposting:record': {
    input: z
      .object({
        personId: id,
        resourceId: z.string().min(1, 'Choose the resource'),
        /** Today (in London, by the core's clock) when left out. */
        signpostedOn: calendarDate.optional()
      })
      .strict(),
    output: signpostingRecord,
    access: clinician
  },
  'signposting:forPerson': { input: z.object({ personId: id }).strict(), output: personSignposting, access: clinician },
  'signposting:recordBereavement': {
    input: z
      .object({
        personId: id,
        caseId: id.nullable().optional(),
        status: z.enum(bereavementStatuses, 'Choose whether counselling was offered, accepted or declined'),
        /** Today (in London, by the core's clock) when left out. */
        happenedOn: calendarDate.optional()
      })
      .strict(),
    output: bereavementCounselling,
    access: clinician
  },
  'signposting:catalogue': { input: z.object({}).strict(), output: z.array(catalogueResource), access: administrator },
  'signposting:saveResource': {
    input: z.object({ id: z.string().min(1).optional(), ...resourceFields }).strict(),
    output: catalogueResource,
    access: administrator
  },
  'signposting:setResourceRetired': {
    input: z.object({ id: z.string().min(1), retired: z.boolean() }).strict(),
    output: catalogueResource,
    access: administrator
  },
  'signposting:deleteResource': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string() }),
    access: administrator
  }
} as const
