import { z } from 'zod'
import type { Flag } from './types'

/**
 * Red/amber/green for a whole sitting, from rules that are data (administrators can edit
 * them). The first red rule that matches wins, then the first amber; the result names it.
 */
export const ragCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('critical-flag') }),
  z.object({ kind: z.literal('flag'), codes: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('band'), instrument: z.string(), bands: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('total-at-least'), instrument: z.string(), total: z.number() })
])

export const ragRule = z.object({
  id: z.string().min(1).max(60),
  level: z.enum(['red', 'amber']),
  description: z.string().min(1).max(200),
  when: ragCondition
})

export type RagRule = z.infer<typeof ragRule>
export const ragRules = z.array(ragRule).max(100)

export interface RagInput {
  instrument: string
  total: number | null
  band: string | null
  flags: Flag[]
}

export const defaultRagRules: RagRule[] = [
  { id: 'critical-item', level: 'red', description: 'A critical item is positive (e.g. PHQ-9 item 9, CORE-10 item 6)', when: { kind: 'critical-flag' } },
  { id: 'ptsd-rule', level: 'red', description: 'Meets a PTSD or Complex PTSD rule (PCL-5, ITQ)', when: { kind: 'flag', codes: ['pcl5-probable-ptsd', 'pcl5-dsm5-criteria', 'itq-ptsd', 'itq-cptsd'] } },
  { id: 'phq9-highest', level: 'red', description: 'PHQ-9 moderately severe or severe', when: { kind: 'band', instrument: 'phq9', bands: ['moderately severe', 'severe'] } },
  { id: 'gad7-highest', level: 'red', description: 'GAD-7 severe', when: { kind: 'band', instrument: 'gad7', bands: ['severe'] } },
  { id: 'audit-highest', level: 'red', description: 'AUDIT possible dependence', when: { kind: 'band', instrument: 'audit', bands: ['possible dependence'] } },
  { id: 'core10-highest', level: 'red', description: 'CORE-10 moderate to severe or severe', when: { kind: 'band', instrument: 'core10', bands: ['moderate to severe', 'severe'] } },
  { id: 'phq9-cutoff', level: 'amber', description: 'PHQ-9 10 or more', when: { kind: 'total-at-least', instrument: 'phq9', total: 10 } },
  { id: 'gad7-cutoff', level: 'amber', description: 'GAD-7 10 or more', when: { kind: 'total-at-least', instrument: 'gad7', total: 10 } },
  { id: 'audit-cutoff', level: 'amber', description: 'AUDIT 8 or more', when: { kind: 'total-at-least', instrument: 'audit', total: 8 } },
  { id: 'auditc-positive', level: 'amber', description: 'AUDIT-C positive (5 or more)', when: { kind: 'flag', codes: ['auditc-positive'] } },
  { id: 'core10-cutoff', level: 'amber', description: 'CORE-10 11 or more', when: { kind: 'total-at-least', instrument: 'core10', total: 11 } },
  { id: 'pcptsd5-positive', level: 'amber', description: 'PC-PTSD-5 positive', when: { kind: 'flag', codes: ['pcptsd5-positive'] } },
  { id: 'external-cutoff', level: 'amber', description: 'An externally scored instrument reaches its cut-off', when: { kind: 'flag', codes: ['iesr-probable-ptsd'] } }
]

function matches(rule: RagRule, result: RagInput): boolean {
  const when = rule.when
  switch (when.kind) {
    case 'critical-flag':
      return result.flags.some((flag) => flag.severity === 'critical')
    case 'flag':
      return result.flags.some((flag) => when.codes.includes(flag.code))
    case 'band':
      return result.instrument === when.instrument && result.band !== null && when.bands.includes(result.band)
    case 'total-at-least':
      return result.instrument === when.instrument && result.total !== null && result.total >= when.total
  }
}

export function ragFor(results: RagInput[], rules: RagRule[] = defaultRagRules): { rag: 'red' | 'amber' | 'green'; rule: RagRule | null } {
  for (const level of ['red', 'amber'] as const) {
    const rule = rules.find((candidate) => candidate.level === level && results.some((result) => matches(candidate, result)))
    if (rule) return { rag: level, rule }
  }
  return { rag: 'green', rule: null }
}
