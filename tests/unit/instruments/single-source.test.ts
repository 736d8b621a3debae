import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { getInstrument, instrumentIds, scoreInstrument, type InstrumentDefinition } from '../../../shared/instruments'
import { totalAllowingMissing } from '../../../shared/instruments/helpers'
import {
  clinicalCutoffOf,
  defaultRagRules,
  ragFor,
  ragRules,
  ruleAsApplied,
  rulesProblem,
  type RagInput,
  type RagRule
} from '../../../shared/instruments/rag'

/**
 * The instrument definitions are the single source of clinical cut-offs, bands and missing-item
 * rules: the default red/amber/green rules and CORE-10's pro-rating read them, never a copy.
 */

/** The default rules exactly as they were written before they referred to the instruments. */
const rulesAsWrittenBefore: RagRule[] = [
  {
    id: 'critical-item',
    level: 'red',
    description: 'A critical item is positive (e.g. PHQ-9 item 9, CORE-10 item 6)',
    when: { kind: 'critical-flag' }
  },
  {
    id: 'ptsd-rule',
    level: 'red',
    description: 'Meets a PTSD or Complex PTSD rule (PCL-5, ITQ)',
    when: { kind: 'flag', codes: ['pcl5-probable-ptsd', 'pcl5-dsm5-criteria', 'itq-ptsd', 'itq-cptsd'] }
  },
  {
    id: 'phq9-highest',
    level: 'red',
    description: 'PHQ-9 moderately severe or severe',
    when: { kind: 'band', instrument: 'phq9', bands: ['moderately severe', 'severe'] }
  },
  { id: 'gad7-highest', level: 'red', description: 'GAD-7 severe', when: { kind: 'band', instrument: 'gad7', bands: ['severe'] } },
  {
    id: 'audit-highest',
    level: 'red',
    description: 'AUDIT possible dependence',
    when: { kind: 'band', instrument: 'audit', bands: ['possible dependence'] }
  },
  {
    id: 'core10-highest',
    level: 'red',
    description: 'CORE-10 moderate to severe or severe',
    when: { kind: 'band', instrument: 'core10', bands: ['moderate to severe', 'severe'] }
  },
  { id: 'phq9-cutoff', level: 'amber', description: 'PHQ-9 10 or more', when: { kind: 'total-at-least', instrument: 'phq9', total: 10 } },
  { id: 'gad7-cutoff', level: 'amber', description: 'GAD-7 10 or more', when: { kind: 'total-at-least', instrument: 'gad7', total: 10 } },
  { id: 'audit-cutoff', level: 'amber', description: 'AUDIT 8 or more', when: { kind: 'total-at-least', instrument: 'audit', total: 8 } },
  {
    id: 'auditc-positive',
    level: 'amber',
    description: 'AUDIT-C positive (5 or more)',
    when: { kind: 'flag', codes: ['auditc-positive'] }
  },
  {
    id: 'core10-cutoff',
    level: 'amber',
    description: 'CORE-10 11 or more',
    when: { kind: 'total-at-least', instrument: 'core10', total: 11 }
  },
  { id: 'pcptsd5-positive', level: 'amber', description: 'PC-PTSD-5 positive', when: { kind: 'flag', codes: ['pcptsd5-positive'] } },
  {
    id: 'external-cutoff',
    level: 'amber',
    description: 'An externally scored instrument reaches its cut-off',
    when: { kind: 'flag', codes: ['iesr-probable-ptsd'] }
  }
]

/** Changes a definition for one test; afterEach puts it back. */
const restore: (() => void)[] = []
function change<K extends keyof InstrumentDefinition>(id: string, key: K, value: InstrumentDefinition[K]) {
  const definition = getInstrument(id)
  const before = definition[key]
  definition[key] = value
  restore.push(() => {
    definition[key] = before
  })
}
afterEach(() => {
  for (const undo of restore.splice(0).reverse()) undo()
})

/** Any answer set for an instrument, each item possibly missing. */
function answersWithGaps(id: string) {
  const definition = getInstrument(id)
  return fc.tuple(
    ...definition.items.map((item) => fc.option(fc.constantFrom(...item.options.map((o) => o.value)), { nil: null, freq: 8 }))
  )
}

const sitting = fc
  .subarray(instrumentIds, { minLength: 1 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) => answersWithGaps(id).map((answers): RagInput => ({ instrument: id, answers, ...scoreInstrument(id, answers) })))
    )
  )

