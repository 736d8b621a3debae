/**
 * A TRiM planning decision for an incident: TRiM offered, or not needed with a short reason
 * category (never clinical free text).
 */
export const planDecisions = ['offered', 'not-needed'] as const
export type PlanDecision = (typeof planDecisions)[number]

export const notNeededReasons = ['low-impact', 'other-support-in-place', 'declined-by-team', 'other'] as const
export type NotNeededReason = (typeof notNeededReasons)[number]

export const notNeededReasonLabels: Record<NotNeededReason, string> = {
  'low-impact': 'Low impact incident',
  'other-support-in-place': 'Other support already in place',
  'declined-by-team': 'Declined by those involved',
  other: 'Other'
}

export const planDecisionLabels: Record<PlanDecision, string> = { offered: 'TRiM offered', 'not-needed': 'TRiM not needed' }

/** Task titles for the practitioner. */
export const initialAssessmentTitle = 'TRiM initial assessment'
export const followUpAssessmentTitle = 'TRiM follow-up assessment'

/** Task sources: the two assessments (closed by recording them) and the referral prompt (closed with Done). */
export const trimInitialSource = 'rule:trim-initial'
export const trimFollowUpSource = 'rule:trim-follow-up'
export const trimReferralPromptSource = 'rule:trim-referral-prompt'
