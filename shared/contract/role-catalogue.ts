import { z } from 'zod'
import { access } from './access'
import { text } from './fields'
import { traumaticContentRecall } from './settings'

export const riskTiers = ['standard', 'elevated', 'high', 'highest'] as const
export type RiskTier = (typeof riskTiers)[number]

export const catalogueRole = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  riskTier: z.enum(riskTiers),
  screeningIntervalMonths: z.number().int().nullable(),
  screeningBattery: z.array(z.string()),
  /** People in the role are exposed to traumatic content, so they are always recalled. */
  traumaticContent: z.boolean(),
  /** The months between screenings the recall list uses: the role's own, else the setting if flagged. */
  recallIntervalMonths: z.number().int().nullable(),
  retired: z.boolean(),
  peopleCount: z.number().int()
})

export type CatalogueRole = z.infer<typeof catalogueRole>

/** A role's code: never empty, which would name no role at all. */
const roleCode = z.string().min(1).max(120)

export const roleInput = z
  .object({
    id: roleCode.optional(),
    name: text('the role name', 120),
    description: z.string().trim().max(1000, 'Description must be 1000 characters or fewer'),
    riskTier: z.enum(riskTiers, 'Choose a risk tier'),
    screeningIntervalMonths: z
      .number()
      .int()
      .min(1, 'Interval must be 1 month or more')
      .max(60, 'Interval must be 60 months or fewer')
      .nullable(),
    screeningBattery: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(20),
    // Left out, an edit keeps the role's flag, so nobody leaves the recall list by omission.
    traumaticContent: z.boolean().optional()
  })
  .strict()

const admin = access.administrators

export const roleCatalogueChannels = {
  'roles:list': {
    input: z.object({ includeRetired: z.boolean().default(false) }).strict(),
    output: z.array(catalogueRole),
    access: 'session'
  },
  'roles:save': { input: roleInput, output: catalogueRole, access: admin },
  'roles:setRetired': { input: z.object({ id: roleCode, retired: z.boolean() }).strict(), output: catalogueRole, access: admin },
  'roles:delete': { input: z.object({ id: roleCode }).strict(), output: z.object({ id: z.string() }), access: admin },
  'roles:traumaticContentRecall': { input: z.object({}).strict(), output: traumaticContentRecall, access: 'session' },
  'roles:setTraumaticContentRecall': { input: traumaticContentRecall, output: traumaticContentRecall, access: admin }
} as const
