import { bandFor, frequency0to3, items, range, sumOf } from '../helpers'
import type { InstrumentDefinition } from '../types'

const bands = [
  { min: 0, max: 4, label: 'minimal' },
  { min: 5, max: 9, label: 'mild' },
  { min: 10, max: 14, label: 'moderate' },
  { min: 15, max: 21, label: 'severe' }
]

export const gad7: InstrumentDefinition = {
  id: 'gad7',
  title: 'GAD-7 (Generalised Anxiety Disorder)',
  version: 'GAD-7 (Spitzer et al. 2006)',
  scoringVersion: 'gad7@1',
  recallPeriod: 'Over the last 2 weeks',
  textEmbedded: true,
  items: items(
    [
      'Feeling nervous, anxious, or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      "Being so restless that it's hard to sit still",
      'Becoming easily annoyed or irritable',
      'Feeling afraid as if something awful might happen'
    ],
    frequency0to3
  ),
  reverseScoredItems: [],
  subscales: {},
  bands,
  clinicalCutoff: 10,
  criticalItems: [],
  missing: { allowed: 0, prorate: false },
  range: { min: 0, max: 21 },
  copyright: 'GAD-7 © Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  source:
    'Spitzer RL et al. Arch Intern Med 2006;166:1092-7. Bands 0-4/5-9/10-14/15-21; screening cut-off ≥ 10 (NHS Talking Therapies caseness ≥ 8).',
  score: (answers) => {
    const total = sumOf(answers, range(1, 7))
    return { total, band: bandFor(bands, total), subscales: {}, flags: [] }
  }
}