describe('the default red/amber/green rules refer to the instruments', () => {
  it('copy no cut-off: every threshold rule points at its instrument’s clinical cut-off', () => {
    expect(defaultRagRules.filter((rule) => rule.when.kind === 'total-at-least')).toEqual([])
    const cutoffRules = defaultRagRules.filter((rule) => rule.when.kind === 'cutoff')
    expect(cutoffRules.map((rule) => rule.id)).toEqual(['phq9-cutoff', 'gad7-cutoff', 'audit-cutoff', 'core10-cutoff'])
  })

  it('name only bands the instruments define, from the named band to the highest', () => {
    for (const rule of defaultRagRules) {
      if (rule.when.kind !== 'band') continue
      const labels = getInstrument(rule.when.instrument).bands.map((band) => band.label)
      expect(labels.slice(-rule.when.bands.length)).toEqual(rule.when.bands)
    }
  })

  it('read the same to administrators and are valid settings', () => {
    expect(defaultRagRules.map(({ id, level, description }) => ({ id, level, description }))).toEqual(
      rulesAsWrittenBefore.map(({ id, level, description }) => ({ id, level, description }))
    )
    expect(ragRules.parse(defaultRagRules)).toEqual(defaultRagRules)
    expect(rulesProblem(defaultRagRules)).toBeNull()
  })

  it('give every sitting exactly the outcome the rules as written before gave it', () => {
    fc.assert(
      fc.property(sitting, (results) => {
        // What is kept and shown of an outcome: the level, the rule's id, level and description, the reason.
        const shown = (rules: RagRule[]) => {
          const { rule, ...outcome } = ragFor(results, rules)
          return { ...outcome, rule: rule && { id: rule.id, level: rule.level, description: rule.description } }
        }
        expect(shown(defaultRagRules)).toEqual(shown(rulesAsWrittenBefore))
      }),
      { numRuns: 3000 }
    )
  })

  it('follow a cut-off changed in the instrument definition, and only there', () => {
    const phq9At10: RagInput = {
      instrument: 'phq9',
      answers: [2, 2, 2, 2, 2, 0, 0, 0, 0],
      ...scoreInstrument('phq9', [2, 2, 2, 2, 2, 0, 0, 0, 0])
    }
    expect(ragFor([phq9At10])).toMatchObject({ rag: 'amber', reason: 'PHQ-9 10 (moderate; 10 or more)' })
    change('phq9', 'clinicalCutoff', 11)
    expect(ragFor([phq9At10])).toMatchObject({ rag: 'green', rule: null })
    change('phq9', 'clinicalCutoff', 9)
    expect(ragFor([phq9At10])).toMatchObject({ rag: 'amber', reason: 'PHQ-9 10 (moderate; 9 or more)' })
  })

  it('never fire a cut-off rule for another questionnaire, or one that has no cut-off', () => {
    const gad7: RagInput = { instrument: 'gad7', total: 21, band: 'severe', flags: [] }
    expect(
      ragFor(
        [gad7],
        [defaultRagRules[0] as RagRule, { id: 'x', level: 'amber', description: 'x', when: { kind: 'cutoff', instrument: 'phq9' } }]
      ).rag
    ).toBe('green')
    expect(
      ragFor(
        [{ instrument: 'itq', total: 99, band: null, flags: [] }],
        [defaultRagRules[0] as RagRule, { id: 'x', level: 'amber', description: 'x', when: { kind: 'cutoff', instrument: 'itq' } }]
      ).rag
    ).toBe('green')
  })

  it('never count a withheld total as reaching a threshold, even one of 0', () => {
    const withheld: RagInput = { instrument: 'phq9', total: null, band: null, flags: [] }
    const zero: RagRule = {
      id: 'zero',
      level: 'amber',
      description: 'PHQ-9 0 or more',
      when: { kind: 'total-at-least', instrument: 'phq9', total: 0 }
    }
    expect(ragFor([withheld], [defaultRagRules[0] as RagRule, zero])).toMatchObject({ rag: 'green', rule: null })
    expect(ragFor([{ ...withheld, total: 0 }], [defaultRagRules[0] as RagRule, zero])).toMatchObject({ rag: 'amber', rule: { id: 'zero' } })
  })

  it('word a threshold reached by a questionnaire without bands by its total and threshold alone', () => {
    const auditc: RagInput = { instrument: 'auditc', total: 6, band: null, flags: [] }
    const rule: RagRule = {
      id: 'auditc-5',
      level: 'amber',
      description: 'AUDIT-C 5 or more',
      when: { kind: 'total-at-least', instrument: 'auditc', total: 5 }
    }
    expect(ragFor([auditc], [defaultRagRules[0] as RagRule, rule]).reason).toBe('AUDIT-C 6 (5 or more)')
  })

  it('are written to the audit log with the cut-off in force', () => {
    const phq9 = defaultRagRules.find((rule) => rule.id === 'phq9-cutoff') as RagRule
    expect(ruleAsApplied(phq9).when).toEqual({ kind: 'cutoff', instrument: 'phq9', total: 10 })
    const band = defaultRagRules.find((rule) => rule.id === 'gad7-highest') as RagRule
    expect(ruleAsApplied(band)).toBe(band)
  })

  it('are refused when a rule names the cut-off of a questionnaire that has none', () => {
    const withItq: RagRule[] = [
      ...defaultRagRules,
      { id: 'itq-cutoff', level: 'amber', description: 'ITQ', when: { kind: 'cutoff', instrument: 'itq' } }
    ]
    expect(rulesProblem(withItq)).toBe('A rule refers to the cut-off of a questionnaire that has none.')
    const withNothing: RagRule[] = [
      ...defaultRagRules,
      { id: 'nothing-cutoff', level: 'amber', description: 'x', when: { kind: 'cutoff', instrument: 'constructor' } }
    ]
    expect(rulesProblem(withNothing)).not.toBeNull()
    expect(clinicalCutoffOf('constructor')).toBeNull()
    expect(clinicalCutoffOf('audit')).toBe(8)
  })
})

