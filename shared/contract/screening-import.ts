import { z } from 'zod'
import { access } from './access'
import { importProblem } from './people-import'

/**
 * Results from an external online screening provider: one row per questionnaire, with the
 * person's staff number, the date, the instrument id and the item answers in item_1…item_N.
 * The three key columns can be mapped; Harbour re-scores every row itself.
 */
export const screeningImportMapping = z
  .object({ staffNumber: z.string().max(200), date: z.string().max(200), instrument: z.string().max(200) })
  .partial()

export const screeningImportReport = z.object({
  token: z.string(),
  fileName: z.string(),
  headers: z.array(z.string()),
  rows: z.number().int(),
  sittings: z.number().int(),
  /** As people import's: a null line is the column mapping; `person` names whose row it is. */
  problems: z.array(importProblem),
  /** Problems found beyond those listed: a report lists the first few hundred. */
  moreProblems: z.number().int(),
  alerts: z.number().int(),
  committed: z.boolean()
})

export type ScreeningImportReport = z.infer<typeof screeningImportReport>

export const screeningImportChannels = {
  'screening-import:choose': {
    input: z.object({}).strict(),
    output: z.object({ token: z.string(), fileName: z.string() }).nullable(),
    access: access.clinicians
  },
  'screening-import:run': {
    input: z.object({ token: z.string(), mapping: screeningImportMapping.optional(), commit: z.boolean() }).strict(),
    output: screeningImportReport,
    access: access.clinicians
  }
} as const
