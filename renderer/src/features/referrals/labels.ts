import { referralEnded, referralStatusLabels, type ReferralStatus } from '../../../../shared/referrals/status'
import type { Referral } from '../../../../shared/contract/referrals'
import type { TagColour } from '../../components/Tag'

export { referralStatusLabels }

export const urgencyNames: Record<Referral['urgency'], string> = { routine: 'Routine', urgent: 'Urgent' }

/** The tag's colour only supports the words: ended referrals grey, the rest blue. */
export function statusColour(referral: Pick<Referral, 'status'>): TagColour {
  if (referralEnded(referral.status)) return referral.status === 'completed' ? 'green' : 'grey'
  return 'blue'
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`

/** The wait as the core counted it, in words; nothing is worked out here but the wording. */
export function waitWords(referral: Referral): string | null {
  const wait = referral.wait
  if (!wait) return null
  if (wait.daysToTreatment !== null) return `Treatment started after ${days(wait.daysToTreatment)}`
  const assessed = wait.daysToAssessment !== null ? ` (assessed after ${days(wait.daysToAssessment)})` : ''
  if (referralEnded(referral.status)) return `Waited ${days(wait.daysWaiting)}${assessed}`
  return `Waiting ${days(wait.daysWaiting)}${assessed}`
}

export const breachWords: Record<'6-weeks' | '18-weeks', string> = {
  '6-weeks': 'Waiting over 6 weeks',
  '18-weeks': 'Waiting over 18 weeks'
}

/** The tag on a caseload row whose person has a referral past 6 (or 18) weeks. */
export const caseloadBreachWords: Record<'6-weeks' | '18-weeks', string> = {
  '6-weeks': 'Referral over 6 weeks',
  '18-weeks': 'Referral over 18 weeks'
}

/** The tag on a worklist row. */
export const worklistBreachWords: Record<'6-weeks' | '18-weeks', string> = {
  '6-weeks': 'Over 6 weeks',
  '18-weeks': 'Over 18 weeks'
}

export const statusLabel = (status: ReferralStatus) => referralStatusLabels[status]
