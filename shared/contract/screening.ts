import { z } from 'zod'
import { access } from './access'
import { amberFollowUp, followUpReasons } from '../instruments/follow-up'
import { ragRules } from '../instruments/rag'
import { calendarDate, id, optionalDate, page, text } from './fields'

const flag = z.object({ code: z.string(), severity: z.enum(['critical', 'warning', 'info']), message: z.string() })

/**
 * Why a safety question (a critical item such as PHQ-9 item 9) has no answer on the form.
 * A clinician records one of the first three; Harbour records the last two itself.
 */
export const criticalGapReasons = ['declined', 'ran-out-of-time', 'asked-verbally', 'left-blank-self-completed', 'not-in-import'] as const
export type CriticalGapReason = (typeof criticalGapReasons)[number]
export const clinicianGapReasons = ['declined', 'ran-out-of-time', 'asked-verbally'] as const

export const criticalGapReasonNames: Record<CriticalGapReason, string> = {
  declined: 'The person declined to answer',
  'ran-out-of-time': 'Ran out of time',
  'asked-verbally': 'Asked verbally',
  'left-blank-self-completed': 'Left blank when self-completed',
  'not-in-import': 'Not answered in the imported results'
}

export const criticalGap = z
  .object({
    item: z.number().int().min(1).max(40),
    reason: z.enum(clinicianGapReasons, 'Choose why the question was not answered'),
    /** The answer given aloud, when the question was asked verbally. */
    verbalAnswer: z.number().int().nullable().default(null)
  })
  .strict()

export const instrumentAnswers = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('items'),
    instrument: z.string().max(40),
    answers: z.array(z.number().int().nullable()).max(40),
    criticalNotAnswered: z.array(criticalGap).max(10).default([]),
    /** The clinician's answer to "nothing is answered: was it not attempted?" */
    notAttempted: z.boolean().default(false)
  }),
  z.object({
    kind: z.literal('external'),
    instrument: z.string().max(40),
    total: z.number().nullable(),
    subscales: z.record(z.string(), z.number().nullable()).default({})
  })
])

export const saveScreeningInput = z
  .object({
    personId: id,
    sittingDate: calendarDate,
    mode: z.enum(['clinician-entered', 'self-completed', 'imported']),
    results: z.array(instrumentAnswers).min(1, 'Complete at least one questionnaire').max(20)
  })
  .strict()

export const screeningResult = z.object({
  instrument: z.string(),
  answers: z.array(z.number().nullable()).nullable(),
  total: z.number().nullable(),
  band: z.string().nullable(),
  subscales: z.record(z.string(), z.number().nullable()),
  flags: z.array(flag),
  complete: z.boolean(),
  externallyScored: z.boolean(),
  scoringVersion: z.string(),
  /** Safety questions with no answer on the form, and why (asked verbally: the answer is in `answers`). */
  criticalNotAnswered: z.array(z.object({ item: z.number().int(), reason: z.enum(criticalGapReasons) })),
  /** For a questionnaire not completed: the lowest total its answers allow (shared/instruments/answered-floor.ts). */
  answeredFloor: z
    .object({ total: z.number(), band: z.string().nullable(), answered: z.number().int(), items: z.number().int() })
    .nullable(),
  /** The clinician recorded that this questionnaire was not attempted: neither a result nor a blank. */
  notAttempted: z.boolean()
})

export const screening = z.object({
  id: z.string(),
  personId: z.string(),
  sittingDate: z.string(),
  mode: z.enum(['clinician-entered', 'self-completed', 'imported']),
  rag: z.enum(['red', 'amber', 'green']),
  ragRule: z.string().nullable(),
  /** What made the rule fire, in words (e.g. "PHQ-9 item 9 answered “Several days”"). */
  ragReason: z.string().nullable(),
  /** A safety question was left unanswered, so risk was not assessed by this sitting. */
  riskNotAssessed: z.boolean(),
  /** Every questionnaire in the sitting was completed. */
  complete: z.boolean(),
  version: z.number().int(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  correctionReason: z.string().nullable(),
  enteredByName: z.string(),
  createdAt: z.string(),
  results: z.array(screeningResult)
})

export type Screening = z.infer<typeof screening>

export const alert = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  screeningId: z.string(),
  code: z.string(),
  message: z.string(),
  status: z.enum(['open', 'acknowledged']),
  acknowledgedByName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  actionNote: z.string().nullable(),
  createdAt: z.string(),
  /** The sitting that raised it: its date, how it was completed and its version. */
  sittingDate: z.string(),
  sittingMode: z.enum(['clinician-entered', 'self-completed', 'imported']),
  sittingVersion: z.number().int(),
  instrument: z.string(),
  item: z.number().int().nullable(),
  answer: z.number().nullable(),
  /** Who took the action and when (London wall clock, stored as an instant); may differ from who recorded it. */
  actionTakenByName: z.string().nullable(),
  actionTakenAt: z.string().nullable(),
  followUpDate: z.string().nullable(),
  /** A follow-up not yet done whose date has passed (by the core's clock). */
  followUpOverdue: z.boolean(),
  /** The follow-up task's end: when, by whom, and what happened. */
  followUpDoneAt: z.string().nullable(),
  followUpDoneByName: z.string().nullable(),
  followUpOutcome: z.string().nullable()
})

export type Alert = z.infer<typeof alert>

