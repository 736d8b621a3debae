import { z } from 'zod'
import { access } from './access'
import { calendarDate, id, optionalDate, optionalText, text } from './fields'
import { task } from './tasks'

export const caseReasons = [
  'self-referral',
  'management-referral',
  'post-incident',
  'surveillance-result',
  'under-investigation',
  'internal-abuse-report',
  'bereavement',
  'return-to-work',
  'other'
] as const
export type CaseReason = (typeof caseReasons)[number]

export const caseReasonNames: Record<CaseReason, string> = {
  'self-referral': 'Self-referral',
  'management-referral': 'Management referral',
  'post-incident': 'Post-incident',
  'surveillance-result': 'Surveillance result',
  'under-investigation': 'Under investigation',
  'internal-abuse-report': 'Internal abuse report',
  bereavement: 'Bereavement',
  'return-to-work': 'Return to work',
  other: 'Other'
}

export const caseStatuses = ['open', 'active', 'awaiting-treatment', 'in-treatment', 'monitoring', 'closed'] as const
export type CaseStatus = (typeof caseStatuses)[number]
/** The statuses a case can be set to while it is open (closing has its own step). */
export const openStatuses = caseStatuses.filter((status): status is Exclude<CaseStatus, 'closed'> => status !== 'closed')
export const caseStatusNames: Record<CaseStatus, string> = {
  open: 'Open',
  active: 'Active',
  'awaiting-treatment': 'Awaiting treatment',
  'in-treatment': 'In treatment',
  monitoring: 'Monitoring',
  closed: 'Closed'
}

export const priorities = ['routine', 'soon', 'urgent'] as const
export type Priority = (typeof priorities)[number]
export const priorityNames: Record<Priority, string> = { routine: 'Routine', soon: 'Soon', urgent: 'Urgent' }

export const caseFlags = ['communications-traumatic-content', 'leader-secondary-exposure'] as const
export const caseFlagNames: Record<(typeof caseFlags)[number], string> = {
  'communications-traumatic-content': 'Communications role exposed to traumatic content',
  'leader-secondary-exposure': 'Leader with secondary exposure'
}

/** Fields of their own for the pathways the guidance names. */
export const pathway = z
  .object({
    investigation: z
      .object({ noticeDate: optionalDate, welfareOfficer: optionalText('the welfare support officer', 120), nextHearingDate: optionalDate })
      .strict()
      .optional(),
    internalAbuse: z
      .object({
        nature: z
          .array(z.enum(['racism', 'misogyny', 'homophobia', 'bullying', 'sexual-harassment', 'other']))
          .min(1, 'Choose what was reported'),
        reportedOn: optionalDate,
        supportOffered: optionalText('the support offered', 1000)
      })
      .strict()
      .optional(),
    bereavement: z
      .object({
        counsellingOfferedOn: calendarDate,
        response: z.enum(['accepted', 'declined', 'awaiting'], 'Record whether counselling was accepted or declined')
      })
      .strict()
      .optional()
  })
  .strict()

export type Pathway = z.infer<typeof pathway>

export const openCaseInput = z
  .object({
    personId: id,
    reason: z.enum(caseReasons, 'Choose the reason for the case'),
    priority: z.enum(priorities, 'Choose a priority'),
    assignedClinicianId: id.optional(),
    nextReviewDate: optionalDate,
    flags: z.array(z.enum(caseFlags)).default([]),
    pathway: pathway.default({})
  })
  .strict()

export const updateCaseInput = z
  .object({
    id,
    status: z.enum(caseStatuses).exclude(['closed']).optional(),
    priority: z.enum(priorities).optional(),
    nextReviewDate: optionalDate.optional(),
    flags: z.array(z.enum(caseFlags)).optional(),
    pathway: pathway.optional(),
    /** The version the editor read: a save over a newer one is refused, never overwriting it. */
    version: z.number().int().positive().optional()
  })
  .strict()

