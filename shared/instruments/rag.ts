import { z } from 'zod'
import { answeredFloor, type AnsweredFloor } from './answered-floor'
import { instrumentName } from './names'
import { instruments } from './registry'
import type { Flag } from './types'

/**
 * Red/amber/green for a whole sitting, from rules that are data (administrators can edit
 * them). The first red rule that matches wins; then the fixed safety floor (a safety question
 * left unanswered, or a questionnaire left incomplete, is never green); then the first amber.
 * The outcome names the rule and, in words, what made it fire.
 */
export const ragCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('critical-flag') }),
  z.object({ kind: z.literal('flag'), codes: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('band'), instrument: z.string(), bands: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('total-at-least'), instrument: z.string(), total: z.number() }),
  /** The instrument's own clinical cut-off (its definition's clinicalCutoff), never a copy of the number. */
  z.object({ kind: z.literal('cutoff'), instrument: z.string() })
])

export const ragRule = z.object({
  id: z.string().min(1).max(60),
  level: z.enum(['red', 'amber']),
  description: z.string().min(1).max(200),
  when: ragCondition
})

export type RagRule = z.infer<typeof ragRule>

/** The rule that makes a positive critical item red. It can never be removed or weakened. */
export const isCriticalItemRule = (rule: RagRule) => rule.level === 'red' && rule.when.kind === 'critical-flag'

export const ragRules = z.array(ragRule).max(100)

/** The clinical cut-off in the instrument's definition, or null when it has none. */
export function clinicalCutoffOf(instrument: string): number | null {
  return Object.prototype.hasOwnProperty.call(instruments, instrument) ? (instruments[instrument]?.clinicalCutoff ?? null) : null
}

/**
 * A rule as it applies now, for the audit log: a cut-off rule also records the number it
 * refers to, so the log shows the threshold in force even after a definition changes.
 */
export function ruleAsApplied(rule: RagRule): RagRule | (RagRule & { when: { total: number | null } }) {
  return rule.when.kind === 'cutoff' ? { ...rule, when: { ...rule.when, total: clinicalCutoffOf(rule.when.instrument) } } : rule
}

/** Why a set of rules cannot be used, in words, or null when it can. */
export function rulesProblem(rules: RagRule[]): string | null {
  if (!rules.some(isCriticalItemRule)) return 'The rule that turns a positive critical item red cannot be removed.'
  if (new Set(rules.map((rule) => rule.id)).size !== rules.length) return 'Two rules have the same name. Give each rule its own name.'
  if (rules.some((rule) => rule.when.kind === 'cutoff' && clinicalCutoffOf(rule.when.instrument) === null))
    return 'A rule refers to the cut-off of a questionnaire that has none.'
  return null
}

export interface RagInput {
  instrument: string
  total: number | null
  band: string | null
  flags: Flag[]
  /** Item answers in published order, where the questionnaire was answered item by item. */
  answers?: readonly (number | null)[] | null
  /** False when items are missing: such a result never counts as green or below a cut-off. */
  complete?: boolean
  /** Critical items with no answer: risk was not assessed. */
  unansweredCritical?: readonly number[]
}

function requireCutoff(instrument: string): number {
  const cutoff = instruments[instrument]?.clinicalCutoff ?? null
  if (cutoff === null) throw new Error(`The default rules name a cut-off that ${instrument} does not have.`)
  return cutoff
}

/** Red from the named band upwards, the band names read from the instrument's definition. */
function bandsFromRule(id: string, instrument: string, lowest: string): RagRule {
  const labels = instruments[instrument]?.bands.map((band) => band.label) ?? []
  const from = labels.indexOf(lowest)
  if (from < 0) throw new Error(`The default rules name a band that ${instrument} does not have.`)
  const bands = labels.slice(from)
  return { id, level: 'red', description: `${instrumentName(instrument)} ${bands.join(' or ')}`, when: { kind: 'band', instrument, bands } }
}

