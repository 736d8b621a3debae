import { describe, expect, it } from 'vitest'
import { suggestedCaseId } from '../../../shared/referrals/suggested-case'

describe('the case a new referral is linked to', () => {
  it('is the only open case, whatever its stage, with closed ones beside it', () => {
    expect(suggestedCaseId([{ id: 'a', status: 'in-treatment' }])).toBe('a')
    expect(
      suggestedCaseId([
        { id: 'old', status: 'closed' },
        { id: 'b', status: 'open' }
      ])
    ).toBe('b')
  })

  it('is none with two open cases, with only closed ones, or with none', () => {
    expect(
      suggestedCaseId([
        { id: 'a', status: 'open' },
        { id: 'b', status: 'monitoring' }
      ])
    ).toBeNull()
    expect(suggestedCaseId([{ id: 'old', status: 'closed' }])).toBeNull()
    expect(suggestedCaseId([])).toBeNull()
  })
})