export const caseRecord = z.object({
  id: z.string(),
  personId: z.string(),
  reason: z.enum(caseReasons),
  assignedClinicianId: z.string(),
  assignedClinicianName: z.string(),
  /** False once the holder's account is disabled: the case waits for someone to take it on. */
  assignedClinicianActive: z.boolean(),
  /** Who opened the case; a handover changes the holder, never this. Null for cases opened before it was kept. */
  openedById: z.string().nullable(),
  openedByName: z.string().nullable(),
  status: z.enum(caseStatuses),
  priority: z.enum(priorities),
  nextReviewDate: z.string().nullable(),
  flags: z.array(z.enum(caseFlags)),
  pathway,
  lastContactDate: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  closureOutcome: z.string().nullable(),
  /** Saves so far: an edit sends back the version it read (optimistic concurrency). */
  version: z.number().int()
})

export type CaseRecord = z.infer<typeof caseRecord>

/** What a handover did, for the confirmation: from whom, to whom, and how many tasks went too. */
export const caseHandover = z.object({ fromName: z.string(), toName: z.string(), tasksMoved: z.number().int() })
export type CaseHandover = z.infer<typeof caseHandover>

/**
 * Who takes the work on, and the handover note (several lines are fine: what is going on,
 * what is next, who to call). The window's handover forms check the same schema.
 */
export const handoverChoice = z.object({
  clinicianId: z.string().min(1, 'Choose who takes the case on').pipe(id),
  note: text('a handover note', 4000)
})

/** Safety work still open for a case (an unacknowledged alert, an urgent or safety task): closing never closes it. */
export const safetyWork = z.object({
  kind: z.enum(['alert', 'task']),
  id: z.string(),
  title: z.string(),
  holderName: z.string().nullable(),
  dueDate: z.string().nullable()
})
export type SafetyWork = z.infer<typeof safetyWork>

/** Work still held by someone who can no longer sign in, as far as the caller may see it. */
export const leftWork = z.object({
  userId: z.string(),
  name: z.string(),
  cases: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      personName: z.string(),
      reason: z.enum(caseReasons),
      nextReviewDate: z.string().nullable(),
      /** The review date has passed (by the core's clock). */
      reviewOverdue: z.boolean()
    })
  ),
  tasks: z.array(task)
})
export type LeftWork = z.infer<typeof leftWork>

const clinician = access.clinicians

export const casesChannels = {
  'cases:open': { input: openCaseInput, output: caseRecord, access: clinician },
  'cases:update': { input: updateCaseInput, output: caseRecord, access: clinician },
  'cases:reassign': {
    input: handoverChoice.extend({ id }).strict(),
    output: caseRecord.extend({ handover: caseHandover }),
    access: clinician
  },
  'cases:handoverPreview': {
    input: z.object({ id }).strict(),
    output: z.object({ moving: z.array(task), staying: z.array(task) }),
    access: clinician
  },
  'cases:leftWork': { input: z.object({}).strict(), output: z.array(leftWork), access: clinician },
  'cases:handOverLeftWork': {
    input: handoverChoice.extend({ fromUserId: id }).strict(),
    output: z.object({
      fromName: z.string(),
      toName: z.string(),
      cases: z.number().int(),
      tasks: z.number().int(),
      stillHeld: z.number().int()
    }),
    access: clinician
  },
  'cases:close': {
    // Without closedOn the core stamps today's date from its own clock: the window never supplies it.
    // With open safety work the core refuses unless the closer confirmed they saw it listed.
    input: z
      .object({
        id,
        outcome: text('the closure outcome', 1000),
        closedOn: calendarDate.optional(),
        confirmOpenSafetyWork: z.literal(true).optional()
      })
      .strict(),
    output: caseRecord,
    access: clinician
  },
  'cases:safetyWork': { input: z.object({ id }).strict(), output: z.array(safetyWork), access: clinician },
  'cases:forPerson': { input: z.object({ personId: id }).strict(), output: z.array(caseRecord), access: clinician }
} as const
