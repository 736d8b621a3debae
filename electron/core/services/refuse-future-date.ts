import { isCalendarDate } from '../../../shared/calendar-date'
import type { FieldProblem } from '../../../shared/contract/result'
import { CoreError } from '../errors'

/**
 * The one rule for a calendar date a user gives for something that has happened (a contact, a
 * sitting, an incident, consent, a step): it cannot be after today, by the core's clock. The
 * refusal names the field by its own label. Dates are `YYYY-MM-DD`, so text order is date order.
 */
export function refuseFutureDate(date: string, today: string, field: string, label: string): void {
  if (date > today) throw new CoreError('invalid-input', `${label} cannot be in the future.`, [field])
}

/**
 * The same rule for input the contract refused for other reasons, so a form hears of a future
 * date together with its other problems rather than only once they are put right. Nothing is
 * said of a date the contract already refused or one that is not a date.
 */
export function futureDateProblems(raw: unknown, refused: FieldProblem[], today: string, field: string, label: string): FieldProblem[] {
  if (refused.some((problem) => problem.field === field)) return []
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined
  if (typeof value !== 'string' || !isCalendarDate(value) || value <= today) return []
  return [{ field, message: `${label} cannot be in the future.` }]
}
