import { describe, expect, it } from 'vitest'
import { median, percentile } from '../../../shared/reports/percentiles'

const counts = (...values: number[]) => values.map((value) => ({ value, count: 1 }))

describe('median and percentiles of waits', () => {
  it('takes the middle value of an odd number, and the mean of the middle two of an even number', () => {
    expect(median(counts(80, 10, 30, 20, 60))).toBe(30)
    expect(median(counts(10, 20, 30, 60))).toBe(25)
    expect(median([{ value: 7, count: 1 }])).toBe(7)
  })

  it('counts repeated values by their counts, and ignores values counted zero times', () => {
    expect(median([{ value: 5, count: 3 }, { value: 100, count: 2 }, { value: 1000, count: 0 }])).toBe(5)
    expect(median([{ value: 5, count: 2 }, { value: 9, count: 2 }])).toBe(7)
  })

  it('gives the 90th percentile by nearest rank', () => {
    expect(percentile(counts(10, 20, 30, 60, 80), 90)).toBe(80)
    expect(percentile(counts(...Array.from({ length: 10 }, (_, i) => i + 1)), 90)).toBe(9)
    expect(percentile(counts(...Array.from({ length: 11 }, (_, i) => i + 1)), 90)).toBe(10)
    expect(percentile(counts(4), 90)).toBe(4)
    expect(percentile(counts(1, 2, 3), 100)).toBe(3)
  })

  it('has no value without values, and refuses a nonsense percentile or count', () => {
    expect(median([])).toBeNull()
    expect(percentile([{ value: 3, count: 0 }], 90)).toBeNull()
    expect(() => percentile(counts(1), 0)).toThrow(RangeError)
    expect(() => percentile(counts(1), 101)).toThrow(RangeError)
    expect(() => median([{ value: 1, count: -1 }])).toThrow(RangeError)
    expect(() => median([{ value: 1, count: 1.5 }])).toThrow(RangeError)
  })
})
