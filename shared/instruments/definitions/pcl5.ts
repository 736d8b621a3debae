import { endorsed, items, range, severity0to4, sumOf } from '../helpers'
import type { Flag, InstrumentDefinition } from '../types'

const clusters = { B: range(1, 5), C: [6, 7], D: range(8, 14), E: range(15, 20) }
export const defaultPcl5Cutoff = 33

export const pcl5: InstrumentDefinition = {
  id: 'pcl5',
  title: 'PCL-5 (PTSD Checklist for DSM-5)',
  version: 'PCL-5 (Weathers et al. 2013), past month, anchored to the worst event',
  scoringVersion: 'pcl5@1',
  recallPeriod: 'In the past month',
  textEmbedded: false,
  items: items(
    [
      'Repeated, disturbing, unwanted memories',
      'Repeated, disturbing dreams',
      'Feeling as if it were happening again',
      'Very upset when reminded',
      'Strong physical reactions when reminded',
      'Avoiding memories, thoughts or feelings',
      'Avoiding external reminders',
      'Trouble remembering important parts',
      'Strong negative beliefs',
      'Blaming yourself or someone else',
      'Strong negative feelings',
      'Loss of interest in activities',
      'Feeling distant or cut off',
      'Trouble experiencing positive feelings',
      'Irritable behaviour or angry outbursts',
      'Taking too many risks or doing harmful things',
      'Being superalert or watchful',
      'Feeling jumpy or easily startled',
      'Difficulty concentrating',
      'Trouble falling or staying asleep'
    ],
    severity0to4
  ),
  reverseScoredItems: [],
  subscales: clusters,
  subscaleLabels: { B: 'Intrusion (B)', C: 'Avoidance (C)', D: 'Negative mood and thinking (D)', E: 'Arousal and reactivity (E)' },
  bands: [],
  clinicalCutoff: defaultPcl5Cutoff,
  criticalItems: [],
  missing: { allowed: 0, prorate: false },
  range: { min: 0, max: 80 },
  copyright: 'PCL-5: US Department of Veterans Affairs, National Center for PTSD (public domain).',
  source:
    'Weathers FW et al. 2013, ptsd.va.gov. Clusters B 1-5, C 6-7, D 8-14, E 15-20. Provisional PTSD by total ≥ cut-off (a setting, default 33) or the DSM-5 rule (item ≥ 2 endorsed; ≥1 B, ≥1 C, ≥2 D, ≥2 E). No severity bands.',
  score: (answers, options) => {
    const total = sumOf(answers, range(1, 20))
    const subscales = Object.fromEntries(Object.entries(clusters).map(([name, numbers]) => [name, sumOf(answers, numbers)]))
    const count = (numbers: number[]) => numbers.filter((n) => endorsed(answers, n)).length
    const flags: Flag[] = []
    const cutoff = options.pcl5Cutoff ?? defaultPcl5Cutoff
    if (total !== null && total >= cutoff) {
      flags.push({
        code: 'pcl5-probable-ptsd',
        severity: 'warning',
        message: `Total ${total} is at or above the cut-off of ${cutoff}: provisional PTSD`
      })
    }
    if (count(clusters.B) >= 1 && count(clusters.C) >= 1 && count(clusters.D) >= 2 && count(clusters.E) >= 2) {
      flags.push({ code: 'pcl5-dsm5-criteria', severity: 'warning', message: 'Symptoms meet the DSM-5 provisional diagnosis rule' })
    }
    return { total, band: null, subscales, flags }
  }
}
