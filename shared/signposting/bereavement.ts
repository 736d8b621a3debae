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

/**
 * Why `next`, on the date `on`, cannot follow the latest entry (null when nothing is recorded
 * yet), or null when it can. An offer may be made again (after a decline, or to chase one not
 * answered), but not twice on the same day: a second press would only repeat the first.
 */
export function bereavementTransitionProblem(
  latest: { status: BereavementStatus; happenedOn: string } | null,
  next: BereavementStatus,
  on: string
): string | null {
  if (next === 'offered') {
    return latest?.status === 'offered' && latest.happenedOn === on
      ? 'Bereavement counselling is already recorded as offered on that day.'
      : null
  }
  if (latest === null) {
    return `Record that bereavement counselling was offered before recording that it was ${bereavementStatusNames[next].toLowerCase()}.`
  }
  if (latest.status === next) return `Bereavement counselling is already recorded as ${bereavementStatusNames[next].toLowerCase()}.`
  return null
}

/** What the "not yet offered" rule needs of a case. */
export interface BereavementCaseFacts {
  id: string
  personId: string
  reason: string
  status: string
  openedOn: string
  pathway: { bereavement?: { counsellingOfferedOn?: string | null } | null }
}

/**
 * The open bereavement cases where counselling has not yet been offered: none recorded on the
 * case's pathway, and no offer in the person's history for that case or made since it opened.
 * Each case is matched only with its own person's offers.
 */
export function casesAwaitingBereavementOffer<C extends BereavementCaseFacts>(
  cases: readonly C[],
  offers: readonly { personId: string; caseId: string | null; happenedOn: string }[]
): C[] {
  return cases.filter(
    (record) =>
      record.reason === 'bereavement' &&
      record.status !== 'closed' &&
      !record.pathway.bereavement?.counsellingOfferedOn &&
      !offers.some((offer) => offer.personId === record.personId && (offer.caseId === record.id || offer.happenedOn >= record.openedOn))
  )
}
