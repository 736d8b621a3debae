import { describe, expect, it } from 'vitest'
import {
  assessmentKindLabels,
  assessmentOutcomeLabels,
  promptsReferral,
  referralAnswersPrompt,
  referralPromptReasons,
  referralPromptTitle,
  trimScore
} from '../../shared/trim/assessment'
import { defaultRiskFactors } from '../../shared/trim/risk-factors'

const factors = (present: number, total = 10) => Array.from({ length: total }, (_, i) => ({ present: i < present }))

describe('the TRiM score', () => {
  it('counts the factors present and nothing else', () => {
    expect(trimScore(factors(0))).toBe(0)
    expect(trimScore(factors(3))).toBe(3)
    expect(trimScore(factors(10))).toBe(10)
    expect(trimScore([])).toBe(0)
  })

  it('ships ten commonly taught factors, each named once', () => {
    expect(defaultRiskFactors).toHaveLength(10)
    expect(new Set(defaultRiskFactors.map((f) => f.id)).size).toBe(10)
  })
})

describe('the referral prompt', () => {
  const initial = { kind: 'initial' as const, persistentDifficulty: null, threshold: 3 }

  it('is not prompted at 2 and is prompted at 3 with the default threshold', () => {
    expect(promptsReferral({ ...initial, score: 2 })).toBe(false)
    expect(promptsReferral({ ...initial, score: 3 })).toBe(true)
    expect(referralPromptReasons({ ...initial, score: 3 })).toEqual(['score'])
  })

  it('takes the threshold from the setting', () => {
    expect(promptsReferral({ ...initial, score: 3, threshold: 4 })).toBe(false)
    expect(promptsReferral({ ...initial, score: 4, threshold: 4 })).toBe(true)
    expect(promptsReferral({ ...initial, score: 1, threshold: 1 })).toBe(true)
  })

  it('is prompted by persistent difficulty at a follow-up, whatever the score', () => {
    expect(referralPromptReasons({ kind: 'follow-up', score: 0, persistentDifficulty: true, threshold: 3 })).toEqual([
      'persistent-difficulty'
    ])
    expect(promptsReferral({ kind: 'follow-up', score: 0, persistentDifficulty: false, threshold: 3 })).toBe(false)
    expect(referralPromptReasons({ kind: 'follow-up', score: 5, persistentDifficulty: true, threshold: 3 })).toEqual([
      'score',
      'persistent-difficulty'
    ])
  })

  it('ignores persistent difficulty at an initial assessment', () => {
    expect(promptsReferral({ kind: 'initial', score: 0, persistentDifficulty: true, threshold: 3 })).toBe(false)
  })
})

describe('the words a clinician reads', () => {
  it('names each kind of assessment, each outcome and the referral prompt task', () => {
    expect(assessmentKindLabels).toEqual({ initial: 'Initial assessment', 'follow-up': 'Follow-up assessment' })
    expect(assessmentOutcomeLabels).toEqual({ 'no-further-action': 'No further action', 'follow-up': 'Follow-up', refer: 'Refer' })
    expect(referralPromptTitle).toBe('A TRiM assessment suggests a referral')
  })
})

describe('a referral answering a TRiM suggestion of one', () => {
  it('answers when made on the day of the assessment or later, not before it', () => {
    expect(referralAnswersPrompt('2026-11-26', '2026-11-26')).toBe(true)
    expect(referralAnswersPrompt('2026-11-27', '2026-11-26')).toBe(true)
    expect(referralAnswersPrompt('2026-11-25', '2026-11-26')).toBe(false)
  })
})
