import { endorsed, items, range, severity0to4, sumOf } from '../helpers'
import type { Flag, InstrumentDefinition } from '../types'

const either = (answers: readonly (number | null)[], a: number, b: number) => endorsed(answers, a) || endorsed(answers, b)
const any = (answers: readonly (number | null)[], numbers: number[]) => numbers.some((n) => endorsed(answers, n))

/** Items in published order: P1–P6, P7–P9 (PTSD impairment), C1–C6 (DSO), C7–C9 (DSO impairment). */
export const itq: InstrumentDefinition = {
  id: 'itq',
  title: 'ITQ (International Trauma Questionnaire)',
  version: 'ITQ (Cloitre et al. 2018), ICD-11 PTSD and Complex PTSD',
  scoringVersion: 'itq@1',
  recallPeriod: 'PTSD items: in the past month; DSO items: how you typically feel',
  textEmbedded: true,
  items: items(
    [
      'P1 Upsetting dreams that replay part of the experience',
      'P2 Powerful images or memories, as if re-experiencing it here and now',
      'P3 Avoiding internal reminders (thoughts, feelings or physical sensations)',
      'P4 Avoiding external reminders (people, places, conversations, objects, activities, situations)',
      'P5 Being super-alert, watchful or on guard',
      'P6 Feeling jumpy or easily startled',
      'P7 These problems affected relationships or social life',
      'P8 These problems affected work or ability to work',
      'P9 These problems affected other important parts of life',
      'C1 When upset, it takes a long time to calm down',
      'C2 Feeling numb or emotionally shut down',
      'C3 Feeling like a failure',
      'C4 Feeling worthless',
      'C5 Feeling distant or cut off from people',
      'C6 Finding it hard to stay emotionally close to people',
      'C7 These problems created concern or distress in relationships or social life',
      'C8 These problems affected work or ability to work',
      'C9 These problems affected other important parts of life'
    ],
    severity0to4
  ),
  reverseScoredItems: [],
  subscales: { ptsd: range(1, 6), dso: range(10, 15) },
  subscaleLabels: { ptsd: 'PTSD symptoms', dso: 'Disturbances in self-organisation (DSO)' },
  bands: [],
  clinicalCutoff: null,
  criticalItems: [],
  missing: { allowed: 0, prorate: false },
  range: null,
  copyright: 'ITQ © Cloitre et al. 2018; the authors place it in the public domain.',
  source:
    'Cloitre M et al. Acta Psychiatr Scand 2018;138:536-46. Endorsed = item ≥ 2. PTSD = (P1|P2) & (P3|P4) & (P5|P6) & any P7-P9. CPTSD = PTSD symptoms & (C1|C2) & (C3|C4) & (C5|C6) & any P7-P9 & any C7-C9; a CPTSD result is not also PTSD. No overall total: PTSD and DSO sums are the dimensional scores.',
  score: (answers) => {
    const ptsdSymptoms = either(answers, 1, 2) && either(answers, 3, 4) && either(answers, 5, 6)
    const ptsdImpairment = any(answers, [7, 8, 9])
    const dso = either(answers, 10, 11) && either(answers, 12, 13) && either(answers, 14, 15)
    const dsoImpairment = any(answers, [16, 17, 18])
    const flags: Flag[] = []
    if (ptsdSymptoms && ptsdImpairment && dso && dsoImpairment) {
      flags.push({ code: 'itq-cptsd', severity: 'warning', message: 'Meets the ICD-11 criteria for Complex PTSD' })
    } else if (ptsdSymptoms && ptsdImpairment) {
      flags.push({ code: 'itq-ptsd', severity: 'warning', message: 'Meets the ICD-11 criteria for PTSD' })
    }
    return { total: null, band: null, subscales: { ptsd: sumOf(answers, range(1, 6)), dso: sumOf(answers, range(10, 15)) }, flags }
  }
}
