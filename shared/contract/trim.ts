import { z } from 'zod'
import { assessmentKinds, assessmentOutcomes } from '../trim/assessment'
import { notNeededReasons, planDecisions } from '../trim/planning'
import { access } from './access'
import { calendarDate, id, text } from './fields'
import { incident } from './incidents'
import { trimSettings } from './settings'

/**
 * TRiM (trauma risk management) after an incident: the coordinator's planning decision and who
 * is offered TRiM (each with a practitioner and two tasks, shared/trim/timing.ts); the
 * practitioner's assessments (risk factors present or absent from the team's catalogue, the
 * score the core counts, the outcome), and the referral an assessment prompts
 * (shared/trim/assessment.ts). TRiM practitioners are peers, not clinicians: they reach only
 * these channels, and only the people assigned to them.
 */
export const riskFactor = z.object({ id: z.string(), name: z.string(), retired: z.boolean(), sortOrder: z.number().int() })
export type RiskFactor = z.infer<typeof riskFactor>

export const trimOffer = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  practitionerId: z.string(),
  practitionerName: z.string(),
  initialDue: z.string(),
  followUpDue: z.string()
})

export const trimPlan = z.object({
  id: z.string(),
  incidentId: z.string(),
  decidedOn: z.string(),
  decision: z.enum(planDecisions),
  notNeededReason: z.enum(notNeededReasons).nullable(),
  plannedByName: z.string(),
  /** Only the people the caller may see. */
  offers: z.array(trimOffer)
})
export type TrimPlan = z.infer<typeof trimPlan>

/** Who an assessment's referral prompt went to, in words the screen shows as they are. */
export const referralPrompt = z.object({
  route: z.enum(['case-holder', 'planner', 'team']),
  assigneeName: z.string().nullable(),
  /** "Asked: Dr Ada Lovelace, who holds the person's case." */
  sentence: z.string(),
  reasons: z.array(z.enum(['score', 'persistent-difficulty'])),
  /**
   * For clinicians: the referral made for the person on or after the assessment, which answers
   * the prompt ("Referral made to GP on 2 Dec 2026."); null while none is, and always for TRiM
   * practitioners, who see nothing clinical.
   */
  answered: z.string().nullable()
})

export const trimAssessment = z.object({
  id: z.string(),
  offerId: z.string(),
  kind: z.enum(assessmentKinds),
  assessedOn: z.string(),
  factorsPresent: z.array(z.object({ id: z.string(), name: z.string() })),
  score: z.number().int(),
  outcome: z.enum(assessmentOutcomes),
  persistentDifficulty: z.boolean().nullable(),
  assessedByName: z.string(),
  prompt: referralPrompt.nullable()
})
export type TrimAssessment = z.infer<typeof trimAssessment>

/** One person on a practitioner's TRiM worklist: nothing clinical. */
export const trimWorkItem = z.object({
  offerId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  incidentDate: z.string(),
  incidentCategory: z.string(),
  initialDue: z.string(),
  followUpDue: z.string(),
  assessments: z.array(trimAssessment),
  /** What is due next, as the core worked it out today (shared/trim/timing.ts); null once both are recorded. */
  next: z.object({ kind: z.enum(assessmentKinds), dueOn: z.string(), overdue: z.boolean() }).nullable()
})
export type TrimWorkItem = z.infer<typeof trimWorkItem>

/** TRiM for one person, for clinicians on the person page. */
export const personTrim = z.array(
  trimWorkItem.extend({ practitionerName: z.string(), incidentReference: z.string(), incidentId: z.string() })
)
export type PersonTrim = z.infer<typeof personTrim>

const offerInput = z.object({ personId: id, practitionerId: z.string().min(1, 'Choose the TRiM practitioner') }).strict()

