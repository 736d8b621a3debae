/**
 * The case a new referral is linked to unless the clinician chooses otherwise: the person's only
 * open case (found in the new-nurse walkthrough: a referral made from a TRiM prompt was left
 * unlinked, so it was missing from the case). With several open cases none is guessed, and with
 * none there is nothing to link.
 */
export function suggestedCaseId(cases: readonly { id: string; status: string }[]): string | null {
  const open = cases.filter((record) => record.status !== 'closed')
  return open.length === 1 ? (open[0]?.id ?? null) : null
}
