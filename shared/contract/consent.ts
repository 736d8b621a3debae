import { z } from 'zod'
import { consentPurposes } from '../consent/purposes'
import { access } from './access'
import { calendarDate, id, optionalText, text } from './fields'

/**
 * Consent to share: what a person agreed may be shared, for what (a referral, a management
 * advice report, another disclosure), with whom, and when; and, if they withdraw it, when.
 * Nothing reaches a referral destination or a manager without a current consent that matches
 * (shared/consent/current.ts). A withdrawn consent stays in the history.
 */
export const consentRecord = z.object({
  id: z.string(),
  personId: z.string(),
  purpose: z.enum(consentPurposes),
  /** For a referral: the destination in the catalogue. */
  destinationId: z.string().nullable(),
  /** Whom it may be shared with, in words: the destination's name, or the manager, organisation or recipient named. */
  recipientName: z.string(),
  scope: z.string(),
  givenOn: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  /** In force today, by the core's clock. */
  current: z.boolean()
})
export type ConsentRecord = z.infer<typeof consentRecord>

/** A new consent's fields, before the rule that ties the recipient to the purpose (forms omit the person). */
export const consentFields = z
  .object({
    personId: id,
    purpose: z.enum(consentPurposes, 'Choose what the consent is for'),
    destinationId: z.string().nullable().default(null),
    recipient: optionalText('who it may be shared with', 200).default(null),
    scope: text('what the person agreed may be shared', 2000),
    givenOn: calendarDate
  })
  .strict()

/** A referral's consent names a destination; any other names its recipient. */
export function checkConsentRecipient(
  value: { purpose: string; destinationId?: string | null; recipient?: string | null },
  context: z.RefinementCtx
): void {
  if (value.purpose === 'referral' && !value.destinationId)
    context.addIssue({ code: 'custom', path: ['destinationId'], message: 'Choose where the referral goes' })
  if (value.purpose !== 'referral' && !value.recipient)
    context.addIssue({
      code: 'custom',
      path: ['recipient'],
      message:
        value.purpose === 'management-advice' ? 'Enter the manager or organisation the report may go to' : 'Enter who it may be shared with'
    })
}

export const recordConsentInput = consentFields.superRefine(checkConsentRecipient)

const clinician = access.clinicians

export const consentChannels = {
  'consent:forPerson': { input: z.object({ personId: id }).strict(), output: z.array(consentRecord), access: clinician },
  'consent:record': { input: recordConsentInput, output: consentRecord, access: clinician },
  'consent:withdraw': {
    input: z.object({ consentId: id, withdrawnOn: calendarDate }).strict(),
    output: consentRecord,
    access: clinician
  }
} as const
