import { describe, expect, it } from 'vitest'
import { instrumentName, scoreInstrument, subscaleName } from '../../../shared/instruments'
import {
  amberFollowUp,
  amberFollowUpNames,
  amberFollowUps,
  defaultAmberFollowUp,
  followUpFor,
  followUpReasonNames,
  followUpReasons,
  followUpSeverity
} from '../../../shared/instruments/follow-up'
import { defaultRagRules, fixedRules, ragFor, ragRules, rulesProblem, type RagInput, type RagRule } from '../../../shared/instruments/rag'

const result = (instrument: string, answers: (number | null)[]): RagInput => ({
  instrument,
  answers,
  ...scoreInstrument(instrument, answers)
})

describe('safety questions left unanswered', () => {
  it('are reported by scoring, and make the questionnaire incomplete', () => {
    expect(scoreInstrument('phq9', [1, 1, 1, 1, 1, 1, 1, null, null])).toMatchObject({
      unansweredCritical: [9],
      complete: false,
      total: null
    })
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
    expect(ragFor([result('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 3])])).toMatchObject({
      rag: 'red',
      rule: { id: 'critical-item' },
      reason: 'PHQ-9 item 9 answered “Nearly every day”'
    })
    expect(ragFor([result('core10', [0, 0, 0, 0, 0, 1, 0, 0, 0, 0])]).reason).toBe('CORE-10 item 6 answered “Only occasionally”')
  })

  it.each([
    [[2, 2, 2, 2, 2, 0, 0, 0, 0], 'amber', 'phq9-cutoff', 'PHQ-9 10 (moderate; 10 or more)'],
    [[2, 2, 2, 2, 1, 0, 0, 0, 0], 'green', null, null],
    [[3, 3, 3, 3, 3, 0, 0, 0, 0], 'red', 'phq9-highest', 'PHQ-9 15: moderately severe']
  ] as const)('PHQ-9 %j is %s by %s', (answers, rag, rule, reason) => {
    const outcome = ragFor([result('phq9', [...answers])])
    expect(outcome.rag).toBe(rag)
    expect(outcome.rule?.id ?? null).toBe(rule)
    expect(outcome.reason).toBe(reason)
  })

  it('words a positive safety question without item answers by its flag, and a band without a total by the band', () => {
    const flagged: RagInput = {
      instrument: 'phq9',
      total: null,
      band: null,
      flags: [{ code: 'item-9', severity: 'critical', message: 'Item 9 is positive' }]
    }
    expect(ragFor([flagged]).reason).toBe('PHQ-9: Item 9 is positive')
    expect(ragFor([{ instrument: 'gad7', total: null, band: 'severe', flags: [] }]).reason).toBe('GAD-7: severe')
  })

  it('lists every questionnaire whose safety question or items were left unanswered', () => {
    expect(ragFor([result('phq9', [0, 0, 0, 0, 0, 0, 0, 0, null]), result('core10', [0, 0, 0, 0, 0, null, 0, 0, 0, 0])]).reason).toBe(
      'PHQ-9 item 9 not answered; CORE-10 item 6 not answered'
    )
    expect(ragFor([result('gad7', [0, 0, null, 0, 0, 0, 0]), result('auditc', [0, null, 0])]).reason).toBe(
      'GAD-7 not completed; AUDIT-C not completed'
    )
  })

  it('names every questionnaire that fired at the winning level, the named rule’s first', () => {
    const outcome = ragFor([result('pcl5', Array(20).fill(2)), result('itq', Array(18).fill(3)), result('gad7', [1, 1, 1, 1, 1, 1, 1])])
    expect(outcome).toMatchObject({
      rag: 'red',
      rule: { id: 'ptsd-rule' },
      reason: 'PCL-5: Total 40 is at or above the cut-off of 33: provisional PTSD; ITQ: Meets the ICD-11 criteria for Complex PTSD'
    })
    // The rule first in the administrators' order names the outcome, whichever questionnaire came first.
    expect(ragFor([result('gad7', [3, 3, 3, 3, 3, 3, 3]), result('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1])])).toMatchObject({
      rule: { id: 'critical-item' },
      reason: 'PHQ-9 item 9 answered “Several days”; GAD-7 21: severe'
    })
  })

  it('reports a flag rule by the flag’s own words', () => {
    expect(ragFor([result('itq', Array(18).fill(2))]).reason).toBe('ITQ: Meets the ICD-11 criteria for Complex PTSD')
  })
})

describe('the default rules', () => {
  const external = (instrument: string, total: number, flags: RagInput['flags'] = []): RagInput => ({
    instrument,
    total,
    band: null,
    flags,
    complete: true
  })
  it.each([
    ['critical-item', 'red', [() => result('core10', [0, 0, 0, 0, 0, 2, 0, 0, 0, 0])], 'CORE-10 item 6 answered “Sometimes”'],
    ['ptsd-rule', 'red', [() => result('pcl5', Array(20).fill(2))], 'PCL-5: Total 40 is at or above the cut-off of 33: provisional PTSD'],
    [
      'ptsd-rule',
      'red',
      [() => result('itq', [2, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
      'ITQ: Meets the ICD-11 criteria for PTSD'
    ],
    ['phq9-highest', 'red', [() => result('phq9', [3, 3, 3, 3, 3, 3, 2, 0, 0])], 'PHQ-9 20: severe'],
    ['gad7-highest', 'red', [() => result('gad7', [3, 3, 3, 3, 3, 0, 0])], 'GAD-7 15: severe'],
    ['audit-highest', 'red', [() => result('audit', [4, 4, 4, 4, 4, 0, 0, 0, 0, 0])], 'AUDIT 20: possible dependence'],
    // CORE-10 items 2 and 3 are reverse scored.
    ['core10-highest', 'red', [() => result('core10', [4, 0, 0, 4, 4, 0, 4, 4, 4, 4])], 'CORE-10 36: severe'],
    ['core10-highest', 'red', [() => result('core10', [4, 0, 0, 4, 4, 0, 4, 0, 0, 0])], 'CORE-10 24: moderate to severe'],
    ['phq9-cutoff', 'amber', [() => result('phq9', [2, 2, 2, 2, 2, 0, 0, 0, 0])], 'PHQ-9 10 (moderate; 10 or more)'],
    ['gad7-cutoff', 'amber', [() => result('gad7', [2, 2, 2, 2, 2, 0, 0])], 'GAD-7 10 (moderate; 10 or more)'],
    ['audit-cutoff', 'amber', [() => result('audit', [4, 4, 0, 0, 0, 0, 0, 0, 0, 0])], 'AUDIT 8 (increasing risk; 8 or more)'],
    ['auditc-positive', 'amber', [() => result('auditc', [2, 2, 1])], 'AUDIT-C: Positive screen: complete the full AUDIT'],
    ['core10-cutoff', 'amber', [() => result('core10', [4, 4, 4, 4, 3, 0, 0, 0, 0, 0])], 'CORE-10 11 (mild; 11 or more)'],
    [
      'pcptsd5-positive',
      'amber',
      [() => result('pcptsd5', [1, 1, 1, 1, 0, 0])],
      'PC-PTSD-5: Positive screen (3 of 5): follow with the PCL-5 or a clinical interview'
    ],
    [
      'external-cutoff',
      'amber',
      [
        () =>
          external('iesr', 40, [
            { code: 'iesr-probable-ptsd', severity: 'warning', message: 'Total of 33 or more: probable PTSD (Creamer et al. 2003)' }
          ])
      ],
      'IES-R: Total of 33 or more: probable PTSD (Creamer et al. 2003)'
    ]
  ] as const)('%s marks %s (%#)', (id, rag, results, reason) => {
    // Scored inside the test, not while tests are collected, so a broken scorer fails a test rather than the file.
    expect(ragFor(results.map((make) => make()))).toMatchObject({ rag, rule: { id, level: rag }, reason })
  })

  it('fire nothing for results below every cut-off', () => {
    expect(
      ragFor([
        result('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0]),
        result('gad7', [1, 1, 1, 1, 1, 1, 1]),
        result('audit', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        result('core10', [4, 4, 2, 0, 0, 0, 0, 0, 0, 0])
      ])
    ).toEqual({ rag: 'green', rule: null, reason: null, riskNotAssessed: false })
  })

  it('are built-in rules with fixed names', () => {
    expect(fixedRules).toEqual([
      { id: 'risk-not-assessed', level: 'amber', description: 'A safety question was not answered, so risk was not assessed' },
      { id: 'incomplete', level: 'amber', description: 'A questionnaire was not completed, so it cannot count as below its cut-off' }
    ])
  })
})

describe('the rules schema', () => {
  it('accepts the default rules and refuses malformed ones', () => {
    expect(ragRules.safeParse(defaultRagRules).success).toBe(true)
    for (const bad of [
      [{ id: '', level: 'red', description: 'x', when: { kind: 'critical-flag' } }],
      [{ id: 'x'.repeat(61), level: 'red', description: 'x', when: { kind: 'critical-flag' } }],
      [{ id: 'a', level: 'purple', description: 'x', when: { kind: 'critical-flag' } }],
      [{ id: 'a', level: 'red', description: '', when: { kind: 'critical-flag' } }],
      [{ id: 'a', level: 'red', description: 'x'.repeat(201), when: { kind: 'critical-flag' } }],
      [{ id: 'a', level: 'red', description: 'x', when: { kind: 'flag', codes: [] } }],
      [{ id: 'a', level: 'red', description: 'x', when: { kind: 'band', instrument: 'phq9', bands: [] } }],
      [{ id: 'a', level: 'red', description: 'x', when: { kind: 'total-at-least', instrument: 'phq9' } }],
      [{ id: 'a', level: 'red', description: 'x', when: { kind: 'sometimes' } }],
      Array(101).fill(defaultRagRules[0])
    ]) {
      expect(ragRules.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false)
    }
    expect(
      ragRules.safeParse([
        { id: 'a', level: 'amber', description: 'x', when: { kind: 'flag', codes: ['a', 'b'] } },
        { id: 'b', level: 'red', description: 'y', when: { kind: 'band', instrument: 'gad7', bands: ['mild', 'severe'] } }
      ]).success
    ).toBe(true)
  })

  it('describe every default rule in words', () => {
    for (const rule of defaultRagRules) expect(rule.description.length, rule.id).toBeGreaterThan(10)
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

  it('defaults amber to the same as red, and names every choice and reason in words', () => {
    expect(defaultAmberFollowUp).toBe('same-as-red')
    expect(amberFollowUp.safeParse('sometimes').error?.issues[0]?.message).toBe('Choose what an amber result leads to')
    for (const choice of amberFollowUps) expect(amberFollowUpNames[choice].length).toBeGreaterThan(10)
    expect(followUpReasons.map((reason) => followUpReasonNames[reason])).toEqual(['Red result', 'Risk not assessed', 'Amber result'])
  })

  it('ranks red above unassessed risk above amber', () => {
    expect(followUpSeverity.red).toBeGreaterThan(followUpSeverity['risk-not-assessed'])
    expect(followUpSeverity['risk-not-assessed']).toBeGreaterThan(followUpSeverity.amber)
  })
})

describe('bad input to scoring', () => {
  it('is refused with the questionnaire named, not guessed at', () => {
    expect(() => scoreInstrument('phq9', 'all zero' as unknown as number[])).toThrow(
      'PHQ-9 (Patient Health Questionnaire) needs a list of answers.'
    )
    expect(() => scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0.5])).toThrow('item 9: the answer must be a whole number')
  })
})

describe('names on screen', () => {
  it('uses the names clinicians know, never codes', () => {
    expect(['phq9', 'gad7', 'pcl5', 'itq', 'audit', 'auditc', 'core10', 'pcptsd5', 'iesr', 'wsas'].map(instrumentName)).toEqual([
      'PHQ-9',
      'GAD-7',
      'PCL-5',
      'ITQ',
      'AUDIT',
      'AUDIT-C',
      'CORE-10',
      'PC-PTSD-5',
      'IES-R',
      'WSAS'
    ])
    expect(instrumentName('toString')).toBe('An unknown questionnaire')
    expect(subscaleName('itq', 'dso')).toBe('Disturbances in self-organisation (DSO)')
    expect(subscaleName('mbi', 'emotionalExhaustion')).toBe('Emotional exhaustion')
  })
})

describe('an incomplete questionnaire whose answers already reach a cut-off', () => {
  it('is red when the answered items alone are severe, though item 9 was left out: the real total can only be higher', () => {
    const outcome = ragFor([result('phq9', [3, 3, 3, 3, 3, 3, 3, 3, null])])
    expect(outcome).toEqual({
      rag: 'red',
      rule: expect.objectContaining({ id: 'phq9-highest' }),
      reason: 'PHQ-9 at least 24 (severe) from 8 of 9 questions answered',
      riskNotAssessed: true
    })
  })

  it('is red from the lowest band of the rule upwards, and not below it', () => {
    // 15 from eight answers reaches "moderately severe", the lowest band of the PHQ-9 red rule.
    expect(ragFor([result('phq9', [3, 3, 3, 3, 3, 0, 0, 0, null])])).toMatchObject({
      rag: 'red',
      reason: 'PHQ-9 at least 15 (moderately severe) from 8 of 9 questions answered'
    })
    // 14 from eight answers could still end moderate: risk not assessed (amber), not red.
    expect(ragFor([result('phq9', [3, 3, 3, 3, 2, 0, 0, 0, null])])).toMatchObject({
      rag: 'amber',
      rule: fixedRules[0],
      riskNotAssessed: true
    })
  })

  it('reaches an amber cut-off from its answers only when no red rule or safety floor comes first', () => {
    // GAD-7 with one answer missing: 12 already reaches the cut-off of 10, but "not completed" is the floor that names it.
    const gad = ragFor([result('gad7', [3, 3, 3, 3, null, 0, 0])])
    expect(gad).toMatchObject({ rag: 'amber', rule: fixedRules[1] })
    // With rules that have no fixed floor in the way (an administrator's own), the cut-off fires from the answers.
    const rules: RagRule[] = [
      ...defaultRagRules.filter((rule) => rule.level === 'red'),
      { id: 'gad7-red-at-10', level: 'red', description: 'GAD-7 10 or more', when: { kind: 'cutoff', instrument: 'gad7' } }
    ]
    expect(ragFor([result('gad7', [3, 3, 3, 3, null, 0, 0])], rules)).toMatchObject({
      rag: 'red',
      reason: 'GAD-7 at least 12 (moderate) from 6 of 7 questions answered (10 or more)'
    })
    expect(ragFor([result('gad7', [3, 3, 2, 0, null, 0, 0])], rules)).toMatchObject({ rag: 'amber', rule: fixedRules[1] })
    const fixedTotal: RagRule[] = [
      ...defaultRagRules.filter((rule) => rule.id === 'critical-item'),
      { id: 'gad7-at-12', level: 'red', description: 'GAD-7 12 or more', when: { kind: 'total-at-least', instrument: 'gad7', total: 12 } }
    ]
    expect(ragFor([result('gad7', [3, 3, 3, 3, null, 0, 0])], fixedTotal)).toMatchObject({ rag: 'red', rule: { id: 'gad7-at-12' } })
    expect(ragFor([result('gad7', [3, 3, 3, 2, null, 0, 0])], fixedTotal)).toMatchObject({ rag: 'amber' })
  })

  it('counts a reverse-scored item left out as adding nothing', () => {
    // CORE-10 pro-rates one missing item; with two missing the total is withheld and the floor applies.
    const scored = result('core10', [4, null, null, 4, 4, 0, 4, 4, 4, 4])
    expect(scored.total).toBeNull()
    expect(ragFor([scored])).toMatchObject({
      rag: 'red',
      reason: expect.stringMatching(/^CORE-10 at least \d+ \(.+\) from 8 of 10 questions answered$/)
    })
    const low = result('core10', [0, null, null, 0, 0, 0, 0, 0, 0, 0])
    expect(ragFor([low])).toMatchObject({ rag: 'amber', rule: fixedRules[1] })
  })

  it('gives no floor for a complete questionnaire, one with nothing answered, or one given as a total', () => {
    expect(ragFor([result('phq9', [null, null, null, null, null, null, null, null, null])])).toMatchObject({
      rag: 'amber',
      rule: fixedRules[0]
    })
    expect(ragFor([{ instrument: 'phq9', total: null, band: null, flags: [], answers: null, complete: false }])).toMatchObject({
      rag: 'amber',
      rule: fixedRules[1]
    })
    expect(ragFor([result('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0])])).toMatchObject({ rag: 'red', reason: 'PHQ-9 24: severe' })
  })
})
