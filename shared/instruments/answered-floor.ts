import { bandFor } from './helpers'
import { instruments } from './registry'

export interface AnsweredFloor {
  /** The lowest total the questionnaire can have, whatever the unanswered items would have been. */
  total: number
  /** The band that total falls in. */
  band: string | null
  answered: number
  items: number
}

/**
 * What an incomplete questionnaire already shows: its score with every unanswered item at the
 * answer that adds least (the highest raw answer for a reverse-scored item). Each total Harbour
 * bands only grows with each item's score, so the real total is at least this: eight PHQ-9
 * answers of "Nearly every day" are severe depression whatever item 9 would have said.
 * Null for a complete questionnaire (its own total holds), one with nothing answered, one
 * answered as a total only, or one without a total.
 */
export function answeredFloor(instrument: string, answers: readonly (number | null)[] | null | undefined): AnsweredFloor | null {
  const definition = Object.prototype.hasOwnProperty.call(instruments, instrument) ? instruments[instrument] : undefined
  if (!definition || !answers || answers.length !== definition.items.length) return null
  const answered = answers.filter((value) => value !== null).length
  if (answered === 0 || answered === answers.length) return null
  const filled = definition.items.map((item, index) => {
    const value = answers[index]
    if (value !== null && value !== undefined) return value
    const values = item.options.map((option) => option.value)
    return definition.reverseScoredItems.includes(item.number) ? Math.max(...values) : Math.min(...values)
  })
  const total = definition.score(filled, {}).total
  return total === null ? null : { total, band: bandFor(definition.bands, total), answered, items: definition.items.length }
}

/** What an incomplete questionnaire's answers already reach, in words: its total can only be higher. */
export function answeredFloorInWords(floor: AnsweredFloor): string {
  return `at least ${floor.total}${floor.band ? ` (${floor.band})` : ''} from the ${floor.answered} of ${floor.items} questions answered`
}
