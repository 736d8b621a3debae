/**
 * Bereavement counselling must be actively offered (the guidance says so in as many words). Each
 * offer and each answer is recorded as a dated entry in a history; the latest entry is the
 * person's status. An answer (accepted or declined) needs an offer on record before it.
 */
export const bereavementStatuses = ['offered', 'accepted', 'declined'] as const
export type BereavementStatus = (typeof bereavementStatuses)[number]

export const bereavementStatusNames: Record<BereavementStatus, string> = {
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined'
}

/** Why `next` cannot follow `latest` (null when nothing is recorded yet), or null when it can. */
export function bereavementTransitionProblem(latest: BereavementStatus | null, next: BereavementStatus): string | null {
  if (next === 'offered') return null
  if (latest === null) {
    return `Record that bereavement counselling was offered before recording that it was ${bereavementStatusNames[next].toLowerCase()}.`
  }
  if (latest === next) return `Bereavement counselling is already recorded as ${bereavementStatusNames[next].toLowerCase()}.`
  return null
}
