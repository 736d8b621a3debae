import { audit } from './definitions/audit'
import { auditc } from './definitions/auditc'
import { core10 } from './definitions/core10'
import { gad7 } from './definitions/gad7'
import { itq } from './definitions/itq'
import { pcl5 } from './definitions/pcl5'
import { pcptsd5 } from './definitions/pcptsd5'
import { phq9 } from './definitions/phq9'
import { InstrumentInputError, type Answers, type Flag, type InstrumentDefinition, type ScoreResult, type ScoringOptions } from './types'

/**
 * The one entry point for scoring, used by the window (live preview), the core (which
 * re-scores everything on save), imports and tests.
 */
export const instruments: Record<string, InstrumentDefinition> = { phq9, gad7, pcl5, itq, audit, auditc, core10, pcptsd5 }

export const instrumentIds = Object.keys(instruments)

export function getInstrument(id: string): InstrumentDefinition {
  const definition = Object.prototype.hasOwnProperty.call(instruments, id) ? instruments[id] : undefined
  if (!definition) throw new InstrumentInputError(`There is no instrument called "${id}".`, id, null)
  return definition
}

/** Checks every answer against its item: right count, whole numbers, allowed values only. */
function validate(definition: InstrumentDefinition, answers: unknown): Answers {
  if (!Array.isArray(answers)) throw new InstrumentInputError(`${definition.title} needs a list of answers.`, definition.id, null)
  if (answers.length !== definition.items.length) {
    throw new InstrumentInputError(`${definition.title} has ${definition.items.length} items; ${answers.length} answers were given.`, definition.id, null)
  }
  return answers.map((value: unknown, index) => {
    const item = definition.items[index]
    const number = index + 1
    if (value === null || value === undefined) return null
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new InstrumentInputError(`${definition.title} item ${number}: the answer must be a whole number.`, definition.id, number)
    }
    if (!item?.options.some((option) => option.value === value)) {
      const allowed = item?.options.map((option) => option.value).join(', ') ?? ''
      throw new InstrumentInputError(`${definition.title} item ${number}: ${value} is not an allowed answer (${allowed}).`, definition.id, number)
    }
    return value
  })
}

/**
 * Scores one instrument from item answers in published order (null for a missing item).
 * Critical items are flagged even when other items are missing: a safety signal never waits
 * for a complete form.
 */
export function scoreInstrument(id: string, answers: readonly (number | null)[], options: ScoringOptions = {}): ScoreResult {
  const definition = getInstrument(id)
  const checked = validate(definition, answers)
  const result = definition.score(checked, options)
  const critical: Flag[] = definition.criticalItems
    .filter((number) => (checked[number - 1] ?? 0) > 0)
    .map((number) => ({
      code: `item-${number}`,
      severity: 'critical',
      message: `Item ${number} is positive: review risk with the person today`
    }))
  const complete = definition.isComplete ? definition.isComplete(checked) : checked.every((value) => value !== null)
  return { ...result, flags: [...critical, ...result.flags], complete, scoringVersion: definition.scoringVersion }
}

export { externalInstruments, scoreExternal } from './external'
export { InstrumentInputError } from './types'
export type { Answers, Band, Flag, InstrumentDefinition, InstrumentItem, ScoreResult, ScoringOptions } from './types'
