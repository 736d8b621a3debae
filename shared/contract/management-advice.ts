import { z } from 'zod'
import { fitnessOptions, reportStatuses } from '../management-advice/fitness'
import { access } from './access'
import { printableDocument } from './documents'
import { calendarDate, id, optionalDate, optionalText, text } from './fields'

/**
 * A management advice report: occupational health's functional advice to a person's manager
 * (fitness for role, adjustments, expected return, review date). There is deliberately no field
 * for a diagnosis, questionnaire scores or clinical detail, here or in the store; the input
 * schemas are strict, so such a key is refused rather than quietly carried. It is released only
 * on a current consent naming the manager or organisation, and, when the person asked to see it
 * first, only after it was shown to them and their comments recorded.
 */
export const managementAdviceReport = z.object({
  id: z.string(),
  personId: z.string(),
  managerName: z.string(),
  organisation: z.string().nullable(),
  fitness: z.enum(fitnessOptions),
  adjustments: z.string().nullable(),
  expectedReturnOn: z.string().nullable(),
  reviewOn: z.string().nullable(),
  askedToSeeFirst: z.boolean(),
  shownOn: z.string().nullable(),
  personComments: z.string().nullable(),
  status: z.enum(reportStatuses),
  releasedOn: z.string().nullable(),
  releasedByName: z.string().nullable(),
  createdByName: z.string(),
  createdOn: z.string(),
  /** What stands in the way of releasing it today, in the user's words; empty when it may be released (or is released). */
  releaseProblems: z.array(z.string())
})
export type ManagementAdviceReport = z.infer<typeof managementAdviceReport>

/** The advice itself, exactly these keys: anything else (a diagnosis, scores) is refused. */
export const managementAdviceFields = z
  .object({
    personId: id,
    managerName: text('the manager’s name', 200),
    organisation: optionalText('the organisation', 200).default(null),
    fitness: z.enum(fitnessOptions, 'Choose the person’s fitness for their role'),
    adjustments: optionalText('the adjustments', 2000).default(null),
    expectedReturnOn: optionalDate.default(null),
    reviewOn: optionalDate.default(null),
    askedToSeeFirst: z.boolean()
  })
  .strict()

/** Advice of "fit with adjustments" names the adjustments. */
export function checkAdjustments(value: { fitness?: string; adjustments?: string | null }, context: z.RefinementCtx): void {
  if (value.fitness === 'fit-with-adjustments' && !value.adjustments)
    context.addIssue({ code: 'custom', path: ['adjustments'], message: 'Enter the adjustments the person needs' })
}

export const draftManagementAdviceInput = managementAdviceFields.superRefine(checkAdjustments)

/** A draft changed before it is shown or released: the same advice fields, for one report. */
export const updateManagementAdviceInput = managementAdviceFields
  .omit({ personId: true })
  .extend({ reportId: id })
  .strict()
  .superRefine(checkAdjustments)

const clinician = access.clinicians

export const managementAdviceChannels = {
  'management-advice:forPerson': { input: z.object({ personId: id }).strict(), output: z.array(managementAdviceReport), access: clinician },
  'management-advice:draft': { input: draftManagementAdviceInput, output: managementAdviceReport, access: clinician },
  'management-advice:update': { input: updateManagementAdviceInput, output: managementAdviceReport, access: clinician },
  'management-advice:recordShown': {
    input: z.object({ reportId: id, shownOn: calendarDate, comments: text('the person’s comments, or “No comments”', 4000) }).strict(),
    output: managementAdviceReport,
    access: clinician
  },
  'management-advice:release': { input: z.object({ reportId: id }).strict(), output: managementAdviceReport, access: clinician },
  /** A released report as an A4 PDF through the save dialog; null when the clinician cancels. */
  'management-advice:savePdf': {
    input: z.object({ reportId: id }).strict(),
    output: z.object({ fileName: z.string() }).nullable(),
    access: clinician
  },
  'management-advice:document': { input: z.object({ reportId: id }).strict(), output: printableDocument, access: clinician }
} as const
