import { describe, expect, it } from 'vitest'
import { consentInForce, currentConsent, sameRecipient, type ConsentLike } from '../../../shared/consent/current'

const referralConsent = (over: Partial<ConsentLike> = {}): ConsentLike => ({
  purpose: 'referral',
  destinationId: 'gp',
  recipient: null,
  givenOn: '2026-12-01',
  withdrawnOn: null,
  ...over
})

const managerConsent = (over: Partial<ConsentLike> = {}): ConsentLike => ({
  purpose: 'management-advice',
  destinationId: null,
  recipient: 'Inspector Jane Cole',
  givenOn: '2026-12-01',
  withdrawnOn: null,
  ...over
})

describe('currentConsent', () => {
  it('counts a consent given today as current today', () => {
    const given = referralConsent({ givenOn: '2026-12-02' })
    expect(currentConsent([given], { purpose: 'referral', destinationId: 'gp', on: '2026-12-02' })).toBe(given)
  })

  it('does not count a consent given tomorrow, or one given after the day asked about', () => {
    expect(
      currentConsent([referralConsent({ givenOn: '2026-12-03' })], { purpose: 'referral', destinationId: 'gp', on: '2026-12-02' })
    ).toBeNull()
  })

  it('does not count a consent withdrawn today, but does count it the day before', () => {
    const withdrawn = referralConsent({ withdrawnOn: '2026-12-02' })
    expect(currentConsent([withdrawn], { purpose: 'referral', destinationId: 'gp', on: '2026-12-02' })).toBeNull()
    expect(currentConsent([withdrawn], { purpose: 'referral', destinationId: 'gp', on: '2026-12-01' })).toBe(withdrawn)
  })

  it('does not count a consent withdrawn earlier, and counts one to be withdrawn later', () => {
    expect(consentInForce({ givenOn: '2026-11-01', withdrawnOn: '2026-11-20' }, '2026-12-02')).toBe(false)
    expect(consentInForce({ givenOn: '2026-11-01', withdrawnOn: '2026-12-03' }, '2026-12-02')).toBe(true)
  })

  it('does not let consent for one destination cover another', () => {
    expect(
      currentConsent([referralConsent({ destinationId: 'nhs-talking-therapies' })], {
        purpose: 'referral',
        destinationId: 'gp',
        on: '2026-12-02'
      })
    ).toBeNull()
  })

  it('does not let consent for one purpose cover another, even to the same name', () => {
    const other = managerConsent({ purpose: 'other' })
    expect(currentConsent([other], { purpose: 'management-advice', recipients: ['Inspector Jane Cole'], on: '2026-12-02' })).toBeNull()
    expect(currentConsent([managerConsent()], { purpose: 'other', recipients: ['Inspector Jane Cole'], on: '2026-12-02' })).toBeNull()
    expect(currentConsent([managerConsent()], { purpose: 'referral', destinationId: 'gp', on: '2026-12-02' })).toBeNull()
  })

  it('matches a manager or organisation by name, whatever the case and spacing, and not a different name', () => {
    const consent = managerConsent({ recipient: '  inspector  JANE cole ' })
    expect(currentConsent([consent], { purpose: 'management-advice', recipients: ['Inspector Jane Cole'], on: '2026-12-02' })).toBe(consent)
    expect(
      currentConsent([consent], {
        purpose: 'management-advice',
        recipients: ['Sergeant Tom Reed', 'inspector jane cole'],
        on: '2026-12-02'
      })
    ).toBe(consent)
    expect(currentConsent([consent], { purpose: 'management-advice', recipients: ['Inspector Jane Coles'], on: '2026-12-02' })).toBeNull()
    expect(sameRecipient('', '')).toBe(false)
  })

  it('picks the consent given most recently when several are current, and skips a withdrawn one', () => {
    const older = referralConsent({ givenOn: '2026-10-01' })
    const newer = referralConsent({ givenOn: '2026-11-01' })
    const withdrawn = referralConsent({ givenOn: '2026-11-15', withdrawnOn: '2026-11-20' })
    expect(currentConsent([older, withdrawn, newer], { purpose: 'referral', destinationId: 'gp', on: '2026-12-02' })).toBe(newer)
  })

  it('picks the most recent whatever order the records come in', () => {
    const older = referralConsent({ givenOn: '2026-10-01' })
    const newer = referralConsent({ givenOn: '2026-11-01' })
    expect(currentConsent([newer, older], { purpose: 'referral', destinationId: 'gp', on: '2026-12-02' })).toBe(newer)
  })

  it('keeps the spaces between words: a name run together is a different name', () => {
    expect(sameRecipient('Jane Cole', 'JaneCole')).toBe(false)
    expect(sameRecipient('Jane Cole', 'Janec Ole')).toBe(false)
    expect(sameRecipient('Jane   Cole', 'jane cole')).toBe(true)
  })

  it('never lets a disclosure consent with no recipient cover anyone', () => {
    const noOne = managerConsent({ recipient: null })
    expect(currentConsent([noOne], { purpose: 'management-advice', recipients: ['Inspector Jane Cole'], on: '2026-12-02' })).toBeNull()
  })

  it('finds nothing in an empty list', () => {
    expect(currentConsent([], { purpose: 'referral', destinationId: 'gp', on: '2026-12-02' })).toBeNull()
  })
})
