import { yesNo } from '../helpers'
import type { Flag, InstrumentDefinition } from '../types'

export const defaultPcptsd5Cutoff = 3

/** Answers: the exposure question first, then the five symptom items. */
export const pcptsd5: InstrumentDefinition = {
  id: 'pcptsd5',
  title: 'PC-PTSD-5 (Primary Care PTSD Screen for DSM-5)',
  version: 'PC-PTSD-5 (Prins et al. 2016)',
  scoringVersion: 'pcptsd5@1',
  recallPeriod: 'In the past month',
  textEmbedded: false,
  items: [
    'Exposure: ever experienced an event that was unusually or especially frightening, horrible or traumatic',
    'Had nightmares about it or thought about it when you did not want to',
    'Tried hard not to think about it or went out of your way to avoid reminders',
    'Been constantly on guard, watchful or easily startled',
    'Felt numb or detached from people, activities or your surroundings',
    'Felt guilty or unable to stop blaming yourself or others'
  ].map((text, index) => ({ number: index + 1, text, options: yesNo })),
  reverseScoredItems: [],
  subscales: {},
  bands: [],
  clinicalCutoff: defaultPcptsd5Cutoff,
  criticalItems: [],
  missing: { allowed: 0, prorate: false },
  range: { min: 0, max: 5 },
  copyright: 'PC-PTSD-5: US Department of Veterans Affairs, National Center for PTSD (public domain).',
  source:
    'Prins A et al. J Gen Intern Med 2016;31:1206-11. If the exposure answer is No the score is 0 and the five items are not asked (they may be left empty). Otherwise the count of Yes answers, 0-5; positive at the cut-off (a setting: 3 optimally sensitive, default; 4 optimally efficient).',
  isComplete: (answers) => answers[0] === 0 || answers.every((value) => value !== null),
  score: (answers, options) => {
    const flags: Flag[] = []
    if (answers[0] === 0) return { total: 0, band: null, subscales: {}, flags }
    const symptoms = answers.slice(1)
    if (answers[0] === null || symptoms.some((value) => value === null)) return { total: null, band: null, subscales: {}, flags }
    const total = symptoms.reduce<number>((sum, value) => sum + (value ?? 0), 0)
    const cutoff = options.pcptsd5Cutoff ?? defaultPcptsd5Cutoff
    if (total >= cutoff)
      flags.push({
        code: 'pcptsd5-positive',
        severity: 'warning',
        message: `Positive screen (${total} of 5): follow with the PCL-5 or a clinical interview`
      })
    return { total, band: null, subscales: {}, flags }
  }
}
