import { z } from 'zod'
import { access } from './access'
import { caseRecord } from './cases'
import { id } from './fields'
import { person } from './people'
import { alert, screening } from './screening'
import { task } from './tasks'

/**
 * The latest result of one questionnaire: its score and band, and the colour of its sitting; for
 * one not completed, its own colour and what its answers already reach (never the sitting's colour).
 */
export const latestResult = z.object({
  instrument: z.string(),
  screeningId: z.string(),
  sittingDate: z.string(),
  total: z.number().nullable(),
  band: z.string().nullable(),
  complete: z.boolean(),
  /** Not completed: the lowest total its answers allow (shared/instruments/answered-floor.ts). */
  answeredFloor: z
    .object({ total: z.number(), band: z.string().nullable(), answered: z.number().int(), items: z.number().int() })
    .nullable(),
  rag: screening.shape.rag,
  ragReason: z.string().nullable(),
  riskNotAssessed: z.boolean()
})
export type LatestResult = z.infer<typeof latestResult>

/**
 * When the person is next due surveillance screening: 'not-recalled' (no role, or a role with
 * no interval), 'left' (leavers are not recalled), 'never-screened' (due now), or 'due' by a date.
 */
export const nextScreening = z.object({
  status: z.enum(['not-recalled', 'left', 'never-screened', 'due']),
  dueDate: z.string().nullable(),
  overdue: z.boolean()
})
export type NextScreening = z.infer<typeof nextScreening>

/** What a clinician needs first on opening a record, in one read (audited as a view of the record). */
export const personOverview = z.object({
  person,
  openAlerts: z.array(alert),
  openCases: z.array(caseRecord),
  latestResults: z.array(latestResult),
  /** The person's open tasks, soonest first (the first 10), and how many there are. */
  dueTasks: z.array(task),
  dueTasksTotal: z.number().int(),
  /** The soonest next review of their open cases. */
  nextReview: z.object({ date: z.string(), caseId: z.string(), overdue: z.boolean() }).nullable(),
  nextScreening,
  /** An open bereavement case with no offer of counselling on record (electron/core/services/signposting.ts). */
  bereavementCounsellingNotYetOffered: z.boolean()
})
export type PersonOverview = z.infer<typeof personOverview>

export const personOverviewChannels = {
  'people:overview': { input: z.object({ id }).strict(), output: personOverview, access: access.clinicians }
} as const
