import { describe, expect, it } from 'vitest'
import { classifyOutcome, OutcomeInputError, type OutcomeInput } from '../../../shared/outcomes'

const pair = (pre: number, post: number) => ({ pre, post })
const outcome = (phq9: [number, number], gad7: [number, number]) => classifyOutcome({ phq9: pair(...phq9), gad7: pair(...gad7) })

describe('classifyOutcome: caseness', () => {
  it('is a case at PHQ-9 10 or GAD-7 8, and not at 9 and 7', () => {
    expect(outcome([10, 0], [0, 0]).atCasenessPre).toBe(true)
    expect(outcome([9, 0], [0, 0]).atCasenessPre).toBe(false)
    expect(outcome([0, 0], [8, 0]).atCasenessPre).toBe(true)
    expect(outcome([0, 0], [7, 0]).atCasenessPre).toBe(false)
    expect(outcome([9, 0], [7, 0]).atCasenessPre).toBe(false)
    expect(outcome([0, 10], [0, 0]).atCasenessPost).toBe(true)
    expect(outcome([0, 9], [0, 7]).atCasenessPost).toBe(false)
    expect(outcome([0, 0], [0, 8]).atCasenessPost).toBe(true)
  })
})

describe('classifyOutcome: recovery', () => {
  it('needs a case before and below both cut-offs after', () => {
    expect(outcome([10, 9], [0, 0])).toMatchObject({ recovery: true })
    expect(outcome([10, 9], [0, 8])).toMatchObject({ recovery: false, atCasenessPost: true })
    expect(outcome([12, 10], [3, 3])).toMatchObject({ recovery: false })
    expect(outcome([3, 3], [8, 7])).toMatchObject({ recovery: true })
  })

  it('is never true for someone who was not a case before', () => {
    expect(outcome([9, 0], [7, 0])).toMatchObject({
      atCasenessPre: false,
      recovery: false,
      reliableRecovery: false,
      reliableImprovement: true
    })
  })
})

describe('classifyOutcome: reliable change', () => {
  it('counts a PHQ-9 fall of 6 as improvement and 5 as not', () => {
    expect(outcome([20, 14], [5, 5]).reliableImprovement).toBe(true)
    expect(outcome([20, 15], [5, 5]).reliableImprovement).toBe(false)
  })

  it('counts a GAD-7 fall of 4 as improvement and 3 as not', () => {
    expect(outcome([5, 5], [15, 11]).reliableImprovement).toBe(true)
    expect(outcome([5, 5], [15, 12]).reliableImprovement).toBe(false)
  })

  it('counts a PHQ-9 rise of 6 or a GAD-7 rise of 4 as deterioration, and 5 or 3 as not', () => {
    expect(outcome([5, 11], [5, 5]).reliableDeterioration).toBe(true)
    expect(outcome([5, 10], [5, 5]).reliableDeterioration).toBe(false)
    expect(outcome([5, 5], [5, 9]).reliableDeterioration).toBe(true)
    expect(outcome([5, 5], [5, 8]).reliableDeterioration).toBe(false)
  })

  it('with one measure improving reliably while the other deteriorates, reports deterioration and no improvement or recovery', () => {
    expect(outcome([20, 8], [4, 8])).toEqual({
      atCasenessPre: true,
      atCasenessPost: true,
      recovery: false,
      reliableImprovement: false,
      reliableDeterioration: true,
      reliableRecovery: false
    })
    expect(outcome([12, 18], [16, 4])).toMatchObject({ reliableImprovement: false, reliableDeterioration: true })
  })

  it('with one measure improving reliably and the other changing less than reliably, reports improvement', () => {
    expect(outcome([18, 12], [6, 9])).toMatchObject({ reliableImprovement: true, reliableDeterioration: false })
  })

  it('reports no reliable change when neither measure moves enough', () => {
    expect(outcome([14, 9], [10, 7])).toMatchObject({
      reliableImprovement: false,
      reliableDeterioration: false,
      recovery: true,
      reliableRecovery: false
    })
  })
})

describe('classifyOutcome: reliable recovery', () => {
  it('needs both recovery and reliable improvement', () => {
    expect(outcome([16, 9], [12, 7])).toEqual({
      atCasenessPre: true,
      atCasenessPost: false,
      recovery: true,
      reliableImprovement: true,
      reliableDeterioration: false,
      reliableRecovery: true
    })
    expect(outcome([11, 6], [8, 5])).toMatchObject({ recovery: true, reliableImprovement: false, reliableRecovery: false })
    expect(outcome([22, 12], [15, 10])).toMatchObject({ recovery: false, reliableImprovement: true, reliableRecovery: false })
  })
})

describe('classifyOutcome: scores out of range', () => {
  it('refuses scores a questionnaire cannot produce, naming the measure and when', () => {
    const bad: [OutcomeInput, string][] = [
      [{ phq9: pair(28, 0), gad7: pair(0, 0) }, 'PHQ-9 score before treatment must be a whole number from 0 to 27'],
      [{ phq9: pair(0, -1), gad7: pair(0, 0) }, 'PHQ-9 score after treatment must be a whole number from 0 to 27'],
      [{ phq9: pair(0, 0), gad7: pair(22, 0) }, 'GAD-7 score before treatment must be a whole number from 0 to 21'],
      [{ phq9: pair(0, 0), gad7: pair(0, 2.5) }, 'GAD-7 score after treatment must be a whole number from 0 to 21'],
      [{ phq9: pair(Number.NaN, 0), gad7: pair(0, 0) }, 'PHQ-9 score before treatment']
    ]
    for (const [input, message] of bad) {
      expect(() => classifyOutcome(input)).toThrow(OutcomeInputError)
      expect(() => classifyOutcome(input)).toThrow(message)
    }
    expect(() => classifyOutcome({ phq9: pair(27, 0), gad7: pair(21, 0) })).not.toThrow()
  })
})
