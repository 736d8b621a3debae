/**
 * A referral's journey, written once for the core (which refuses anything else) and the window
 * (which offers only the next steps allowed): drafted → sent → acknowledged → assessed →
 * treatment started → completed, or it ends as declined, did not attend or withdrawn.
 */
export const referralStatuses = [
  'drafted',
  'sent',
  'acknowledged',
  'assessed',
  'treatment-started',
  'completed',
  'declined',
  'did-not-attend',
  'withdrawn'
] as const
export type ReferralStatus = (typeof referralStatuses)[number]

export const referralStatusLabels: Record<ReferralStatus, string> = {
  drafted: 'Drafted',
  sent: 'Sent',
  acknowledged: 'Acknowledged by the service',
  assessed: 'Assessed',
  'treatment-started': 'Treatment started',
  completed: 'Completed',
  declined: 'Declined',
  'did-not-attend': 'Did not attend',
  withdrawn: 'Withdrawn'
}

/** Where a referral may go next. An ended referral goes nowhere: a new need is a new referral. */
export const nextReferralStatuses: Record<ReferralStatus, readonly ReferralStatus[]> = {
  drafted: ['sent', 'withdrawn'],
  // A service may assess without acknowledging first, or turn the referral down.
  sent: ['acknowledged', 'assessed', 'declined', 'did-not-attend', 'withdrawn'],
  acknowledged: ['assessed', 'declined', 'did-not-attend', 'withdrawn'],
  // Assessment may find no treatment is needed: completed straight from assessed.
  assessed: ['treatment-started', 'completed', 'declined', 'did-not-attend', 'withdrawn'],
  'treatment-started': ['completed', 'did-not-attend', 'withdrawn'],
  completed: [],
  declined: [],
  'did-not-attend': [],
  withdrawn: []
}

/** Ended: nothing further happens to the referral and its wait stops counting. */
export function referralEnded(status: ReferralStatus): boolean {
  return nextReferralStatuses[status].length === 0
}

/** Null if the move is allowed, otherwise the message, naming both states in the user's words. */
export function referralTransitionProblem(from: ReferralStatus, to: ReferralStatus): string | null {
  if (nextReferralStatuses[from].includes(to)) return null
  const now = referralStatusLabels[from].toLowerCase()
  const next = referralStatusLabels[to].toLowerCase()
  if (referralEnded(from))
    return `This referral has ended (${now}), so it cannot be marked ${next}. Start a new referral if it is needed again.`
  return `A referral that is ${now} cannot be marked ${next}.`
}

/** Not ended: the referrals a worklist shows. */
export const openReferralStatuses = referralStatuses.filter((status) => !referralEnded(status))

/**
 * Sent and waiting on the service, before treatment: the wait counts towards a breach, and a
 * referral here with no step for a while is chased.
 */
export const awaitingServiceStatuses = ['sent', 'acknowledged', 'assessed'] as const satisfies readonly ReferralStatus[]
