import { describe, expect, it } from 'vitest'
import { CoreError } from '../../electron/core/errors'
import { refuseFutureDate } from '../../electron/core/services/refuse-future-date'

describe('a date for something that has happened', () => {
  it('may be today or any day before', () => {
    expect(() => refuseFutureDate('2026-11-26', '2026-11-26', 'contactDate', 'The contact date')).not.toThrow()
    expect(() => refuseFutureDate('2025-12-31', '2026-11-26', 'contactDate', 'The contact date')).not.toThrow()
  })

  it('is refused from tomorrow on, naming the field by its label and its key', () => {
    for (const date of ['2026-11-27', '2027-01-01']) {
      let refusal: unknown
      try {
        refuseFutureDate(date, '2026-11-26', 'contactDate', 'The contact date')
      } catch (error) {
        refusal = error
      }
      expect(refusal).toBeInstanceOf(CoreError)
      expect(refusal).toMatchObject({
        code: 'invalid-input',
        message: 'The contact date cannot be in the future.',
        fields: ['contactDate']
      })
    }
  })
})
