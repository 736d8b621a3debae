import { z } from 'zod'
import { referralDestinationKinds } from '../referrals/destinations'
import { referralStatuses } from '../referrals/status'
import { access } from './access'
import { referralChase } from './settings'
import { calendarDate, id, page, text } from './fields'
import { printableDocument } from './documents'
import { letterPlaceholders, letterTemplateMaxLength } from '../referrals/letter-template'

/**
 * Referrals onward (GP, NHS Talking Therapies, the force's commissioned services…): each has a
 * status history with the date of every step, and the core works out its wait by the NHS
 * waiting standards (shared/referrals/clocks.ts). A referral cannot be sent without a current
 * consent record (shared/contract/consent.ts) for its destination.
 */
export const referralDestination = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(referralDestinationKinds),
  retired: z.boolean()
})
export type ReferralDestination = z.infer<typeof referralDestination>

export const referralStep = z.object({
  status: z.enum(referralStatuses),
  happenedOn: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string()
})

/** How long the referral has waited and against which standard; worked out by the core. */
export const referralWait = z.object({
  daysWaiting: z.number().int(),
  daysToAssessment: z.number().int().nullable(),
  daysToTreatment: z.number().int().nullable(),
  within6Weeks: z.boolean().nullable(),
  within18Weeks: z.boolean().nullable(),
  /** Still waiting for treatment and past 6 (or 18) weeks: shown as a breach. */
  breached: z.enum(['6-weeks', '18-weeks']).nullable()
})

const sitting = z.object({ date: z.string(), total: z.number().int() })

/**
 * A completed referral's outcome: the person's scores paired before and after by the rule in
 * shared/outcomes/pairing.ts, classified by the NHS Talking Therapies rules, and that
 * classification (or which score is missing) in words. Worked out by the core.
 */
export const referralOutcome = z.object({
  scores: z.array(
    z.object({ measure: z.enum(['phq9', 'gad7', 'pcl5']), name: z.string(), pre: sitting.nullable(), post: sitting.nullable() })
  ),
  classification: z
    .object({
      atCasenessPre: z.boolean(),
      atCasenessPost: z.boolean(),
      recovery: z.boolean(),
      reliableImprovement: z.boolean(),
      reliableDeterioration: z.boolean(),
      reliableRecovery: z.boolean()
    })
    .nullable(),
  summary: z.string()
})
export type ReferralOutcome = z.infer<typeof referralOutcome>

export const referral = z.object({
  id: z.string(),
  personId: z.string(),
  caseId: z.string().nullable(),
  destinationId: z.string(),
  destinationName: z.string(),
  reason: z.string(),
  urgency: z.enum(['routine', 'urgent']),
  status: z.enum(referralStatuses),
  /** The statuses this referral may move to next. */
  nextStatuses: z.array(z.enum(referralStatuses)),
  /**
   * The consent record it was sent on (shown withdrawn if the person withdrew it later); before
   * it is sent, the consent that would cover it today. Null when there is none.
   */
  consent: z.object({ id: z.string(), scope: z.string(), givenOn: z.string(), withdrawnOn: z.string().nullable() }).nullable(),
  referredOn: z.string().nullable(),
  /** Null until the referral is sent. */
  wait: referralWait.nullable(),
  steps: z.array(referralStep),
  createdByName: z.string(),
  /** Only for a completed referral. */
  outcome: referralOutcome.nullable()
})
export type Referral = z.infer<typeof referral>

/** One open referral on the Referrals worklist, with its wait as the core counted it today. */
export const referralWorklistRow = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  destinationName: z.string(),
  status: z.enum(referralStatuses),
  urgency: z.enum(['routine', 'urgent']),
  referredOn: z.string().nullable(),
  /** Null until it is sent. */
  wait: referralWait.nullable(),
  daysSinceUpdate: z.number().int(),
  /** Who holds the case it belongs to, if it has one. */
  holderName: z.string().nullable()
})
export type ReferralWorklistRow = z.infer<typeof referralWorklistRow>

export const referralWorklistQuery = z
  .object({
    /** Mine: referrals for cases I hold, or that I made. All: every open referral I may see. */
    view: z.enum(['mine', 'all']).default('mine'),
    breachedOnly: z.boolean().default(false),
    page: page.default({ offset: 0, limit: 50 })
  })
  .strict()

export const referralLetterTemplate = z.object({
  letterTemplate: z.string(),
  placeholders: z.array(
    z.object({ name: z.enum(Object.keys(letterPlaceholders) as [keyof typeof letterPlaceholders]), meaning: z.string() })
  ),
  isDefault: z.boolean()
})
export type ReferralLetterTemplate = z.infer<typeof referralLetterTemplate>

const clinician = access.clinicians

export const referralsChannels = {
  'referrals:destinations': { input: z.object({}).strict(), output: z.array(referralDestination), access: clinician },
  'referrals:create': {
    input: z
      .object({
        personId: id,
        caseId: id.nullable(),
        destinationId: z.string().min(1, 'Choose where the referral goes'),
        reason: text('the reason for the referral', 4000),
        urgency: z.enum(['routine', 'urgent'])
      })
      .strict(),
    output: referral,
    access: clinician
  },
  'referrals:recordConsent': {
    input: z.object({ referralId: id, scope: text('what the person agreed may be shared', 2000), givenOn: calendarDate }).strict(),
    output: referral,
    access: clinician
  },
  'referrals:recordStep': {
    input: z.object({ referralId: id, status: z.enum(referralStatuses), happenedOn: calendarDate }).strict(),
    output: referral,
    access: clinician
  },
  'referrals:forPerson': { input: z.object({ personId: id }).strict(), output: z.array(referral), access: clinician },
  'referrals:worklist': {
    input: referralWorklistQuery,
    output: z.object({ rows: z.array(referralWorklistRow), total: z.number().int() }),
    access: clinician
  },
  'referrals:chaseSetting': { input: z.object({}).strict(), output: referralChase, access: 'session' },
  'referrals:setChaseSetting': { input: referralChase, output: referralChase, access: access.administrators },
  /** The referral letter's template and the placeholders it may use (shared/referrals/letter-template.ts). */
  'referrals:letterTemplate': { input: z.object({}).strict(), output: referralLetterTemplate, access: access.administrators },
  'referrals:setLetterTemplate': {
    input: z
      .object({ letterTemplate: z.string().max(letterTemplateMaxLength, 'The letter template must be 20,000 characters or fewer') })
      .strict(),
    output: referralLetterTemplate,
    access: access.administrators
  },
  /** The letter as it will be saved, for the window to preview. */
  'referrals:letterPreview': { input: z.object({ referralId: id }).strict(), output: printableDocument, access: clinician },
  /** Saves the letter as a PDF where the clinician chooses in the native dialog; null if they cancel. */
  'referrals:saveLetter': {
    input: z.object({ referralId: id }).strict(),
    output: z.object({ fileName: z.string() }).nullable(),
    access: clinician
  }
} as const
