import { bandFor, range, sumOf } from '../helpers'
import type { Flag, InstrumentDefinition, ResponseOption } from '../types'

const zeroToFour = (labels: string[]): ResponseOption[] => labels.map((label, value) => ({ value, label }))
const injuryOptions: ResponseOption[] = [
  { value: 0, label: 'No' },
  { value: 2, label: 'Yes, but not in the last year' },
  { value: 4, label: 'Yes, during the last year' }
]
const frequency = zeroToFour(['Never', 'Less than monthly', 'Monthly', 'Weekly', 'Daily or almost daily'])

export const auditBands = [
  { min: 0, max: 7, label: 'lower risk' },
  { min: 8, max: 15, label: 'increasing risk' },
  { min: 16, max: 19, label: 'higher risk' },
  { min: 20, max: 40, label: 'possible dependence' }
]

export const auditConsumptionItems = [
  {
    number: 1,
    text: 'How often do you have a drink containing alcohol?',
    options: zeroToFour(['Never', 'Monthly or less', '2 to 4 times per month', '2 to 3 times per week', '4 or more times per week'])
  },
  {
    number: 2,
    text: 'How many units of alcohol do you drink on a typical day when you are drinking?',
    options: zeroToFour(['1 to 2', '3 to 4', '5 to 6', '7 to 9', '10 or more'])
  },
  {
    number: 3,
    text: 'How often have you had 6 or more units if female, or 8 or more if male, on a single occasion in the last year?',
    options: frequency
  }
]

export const audit: InstrumentDefinition = {
  id: 'audit',
  title: 'AUDIT (Alcohol Use Disorders Identification Test)',
  version: 'AUDIT, WHO 2nd edition (Babor et al. 2001), UK units',
  scoringVersion: 'audit@1',
  recallPeriod: 'In the last year',
  textEmbedded: true,
  items: [
    ...auditConsumptionItems,
    {
      number: 4,
      text: 'How often during the last year have you found that you were not able to stop drinking once you had started?',
      options: frequency
    },
    {
      number: 5,
      text: 'How often during the last year have you failed to do what was normally expected of you because of drinking?',
      options: frequency
    },
    {
      number: 6,
      text: 'How often during the last year have you needed an alcoholic drink in the morning to get yourself going after a heavy drinking session?',
      options: frequency
    },
    { number: 7, text: 'How often during the last year have you had a feeling of guilt or remorse after drinking?', options: frequency },
    {
      number: 8,
      text: 'How often during the last year have you been unable to remember what happened the night before because you had been drinking?',
      options: frequency
    },
    { number: 9, text: 'Have you or somebody else been injured as a result of your drinking?', options: injuryOptions },
    {
      number: 10,
      text: 'Has a relative or friend, doctor or other health worker been concerned about your drinking or suggested that you cut down?',
      options: injuryOptions
    }
  ],
  reverseScoredItems: [],
  subscales: { consumption: [1, 2, 3], dependence: [4, 5, 6], harm: [7, 8, 9, 10] },
  subscaleLabels: { consumption: 'Consumption', dependence: 'Dependence', harm: 'Harm' },
  bands: auditBands,
  clinicalCutoff: 8,
  criticalItems: [],
  missing: { allowed: 0, prorate: false },
  range: { min: 0, max: 40 },
  copyright: 'AUDIT © World Health Organization 2001.',
  source: 'Babor TF et al. WHO 2001; UK OHID guidance. Items 1-8 score 0-4; items 9-10 score 0, 2 or 4. Zones 0-7, 8-15, 16-19, 20-40.',
  score: (answers) => {
    const total = sumOf(answers, range(1, 10))
    const flags: Flag[] = []
    if (total !== null && total >= 20)
      flags.push({
        code: 'audit-possible-dependence',
        severity: 'warning',
        message: 'Possible dependence: refer for specialist assessment'
      })
    return {
      total,
      band: bandFor(auditBands, total),
      subscales: { consumption: sumOf(answers, [1, 2, 3]), dependence: sumOf(answers, [4, 5, 6]), harm: sumOf(answers, [7, 8, 9, 10]) },
      flags
    }
  }
}
