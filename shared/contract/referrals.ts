import { z } from 'zod'
import { referralDestinationKinds } from '../referrals/destinations'
import { referralStatuses } from '../referrals/status'
import { access } from './access'
import { calendarDate, id, text } from './fields'

/**
 * Referrals onward (GP, NHS Talking Therapies, the force's commissioned services…): each has a
 * status history with the date of every step, and the core works out its wait by the NHS
 * waiting standards (shared/referrals/clocks.ts). A referral cannot be sent until the person's
 * consent to share (what, with whom) is on it.
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
  consent: z.object({ scope: z.string(), givenOn: z.string() }).nullable(),
  referredOn: z.string().nullable(),
  /** Null until the referral is sent. */
  wait: referralWait.nullable(),
  steps: z.array(referralStep),
  createdByName: z.string()
})
export type Referral = z.infer<typeof referral>

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
  'referrals:forPerson': { input: z.object({ personId: id }).strict(), output: z.array(referral), access: clinician }
} as const
