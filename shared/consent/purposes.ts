/**
 * What a person's consent to share is for. A referral's consent names a destination from the
 * referral destinations catalogue; a management advice report's names the manager or the
 * organisation it goes to; any other disclosure names its recipient in a few words.
 */
export const consentPurposes = ['referral', 'management-advice', 'other'] as const
export type ConsentPurpose = (typeof consentPurposes)[number]

export const consentPurposeLabels: Record<ConsentPurpose, string> = {
  referral: 'Referral',
  'management-advice': 'Management advice report',
  other: 'Other disclosure'
}