/** Amber at the instrument's clinical cut-off. */
function cutoffRule(id: string, instrument: string): RagRule {
  return {
    id,
    level: 'amber',
    description: `${instrumentName(instrument)} ${requireCutoff(instrument)} or more`,
    when: { kind: 'cutoff', instrument }
  }
}

/**
 * Harbour's rules as shipped. Every number and band name comes from the instrument definitions
 * (the single source of clinical cut-offs), so a cut-off is changed in one place only.
 */
export const defaultRagRules: RagRule[] = [
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
  bandsFromRule('phq9-highest', 'phq9', 'moderately severe'),
  bandsFromRule('gad7-highest', 'gad7', 'severe'),
  bandsFromRule('audit-highest', 'audit', 'possible dependence'),
  bandsFromRule('core10-highest', 'core10', 'moderate to severe'),
  cutoffRule('phq9-cutoff', 'phq9'),
  cutoffRule('gad7-cutoff', 'gad7'),
  cutoffRule('audit-cutoff', 'audit'),
  {
    id: 'auditc-positive',
    level: 'amber',
    description: `AUDIT-C positive (${requireCutoff('auditc')} or more)`,
    when: { kind: 'flag', codes: ['auditc-positive'] }
  },
  cutoffRule('core10-cutoff', 'core10'),
  { id: 'pcptsd5-positive', level: 'amber', description: 'PC-PTSD-5 positive', when: { kind: 'flag', codes: ['pcptsd5-positive'] } },
  {
    id: 'external-cutoff',
    level: 'amber',
    description: 'An externally scored instrument reaches its cut-off',
    when: { kind: 'flag', codes: ['iesr-probable-ptsd'] }
  }
]

/** Rules built into Harbour, shown on the rules screen but never editable. */
export interface FixedRule {
  id: 'risk-not-assessed' | 'incomplete'
  level: 'amber'
  description: string
}

export const fixedRules: FixedRule[] = [
  { id: 'risk-not-assessed', level: 'amber', description: 'A safety question was not answered, so risk was not assessed' },
  { id: 'incomplete', level: 'amber', description: 'A questionnaire was not completed, so it cannot count as below its cut-off' }
]

export interface RagOutcome {
  rag: 'red' | 'amber' | 'green'
  rule: Pick<RagRule, 'id' | 'level' | 'description'> | null
  /** What fired, in words: the questionnaire, the item or score, and the answer. */
  reason: string | null
  /** A safety question was left unanswered in this sitting. */
  riskNotAssessed: boolean
}

function answerLabel(instrument: string, item: number, value: number | null | undefined): string {
  const option = instruments[instrument]?.items[item - 1]?.options.find((candidate) => candidate.value === value)
  return option ? `“${option.label}”` : String(value)
}

/** Why a rule matched this result, in words; null when it does not match. */
function firing(rule: RagRule, result: RagInput): string | null {
  const name = instrumentName(result.instrument)
  const when = rule.when
  switch (when.kind) {
    case 'critical-flag': {
      const flag = result.flags.find((candidate) => candidate.severity === 'critical')
      if (!flag) return null
      const item = Number(/^item-(\d+)$/.exec(flag.code)?.[1])
      return Number.isInteger(item) && result.answers
        ? `${name} item ${item} answered ${answerLabel(result.instrument, item, result.answers[item - 1])}`
        : `${name}: ${flag.message}`
    }
    case 'flag': {
      const flag = result.flags.find((candidate) => when.codes.includes(candidate.code))
      return flag ? `${name}: ${flag.message}` : null
    }
    case 'band':
      if (result.instrument !== when.instrument) return null
      if (result.band !== null && when.bands.includes(result.band))
        return `${name} ${result.total ?? ''}: ${result.band}`.replace(' :', ':')
      return result.total === null ? floorInBands(result, when.bands) : null
    case 'total-at-least':
      return atLeast(result, when.instrument, when.total)
    case 'cutoff':
      return atLeast(result, when.instrument, clinicalCutoffOf(when.instrument))
  }
}

