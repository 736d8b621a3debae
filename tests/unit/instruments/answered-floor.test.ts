import { describe, expect, it } from 'vitest'
import { answeredFloor } from '../../../shared/instruments/answered-floor'

describe('the lowest total an incomplete questionnaire can have', () => {
  it('adds the answers given, with each unanswered item at its lowest', () => {
    expect(answeredFloor('phq9', [3, 3, 3, 3, 3, 3, 3, 3, null])).toEqual({ total: 24, band: 'severe', answered: 8, items: 9 })
    expect(answeredFloor('gad7', [0, 1, null, 2, null, 0, 1])).toEqual({ total: 4, band: 'minimal', answered: 5, items: 7 })
  })

  it('puts a reverse-scored item left out at the answer that scores 0 (the highest raw answer), not the lowest', () => {
    // CORE-10 items 2 and 3 are reverse-scored (4 − answer): left out, they add 0, so 7 × 4 = 28, not 36.
    expect(answeredFloor('core10', [4, null, null, 4, 4, 0, 4, 4, 4, 4])).toMatchObject({ total: 28, answered: 8, items: 10 })
  })

  it('gives nothing for a complete questionnaire, one with nothing answered, answers of the wrong length, one without a total, or an unknown one', () => {
    expect(answeredFloor('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0])).toBeNull()
    expect(answeredFloor('phq9', Array(9).fill(null))).toBeNull()
    expect(answeredFloor('phq9', [3, 3, 3, 3, 3, 3, 3, null])).toBeNull()
    expect(answeredFloor('phq9', null)).toBeNull()
    expect(answeredFloor('itq', [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, null])).toBeNull()
    expect(answeredFloor('constructor', [1])).toBeNull()
  })
})