export const planInput = z
  .object({
    incidentId: id,
    decidedOn: calendarDate,
    decision: z.enum(planDecisions, 'Choose the planning decision'),
    notNeededReason: z.enum(notNeededReasons, 'Choose why TRiM is not needed').nullable(),
    offers: z.array(offerInput).max(500, 'Offer TRiM to 500 people or fewer at a time')
  })
  .strict()
  .superRefine((value, context) => {
    if (value.decision === 'offered' && value.offers.length === 0)
      context.addIssue({ code: 'custom', path: ['offers'], message: 'Choose at least one person to offer TRiM' })
    if (value.decision === 'not-needed' && value.notNeededReason === null)
      context.addIssue({ code: 'custom', path: ['notNeededReason'], message: 'Choose why TRiM is not needed' })
    if (value.decision === 'not-needed' && value.offers.length > 0)
      context.addIssue({ code: 'custom', path: ['offers'], message: 'Offer TRiM to no one when it is not needed' })
  })

export const assessInput = z
  .object({
    offerId: id,
    kind: z.enum(assessmentKinds, 'Choose initial assessment or follow-up'),
    assessedOn: calendarDate,
    factors: z
      .array(z.object({ factorId: z.string().min(1), present: z.boolean() }).strict())
      .min(1, 'Record each risk factor as present or absent'),
    outcome: z.enum(assessmentOutcomes, 'Choose the outcome'),
    persistentDifficulty: z.boolean().nullable()
  })
  .strict()
  .superRefine((value, context) => {
    if (value.kind === 'follow-up' && value.persistentDifficulty === null)
      context.addIssue({ code: 'custom', path: ['persistentDifficulty'], message: 'Say whether there is persistent difficulty' })
  })

export const assessmentSaved = z.object({ assessment: trimAssessment })

const practitioner = z.object({ id: z.string(), displayName: z.string() })

/**
 * A referral prompt that went to the whole team (no clinician held the person's case or planned
 * TRiM), still waiting for a clinician to take it on. Nothing clinical beyond the score.
 */
export const trimTeamPrompt = z.object({
  assessmentId: z.string(),
  personId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  kind: z.enum(assessmentKinds),
  assessedOn: z.string(),
  score: z.number().int(),
  reasons: z.array(z.enum(['score', 'persistent-difficulty'])),
  incidentCategory: z.string(),
  incidentDate: z.string()
})
export type TrimTeamPrompt = z.infer<typeof trimTeamPrompt>

export const trimChannels = {
  'trim:riskFactors': {
    input: z.object({ includeRetired: z.boolean().default(false) }).strict(),
    output: z.array(riskFactor),
    access: access.trimReaders
  },
  'trim:saveRiskFactor': {
    input: z.object({ id: z.string().nullable(), name: text('the risk factor', 120), retired: z.boolean() }).strict(),
    output: riskFactor,
    access: access.administrators
  },
  'trim:settings': { input: z.object({}).strict(), output: trimSettings, access: access.trimReaders },
  'trim:setSettings': { input: trimSettings, output: trimSettings, access: access.administrators },
  /** Users who may be assigned as TRiM practitioners (active, with the trim role). */
  'trim:practitioners': { input: z.object({}).strict(), output: z.array(practitioner), access: access.trimCoordinators },
  'trim:planForIncident': {
    input: z.object({ incidentId: id }).strict(),
    output: trimPlan.nullable(),
    access: access.trimCoordinators
  },
  'trim:plan': { input: planInput, output: trimPlan, access: access.trimCoordinators },
  /** Incidents with no planning decision yet, newest first: where a coordinator's day starts. */
  'trim:incidentsToPlan': { input: z.object({}).strict(), output: z.array(incident), access: access.trimCoordinators },
  /** The caller's own TRiM worklist: the people assigned to them. */
  'trim:worklist': { input: z.object({}).strict(), output: z.array(trimWorkItem), access: access.trimPractitioners },
  'trim:assess': { input: assessInput, output: assessmentSaved, access: access.trimPractitioners },
  'trim:forPerson': { input: z.object({ personId: id }).strict(), output: personTrim, access: access.clinicians },
  'trim:teamPrompts': { input: z.object({}).strict(), output: z.array(trimTeamPrompt), access: access.clinicians },
  'trim:takePrompt': {
    input: z.object({ assessmentId: id }).strict(),
    output: z.object({ taskId: z.string(), personName: z.string() }),
    access: access.clinicians
  }
} as const
