import { range, sumOf } from '../helpers'
import type { Flag, InstrumentDefinition } from '../types'
import { auditConsumptionItems } from './audit'

/** UK threshold: a total of this or more is a positive screen. */
const cutoff = 5

export const auditc: InstrumentDefinition = {
  id: 'auditc',
  title: 'AUDIT-C (alcohol consumption)',
  version: 'AUDIT-C, UK version (items 1-3 of AUDIT, UK units)',
  scoringVersion: 'auditc@1',
  recallPeriod: 'In the last year',
  textEmbedded: true,
  items: auditConsumptionItems,
  reverseScoredItems: [],
  subscales: {},
  bands: [],
  clinicalCutoff: cutoff,
  criticalItems: [],
  missing: { allowed: 0, prorate: false },
  range: { min: 0, max: 12 },
  copyright: 'AUDIT © World Health Organization 2001.',
  source: 'UK threshold: a total of 5 or more is positive; complete the remaining 7 AUDIT items. US VA thresholds differ and are not used.',
  score: (answers) => {
    const total = sumOf(answers, range(1, 3))
    const flags: Flag[] = []
    if (total !== null && total >= cutoff)
      flags.push({ code: 'auditc-positive', severity: 'warning', message: 'Positive screen: complete the full AUDIT' })
    return { total, band: null, subscales: {}, flags }
  }
}
