import { bandFor, frequency0to3, items, range, sumOf } from '../helpers'
import type { InstrumentDefinition } from '../types'

const bands = [
  { min: 0, max: 4, label: 'minimal' },
  { min: 5, max: 9, label: 'mild' },
  { min: 10, max: 14, label: 'moderate' },
  { min: 15, max: 19, label: 'moderately severe' },
  { min: 20, max: 27, label: 'severe' }
]

export const phq9: InstrumentDefinition = {
  id: 'phq9',
  title: 'PHQ-9 (Patient Health Questionnaire)',
  version: 'PHQ-9 (Kroenke, Spitzer & Williams 2001)',
  scoringVersion: 'phq9@1',
  recallPeriod: 'Over the last 2 weeks',
  textEmbedded: true,
  items: items(
    [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead or of hurting yourself in some way'
    ],
    frequency0to3
  ),
  reverseScoredItems: [],
  subscales: {},
  bands,
  clinicalCutoff: 10,
  criticalItems: [9],
  missing: { allowed: 0, prorate: false },
  range: { min: 0, max: 27 },
  copyright: 'PHQ-9 © Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  source:
    'Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606-13. Bands 0-4/5-9/10-14/15-19/20-27; NHS Talking Therapies caseness ≥ 10. The optional difficulty question is not scored.',
  score: (answers) => {
    const total = sumOf(answers, range(1, 9))
    return { total, band: bandFor(bands, total), subscales: {}, flags: [] }
  }
}
