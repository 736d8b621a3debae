import type { ConsentPurpose } from './purposes'

/** A consent record, as much of it as the rule needs. Dates are calendar `YYYY-MM-DD`. */
export interface ConsentLike {
  purpose: ConsentPurpose
  /** For a referral: the destination's id in the catalogue; otherwise null. */
  destinationId: string | null
  /** For a management advice report or another disclosure: who it goes to; null for a referral. */
  recipient: string | null
  givenOn: string
  withdrawnOn: string | null
}

/** What is about to be shared: for a referral, with which destination; otherwise, with whom (any of the names). */
export type ConsentNeed =
  | { purpose: 'referral'; destinationId: string; on: string }
  | { purpose: 'management-advice' | 'other'; recipients: readonly string[]; on: string }

/** Names compare without case, and with runs of spaces and the ends ignored: "J  Smith " is "j smith". */
export function sameRecipient(a: string, b: string): boolean {
  const fold = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB')
  return fold(a) !== '' && fold(a) === fold(b)
}

/** Whether a consent was in force on a day: given on or before it, and not withdrawn on or before it. */
export function consentInForce(consent: Pick<ConsentLike, 'givenOn' | 'withdrawnOn'>, on: string): boolean {
  return consent.givenOn <= on && (consent.withdrawnOn === null || consent.withdrawnOn > on)
}

/** Whether a consent is for this purpose and recipient. */
export function consentMatches(consent: ConsentLike, need: ConsentNeed): boolean {
  if (consent.purpose !== need.purpose) return false
  if (need.purpose === 'referral') return consent.destinationId === need.destinationId
  const recipient = consent.recipient
  return recipient !== null && need.recipients.some((name) => sameRecipient(recipient, name))
}

/**
 * The consent that covers sharing for this purpose with this recipient on this day, or null.
 * Withdrawn today means not current today; given today means current today. Of several, the one
 * given most recently.
 */
export function currentConsent<C extends ConsentLike>(consents: readonly C[], need: ConsentNeed): C | null {
  let found: C | null = null
  for (const consent of consents) {
    if (!consentMatches(consent, need) || !consentInForce(consent, need.on)) continue
    if (found === null || consent.givenOn > found.givenOn) found = consent
  }
  return found
}