export const followUpRoutes = ['case-review', 'team-decision'] as const
export const followUpDecisions = ['case-opened', 'no-case', 'reviewed'] as const
export type FollowUpDecision = (typeof followUpDecisions)[number]

export const followUpDecisionNames: Record<FollowUpDecision, string> = {
  'case-opened': 'Case opened',
  'no-case': 'No case needed',
  reviewed: 'Reviewed'
}

/** What a red, amber or unassessed-risk result led to, and what was decided. */
export const followUp = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  screeningId: z.string(),
  sittingDate: z.string(),
  sittingMode: z.enum(['clinician-entered', 'self-completed', 'imported']),
  rag: z.enum(['red', 'amber', 'green']),
  ragReason: z.string().nullable(),
  reason: z.enum(followUpReasons),
  route: z.enum(followUpRoutes),
  caseId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(['open', 'decided']),
  decision: z.enum(followUpDecisions).nullable(),
  decisionNote: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string()
})

export type FollowUp = z.infer<typeof followUp>

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time such as 14:05')

export const acknowledgeInput = z
  .object({
    alertId: id,
    actionNote: text('the action taken', 2000),
    /** Who took the action; the person acknowledging when not given. */
    actionTakenBy: id.optional(),
    /** When the action was taken, London time; now when not given. */
    actionTakenOn: calendarDate.optional(),
    actionTakenTime: clockTime.optional(),
    /** A date to follow up, which becomes a task for the case clinician. */
    followUpDate: optionalDate.optional()
  })
  .strict()

export const decideFollowUpInput = z
  .object({
    followUpId: id,
    decision: z.enum(['no-case', 'reviewed'], 'Choose what was decided'),
    note: text('what was decided and why', 4000)
  })
  .strict()

export const screeningRulesChange = z.object({ rules: ragRules }).strict()

export const dueRow = z.object({
  personId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  roleName: z.string(),
  department: z.string().nullable(),
  intervalMonths: z.number().int(),
  /** The last complete sitting: an incomplete one never counts as screened. */
  lastScreened: z.string().nullable(),
  /** A sitting after the last complete one that was left incomplete, if any. */
  lastIncomplete: z.string().nullable(),
  dueDate: z.string(),
  overdue: z.boolean()
})

export type DueRow = z.infer<typeof dueRow>

/** Who to list: a role, a department (any case) and how far ahead to look. */
export const dueFilters = z
  .object({
    roleId: z.string().optional(),
    department: z.string().max(120).optional(),
    withinDays: z.number().int().min(0).max(366).default(30)
  })
  .strict()

export const dueList = z.object({
  rows: z.array(dueRow),
  total: z.number().int(),
  overdue: z.number().int(),
  /** How many are due in the period with no role or department filter, so an empty list can say which filter emptied it. */
  dueInPeriod: z.number().int()
})

export type DueList = z.infer<typeof dueList>

/**
 * Where a saved sitting's follow-up went, as the core did it: an urgent task per new alert (to
 * whom), a review task on the open case (to whom), or the team's decision list on Home. The
 * window words the save notice from this and never works it out itself.
 */
const taskHolder = z.object({ id: z.string(), name: z.string() })
export const savedFollowUp = z.object({ urgentTaskTo: z.array(taskHolder), reviewTaskTo: taskHolder.nullable(), teamDecision: z.boolean() })
export type SavedFollowUp = z.infer<typeof savedFollowUp>
export const savedScreening = screening.extend({ followUp: savedFollowUp })
export type SavedScreening = z.infer<typeof savedScreening>

const clinician = access.clinicians

export const screeningChannels = {
  'screening:save': { input: saveScreeningInput, output: savedScreening, access: clinician },
  'screening:correct': {
    input: z
      .object({ screeningId: id, reason: text('the reason for the correction', 500), results: saveScreeningInput.shape.results })
      .strict(),
    output: savedScreening,
    access: clinician
  },
  'screening:forPerson': { input: z.object({ personId: id }).strict(), output: z.array(screening), access: clinician },
  'screening:alerts': { input: z.object({ personId: id.optional() }).strict(), output: z.array(alert), access: clinician },
  'screening:acknowledge': { input: acknowledgeInput, output: alert, access: clinician },
  'screening:followUps': {
    input: z.object({ personId: id.optional(), page: page.default({ offset: 0, limit: 50 }) }).strict(),
    output: z.object({ rows: z.array(followUp), total: z.number().int() }),
    access: clinician
  },
  'screening:decide': { input: decideFollowUpInput, output: followUp, access: clinician },
  'screening:due': {
    input: dueFilters.extend({ page: page.default({ offset: 0, limit: 100 }) }).strict(),
    output: dueList,
    access: clinician
  },
  /** Every row of the recall list, for the A4 printout (audited as a print). */
  'screening:printDue': { input: dueFilters, output: dueList, access: clinician },
  /** The departments on record, one spelling each, to filter the recall list by. */
  'screening:dueDepartments': { input: z.object({}).strict(), output: z.array(z.string()), access: clinician },
  'screening:rules': { input: z.object({}).strict(), output: ragRules, access: 'session' },
  'screening:setRules': { input: screeningRulesChange, output: ragRules, access: access.administrators },
  'screening:followUpSetting': { input: z.object({}).strict(), output: z.object({ amber: amberFollowUp }), access: 'session' },
  'screening:setFollowUpSetting': {
    input: z.object({ amber: amberFollowUp }).strict(),
    output: z.object({ amber: amberFollowUp }),
    access: access.administrators
  }
} as const