function atLeast(result: RagInput, instrument: string, total: number | null): string | null {
  if (result.instrument !== instrument || total === null) return null
  if (result.total === null) {
    const floor = floorOf(result)
    return floor && floor.total >= total ? `${floorWords(result.instrument, floor)} (${total} or more)` : null
  }
  if (result.total < total) return null
  return `${instrumentName(result.instrument)} ${result.total} (${result.band ? `${result.band}; ` : ''}${total} or more)`
}

/** An incomplete questionnaire's lowest possible total, where its score was withheld. */
function floorOf(result: RagInput): AnsweredFloor | null {
  return result.complete === false ? answeredFloor(result.instrument, result.answers) : null
}

function floorWords(instrument: string, floor: AnsweredFloor): string {
  return `${instrumentName(instrument)} at least ${floor.total}${floor.band ? ` (${floor.band})` : ''} from ${floor.answered} of ${floor.items} questions answered`
}

/**
 * A band rule fires on an incomplete questionnaire when what was answered already reaches one
 * of its bands and every band above it is in the rule too (the real total can only be higher).
 */
function floorInBands(result: RagInput, bands: string[]): string | null {
  const floor = floorOf(result)
  const all = instruments[result.instrument]?.bands ?? []
  const reached = all.find((band) => band.label === floor?.band)
  if (!floor || !reached) return null
  const possible = all.filter((band) => band.min >= reached.min)
  return possible.every((band) => bands.includes(band.label)) ? floorWords(result.instrument, floor) : null
}

/**
 * The first rule (in the administrators' order) that fires names the outcome; the reason lists
 * what fired it first, then every other questionnaire that fires a rule of the same level, so
 * no finding hides behind another.
 */
function allFiring(rules: RagRule[], results: RagInput[]): { rule: RagRule; reason: string } | null {
  const firstRuleFor = (result: RagInput) => {
    for (const rule of rules) {
      const reason = firing(rule, result)
      if (reason !== null) return { rule, reason }
    }
    return null
  }
  const fired = results.map(firstRuleFor).filter((found) => found !== null)
  const named = fired.reduce<(typeof fired)[number] | null>(
    (best, found) => (best === null || rules.indexOf(found.rule) < rules.indexOf(best.rule) ? found : best),
    null
  )
  if (!named) return null
  return { rule: named.rule, reason: [named.reason, ...fired.filter((found) => found !== named).map((found) => found.reason)].join('; ') }
}

const [riskRule, incompleteRule] = fixedRules as [FixedRule, FixedRule]

function floor(results: RagInput[]): { rule: FixedRule; reason: string } | null {
  const unasked = results.filter((result) => (result.unansweredCritical?.length ?? 0) > 0)
  if (unasked.length > 0) {
    return {
      rule: riskRule,
      reason: unasked
        .map((result) => `${instrumentName(result.instrument)} item ${result.unansweredCritical?.join(' and ')} not answered`)
        .join('; ')
    }
  }
  const incomplete = results.filter((result) => result.complete === false)
  if (incomplete.length > 0) {
    return { rule: incompleteRule, reason: incomplete.map((result) => `${instrumentName(result.instrument)} not completed`).join('; ') }
  }
  return null
}

export function ragFor(results: RagInput[], rules: RagRule[] = defaultRagRules): RagOutcome {
  const riskNotAssessed = results.some((result) => (result.unansweredCritical?.length ?? 0) > 0)
  const red = allFiring(
    rules.filter((rule) => rule.level === 'red'),
    results
  )
  if (red) return { rag: 'red', rule: red.rule, reason: red.reason, riskNotAssessed }
  const safetyFloor = floor(results)
  if (safetyFloor) return { rag: 'amber', rule: safetyFloor.rule, reason: safetyFloor.reason, riskNotAssessed }
  const amber = allFiring(
    rules.filter((rule) => rule.level === 'amber'),
    results
  )
  if (amber) return { rag: 'amber', rule: amber.rule, reason: amber.reason, riskNotAssessed }
  return { rag: 'green', rule: null, reason: null, riskNotAssessed }
}
