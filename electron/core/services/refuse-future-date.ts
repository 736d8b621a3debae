import { CoreError } from '../errors'

/**
 * The one rule for a calendar date a user gives for something that has happened (a contact, a
 * sitting, an incident, consent, a step): it cannot be after today, by the core's clock. The
 * refusal names the field by its own label. Dates are `YYYY-MM-DD`, so text order is date order.
 */
export function refuseFutureDate(date: string, today: string, field: string, label: string): void {
  if (date > today) throw new CoreError('invalid-input', `${label} cannot be in the future.`, [field])
}
