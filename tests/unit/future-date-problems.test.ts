import { describe, expect, it } from 'vitest'
import { futureDateProblems } from '../../electron/core/services/refuse-future-date'

const today = '2026-12-02'
const check = (raw: unknown, refused: { field: string; message: string }[] = []) =>
  futureDateProblems(raw, refused, today, 'occurredOn', 'The date of the incident')

describe('a future date named with a form’s other problems', () => {
  it('names a date after today by the field’s own label', () => {
    expect(check({ occurredOn: '2026-12-03' })).toEqual([
      { field: 'occurredOn', message: 'The date of the incident cannot be in the future.' }
    ])
  })

  it('says nothing of today or earlier', () => {
    expect(check({ occurredOn: today })).toEqual([])
    expect(check({ occurredOn: '2025-01-01' })).toEqual([])
  })

  it('says nothing of a date the contract already refused, text that is not a date, or a missing field', () => {
    expect(check({ occurredOn: '2026-12-03' }, [{ field: 'occurredOn', message: 'Enter a real date' }])).toEqual([])
    expect(check({ occurredOn: '2026-13-40' })).toEqual([])
    expect(check({ occurredOn: 20261203 })).toEqual([])
    expect(check({})).toEqual([])
    expect(check(null)).toEqual([])
  })
})
