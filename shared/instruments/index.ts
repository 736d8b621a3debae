import { instruments } from './registry'
import { InstrumentInputError, type Answers, type Flag, type InstrumentDefinition, type ScoreResult, type ScoringOptions } from './types'

/**
 * The one entry point for scoring, used by the window (live preview), the core (which
 * re-scores everything on save), imports and tests.
 */
export const instrumentIds = Object.keys(instruments)

export function getInstrument(id: string): InstrumentDefinition {
  const definition = Object.prototype.hasOwnProperty.call(instruments, id) ? instruments[id] : undefined
  // The id is never repeated back: it came from the caller.
  if (!definition) throw new InstrumentInputError('There is no such questionnaire.', id, null)
  return definition
}

/** Checks every answer against its item: right count, whole numbers, allowed values only. */
function validate(definition: InstrumentDefinition, answers: unknown): Answers {
  if (!Array.isArray(answers)) throw new InstrumentInputError(`${definition.title} needs a list of answers.`, definition.id, null)
  if (answers.length !== definition.items.length) {
    throw new InstrumentInputError(
      `${definition.title} has ${definition.items.length} items; ${answers.length} answers were given.`,
      definition.id,
      null
    )
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
      throw new InstrumentInputError(
        `${definition.title} item ${number}: ${value} is not an allowed answer (${allowed}).`,
        definition.id,
        number
      )
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
  const unansweredCritical = definition.criticalItems.filter((number) => checked[number - 1] === null)
  // An unanswered critical item means risk was not assessed: the form is never complete without it.
  const complete =
    (definition.isComplete ? definition.isComplete(checked) : checked.every((value) => value !== null)) && unansweredCritical.length === 0
  return { ...result, flags: [...critical, ...result.flags], complete, unansweredCritical, scoringVersion: definition.scoringVersion }
}

export { externalInstruments, scoreExternal } from './external'
export { instruments } from './registry'
export { instrumentName, subscaleName } from './names'
export { InstrumentInputError } from './types'
export type { Answers, Band, Flag, InstrumentDefinition, InstrumentItem, ScoreResult, ScoringOptions } from './types'
