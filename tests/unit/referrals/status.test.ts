import { describe, expect, it } from 'vitest'
import { nextReferralStatuses, referralEnded, referralStatuses, referralTransitionProblem } from '../../../shared/referrals/status'

describe('the referral journey', () => {
  it('goes drafted → sent → acknowledged → assessed → treatment started → completed', () => {
    const path = ['drafted', 'sent', 'acknowledged', 'assessed', 'treatment-started', 'completed'] as const
    for (let i = 1; i < path.length; i++)
      expect(referralTransitionProblem(path[i - 1] as (typeof path)[number], path[i] as (typeof path)[number])).toBeNull()
  })

  it('lets a service assess without acknowledging, and an assessment end the referral without treatment', () => {
    expect(referralTransitionProblem('sent', 'assessed')).toBeNull()
    expect(referralTransitionProblem('assessed', 'completed')).toBeNull()
  })

  it('can be withdrawn at any point before it ends, but a draft cannot be declined or missed', () => {
    for (const from of ['drafted', 'sent', 'acknowledged', 'assessed', 'treatment-started'] as const)
      expect(referralTransitionProblem(from, 'withdrawn')).toBeNull()
    expect(referralTransitionProblem('drafted', 'declined')).toBe('A referral that is drafted cannot be marked declined.')
    expect(referralTransitionProblem('drafted', 'did-not-attend')).toBe('A referral that is drafted cannot be marked did not attend.')
  })

  it('never goes backwards or stays where it is', () => {
    expect(referralTransitionProblem('assessed', 'sent')).toBe('A referral that is assessed cannot be marked sent.')
    expect(referralTransitionProblem('sent', 'sent')).toBe('A referral that is sent cannot be marked sent.')
    expect(referralTransitionProblem('treatment-started', 'assessed')).toBe(
      'A referral that is treatment started cannot be marked assessed.'
    )
    expect(referralTransitionProblem('treatment-started', 'declined')).not.toBeNull()
  })

  it('ends at completed, declined, did not attend and withdrawn, and moves nowhere after', () => {
    const ended = referralStatuses.filter(referralEnded)
    expect(ended).toEqual(['completed', 'declined', 'did-not-attend', 'withdrawn'])
    for (const from of ended) {
      for (const to of referralStatuses) {
        expect(referralTransitionProblem(from, to)).toMatch(
          /^This referral has ended \(.+\), so it cannot be marked .+\. Start a new referral if it is needed again\.$/
        )
      }
    }
    expect(referralTransitionProblem('withdrawn', 'sent')).toBe(
      'This referral has ended (withdrawn), so it cannot be marked sent. Start a new referral if it is needed again.'
    )
  })

  it('lets a sent, acknowledged or assessed referral be declined or missed, and a treated one missed but not declined', () => {
    expect(nextReferralStatuses).toEqual({
      drafted: ['sent', 'withdrawn'],
      sent: ['acknowledged', 'assessed', 'declined', 'did-not-attend', 'withdrawn'],
      acknowledged: ['assessed', 'declined', 'did-not-attend', 'withdrawn'],
      assessed: ['treatment-started', 'completed', 'declined', 'did-not-attend', 'withdrawn'],
      'treatment-started': ['completed', 'did-not-attend', 'withdrawn'],
      completed: [],
      declined: [],
      'did-not-attend': [],
      withdrawn: []
    })
  })

  it('offers only moves it allows, and allows every move it offers', () => {
    for (const from of referralStatuses) {
      for (const to of referralStatuses) expect(referralTransitionProblem(from, to) === null).toBe(nextReferralStatuses[from].includes(to))
    }
  })
})
