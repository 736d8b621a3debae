import { bandFor, totalAllowingMissing } from '../helpers'
import type { InstrumentDefinition, ResponseOption } from '../types'

const options: ResponseOption[] = ['Not at all', 'Only occasionally', 'Sometimes', 'Often', 'Most or all of the time'].map(
  (label, value) => ({ value, label })
)
const reverse = [2, 3]
const bands = [
  { min: 0, max: 5, label: 'healthy' },
  { min: 6, max: 10, label: 'low level' },
  { min: 11, max: 14, label: 'mild' },
  { min: 15, max: 19, label: 'moderate' },
  { min: 20, max: 24, label: 'moderate to severe' },
  { min: 25, max: 40, label: 'severe' }
]
export const core10: InstrumentDefinition = {
  id: 'core10',
  title: 'CORE-10',
  version: 'CORE-10 (Barkham et al. 2013)',
  scoringVersion: 'core10@1',
  recallPeriod: 'Over the last week',
  textEmbedded: true,
  items: [
    'I have felt tense, anxious or nervous',
    'I have felt I have someone to turn to for support when needed',
    'I have felt able to cope when things go wrong',
    'Talking to people has felt too much for me',
    'I have felt panic or terror',
    'I made plans to end my life',
    'I have had difficulty getting to sleep or staying asleep',
    'I have felt despairing or hopeless',
    'I have felt unhappy',
    'Unwanted images or memories have been distressing me'
  ].map((text, index) => ({ number: index + 1, text, options })),
  reverseScoredItems: reverse,
  subscales: {},
  bands,
  clinicalCutoff: 11,
  criticalItems: [6],
  // One missing item is pro-rated (Barkham et al. 2013); two or more withhold the total.
  missing: { allowed: 1, prorate: true },
  range: { min: 0, max: 40 },
  copyright: 'CORE-10 © CORE System Trust, CC BY-NC-ND 4.0. Reproduced unchanged.',
  source:
    'Barkham M et al. Couns Psychother Res 2013;13:3-13. Items 2 and 3 (the positively worded items in the published order) are reverse-scored (4 − answer); the reference also notes a secondary source numbering them 3 and 4, and the published form was followed. Clinical score = sum, 0-40. With one item missing the score is pro-rated: mean of the nine answered items × 10, rounded to the nearest whole number. Clinical cut-off 11.',
  score: (answers) => {
    const scored = answers.map((value, index) =>
      value === null || value === undefined ? null : reverse.includes(index + 1) ? 4 - value : value
    )
    const total = totalAllowingMissing(scored, core10.missing)
    return { total, band: bandFor(bands, total), subscales: {}, flags: [] }
  }
}
