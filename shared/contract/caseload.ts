import { z } from 'zod'
import { access } from './access'
import { caseFlags, caseReasons, caseStatuses, priorities } from './cases'
import { page } from './fields'

export const caseloadSortKeys = ['name', 'staffNumber', 'reason', 'status', 'priority', 'nextReview', 'lastContact'] as const

export const caseloadQuery = z
  .object({
    clinicianId: z.string().uuid().optional(),
    status: z.enum(caseStatuses).exclude(['closed']).optional(),
    priority: z.enum(priorities).optional(),
    flag: z.enum([...caseReasons, ...caseFlags]).optional(),
    overdueOnly: z.boolean().default(false),
    sort: z.enum(caseloadSortKeys).default('nextReview'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    page: page.default({ offset: 0, limit: 50 })
  })
  .strict()

export const caseloadRow = z.object({
  caseId: z.string(),
  personId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  reason: z.enum(caseReasons),
  status: z.enum(caseStatuses),
  priority: z.enum(priorities),
  nextReviewDate: z.string().nullable(),
  lastContactDate: z.string().nullable(),
  daysSinceContact: z.number().int().nullable(),
  flags: z.array(z.string()),
  /** Safety alerts about the person not yet acknowledged. */
  openAlerts: z.number().int(),
  /** The person has a referral still waiting for treatment past 18 (or 6) weeks: the worst of them. */
  referralBreach: z.enum(['6-weeks', '18-weeks']).nullable(),
  overdue: z.boolean(),
  openTasks: z.number().int(),
  /** The trauma exposure rule that fired for the person, while its review task is open; else null. */
  exposureReview: z.string().nullable()
})

export type CaseloadRow = z.infer<typeof caseloadRow>

export const caseloadResult = z.object({
  rows: z.array(caseloadRow),
  total: z.number().int(),
  counts: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    urgent: z.number().int(),
    byStatus: z.record(z.string(), z.number().int())
  })
})

export const teamRow = z.object({
  clinicianId: z.string(),
  clinicianName: z.string(),
  /** False for a disabled user who still holds open work that must be handed over. */
  active: z.boolean(),
  openTasks: z.number().int(),
  openCases: z.number().int(),
  urgent: z.number().int(),
  overdueReviews: z.number().int(),
  overdueTasks: z.number().int()
})

export const caseloadChannels = {
  'caseload:list': { input: caseloadQuery, output: caseloadResult, access: access.clinicians },
  'caseload:team': { input: z.object({}).strict(), output: z.array(teamRow), access: access.administrators },
  'caseload:clinicians': {
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), displayName: z.string() })),
    access: access.assigners
  }
} as const