describe('an instrument’s missing-item rule decides its total', () => {
  it.each([
    [[1, 2, 3], { allowed: 0, prorate: false }, 6],
    [[1, 2, null], { allowed: 0, prorate: false }, null],
    [[1, 2, null], { allowed: 1, prorate: false }, null],
    [[1, 2, null], { allowed: 1, prorate: true }, 5],
    [[1, 1, null], { allowed: 1, prorate: true }, 3],
    [[1, null, null], { allowed: 1, prorate: true }, null],
    [[1, null, null], { allowed: 2, prorate: true }, 3],
    [[null, null], { allowed: 2, prorate: true }, null]
  ])('%j under %j totals %j', (values, rule, total) => {
    expect(totalAllowingMissing(values, rule)).toBe(total)
  })

  it('rounds a pro-rated half up, as CORE-10’s reference does', () => {
    // 3 answered items summing to 5, scaled to 4 items: 6.67 → 7; 2 summing to 3, scaled to 3: 4.5 → 5.
    expect(totalAllowingMissing([2, 2, 1, null], { allowed: 1, prorate: true })).toBe(7)
    expect(totalAllowingMissing([1, 2, null], { allowed: 1, prorate: true })).toBe(5)
  })

  it('is the rule CORE-10 scores by: change the definition and the score follows', () => {
    const oneMissing = [2, 2, 2, 2, 2, 0, 2, 2, 2, null]
    expect(scoreInstrument('core10', oneMissing).total).toBe(18)
    change('core10', 'missing', { allowed: 0, prorate: false })
    expect(scoreInstrument('core10', oneMissing)).toMatchObject({ total: null, band: null })
    change('core10', 'missing', { allowed: 2, prorate: true })
    expect(scoreInstrument('core10', [null, 4, 4, 1, 1, 0, 1, 1, 1, null]).total).not.toBeNull()
  })

  it.each(instrumentIds.filter((id) => getInstrument(id).range))(
    '%s: withholds the total once more items are missing than its rule allows',
    (id) => {
      const definition = getInstrument(id)
      fc.assert(
        fc.property(answersWithGaps(id), (answers) => {
          const missing = answers.filter((value) => value === null).length
          const { total, complete } = scoreInstrument(id, answers)
          if (missing > definition.missing.allowed && definition.isComplete === undefined) expect(total).toBeNull()
          // Incomplete is never the same as a full score: a missing item always leaves the form incomplete.
          if (missing > 0 && definition.isComplete === undefined) expect(complete).toBe(false)
        }),
        { numRuns: 300 }
      )
    }
  )
})
