import { describe, expect, it } from 'vitest'
import { instrumentName, scoreInstrument, subscaleName } from '../../../shared/instruments'
import { followUpFor, followUpSeverity } from '../../../shared/instruments/follow-up'
import { defaultRagRules, fixedRules, ragFor, rulesProblem, type RagInput, type RagRule } from '../../../shared/instruments/rag'

const result = (instrument: string, answers: (number | null)[]): RagInput => ({ instrument, answers, ...scoreInstrument(instrument, answers) })

describe('safety questions left unanswered', () => {
  it('are reported by scoring, and make the questionnaire incomplete', () => {
    expect(scoreInstrument('phq9', [1, 1, 1, 1, 1, 1, 1, null, null])).toMatchObject({ unansweredCritical: [9], complete: false, total: null })
    expect(scoreInstrument('core10', [0, 0, 0, 0, 0, null, 0, 0, 0, 0])).toMatchObject({ unansweredCritical: [6], complete: false })
    // CORE-10 pro-rates one missing item, but a missing safety question still leaves risk unassessed.
    expect(scoreInstrument('core10', [0, 0, 0, 0, 0, null, 0, 0, 0, 0]).total).not.toBeNull()
  })

  it('are not reported when answered, or for questionnaires without one', () => {
    expect(scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({ unansweredCritical: [], complete: true })
    expect(scoreInstrument('gad7', [0, 0, 0, null, 0, 0, 0])).toMatchObject({ unansweredCritical: [], complete: false })
  })
})

describe('ragFor', () => {
  it('never calls a sitting green when a safety question is unanswered, and says so', () => {
    const outcome = ragFor([result('phq9', [0, 0, 0, 0, 0, 0, 0, 0, null])])
    expect(outcome).toEqual({ rag: 'amber', rule: fixedRules[0], reason: 'PHQ-9 item 9 not answered', riskNotAssessed: true })
  })

  it('never calls an incomplete questionnaire green or below its cut-off', () => {
    const outcome = ragFor([result('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]), result('gad7', [0, 0, null, 0, 0, 0, 0])])
    expect(outcome).toEqual({ rag: 'amber', rule: fixedRules[1], reason: 'GAD-7 not completed', riskNotAssessed: false })
  })

  it('keeps red above the safety floor, still noting the unassessed risk', () => {
    const outcome = ragFor([result('phq9', [0, 0, 0, 0, 0, 0, 0, 0, null]), result('gad7', [3, 3, 3, 3, 3, 3, 3])])
    expect(outcome).toMatchObject({ rag: 'red', reason: 'GAD-7 21: severe', riskNotAssessed: true })
  })

  it('names the item and the answer for a positive safety question', () => {
    expect(ragFor([result('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 3])])).toMatchObject({ rag: 'red', rule: { id: 'critical-item' }, reason: 'PHQ-9 item 9 answered “Nearly every day”' })
    expect(ragFor([result('core10', [0, 0, 0, 0, 0, 1, 0, 0, 0, 0])]).reason).toBe('CORE-10 item 6 answered “Only occasionally”')
  })

  it.each([
    [[2, 2, 2, 2, 2, 0, 0, 0, 0], 'amber', 'phq9-cutoff', 'PHQ-9 10 (10 or more)'],
    [[2, 2, 2, 2, 1, 0, 0, 0, 0], 'green', null, null],
    [[3, 3, 3, 3, 3, 0, 0, 0, 0], 'red', 'phq9-highest', 'PHQ-9 15: moderately severe']
  ] as const)('PHQ-9 %j is %s by %s', (answers, rag, rule, reason) => {
    const outcome = ragFor([result('phq9', [...answers])])
    expect(outcome.rag).toBe(rag)
    expect(outcome.rule?.id ?? null).toBe(rule)
    expect(outcome.reason).toBe(reason)
  })

  it('reports a flag rule by the flag’s own words', () => {
    expect(ragFor([result('itq', Array(18).fill(2))]).reason).toBe('ITQ: Meets the ICD-11 criteria for Complex PTSD')
  })
})

describe('rulesProblem', () => {
  it('refuses rules without the critical-item rule, or with two of one name', () => {
    expect(rulesProblem(defaultRagRules)).toBeNull()
    expect(rulesProblem(defaultRagRules.filter((rule) => rule.id !== 'critical-item'))).toMatch(/cannot be removed/)
    const weakened: RagRule[] = defaultRagRules.map((rule) => (rule.id === 'critical-item' ? { ...rule, level: 'amber' } : rule))
    expect(rulesProblem(weakened)).toMatch(/cannot be removed/)
    expect(rulesProblem([...defaultRagRules, defaultRagRules[1] as RagRule])).toMatch(/same name/)
  })
})

describe('followUpFor', () => {
  it.each([
    [{ rag: 'red', riskNotAssessed: false }, 'none', { reason: 'red', priority: 'top', teamDecisionWithoutCase: true }],
    [{ rag: 'amber', riskNotAssessed: true }, 'none', { reason: 'risk-not-assessed', priority: 'top', teamDecisionWithoutCase: true }],
    [{ rag: 'amber', riskNotAssessed: false }, 'same-as-red', { reason: 'amber', priority: 'normal', teamDecisionWithoutCase: true }],
    [{ rag: 'amber', riskNotAssessed: false }, 'open-case-only', { reason: 'amber', priority: 'normal', teamDecisionWithoutCase: false }],
    [{ rag: 'amber', riskNotAssessed: false }, 'none', null],
    [{ rag: 'green', riskNotAssessed: false }, 'same-as-red', null]
  ] as const)('%j with amber set to %s leads to %j', (outcome, amber, expected) => {
    expect(followUpFor(outcome, amber)).toEqual(expected)
  })

  it('ranks red above unassessed risk above amber', () => {
    expect(followUpSeverity.red).toBeGreaterThan(followUpSeverity['risk-not-assessed'])
    expect(followUpSeverity['risk-not-assessed']).toBeGreaterThan(followUpSeverity.amber)
  })
})

describe('names on screen', () => {
  it('uses the names clinicians know, never codes', () => {
    expect(['phq9', 'gad7', 'pcl5', 'itq', 'audit', 'auditc', 'core10', 'pcptsd5', 'iesr', 'wsas'].map(instrumentName)).toEqual(['PHQ-9', 'GAD-7', 'PCL-5', 'ITQ', 'AUDIT', 'AUDIT-C', 'CORE-10', 'PC-PTSD-5', 'IES-R', 'WSAS'])
    expect(instrumentName('toString')).toBe('An unknown questionnaire')
    expect(subscaleName('itq', 'dso')).toBe('Disturbances in self-organisation (DSO)')
    expect(subscaleName('mbi', 'emotionalExhaustion')).toBe('Emotional exhaustion')
  })
})
