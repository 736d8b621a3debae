import { describe, expect, it } from 'vitest'
import { scoreInstrument } from '../../../shared/instruments'
import { answersSumming } from './helpers'

describe('AUDIT', () => {
  const audit = (total: number) => [...answersSumming(total, 8, 4), 0, 0]
  it.each([
    [0, 'lower risk'],
    [7, 'lower risk'],
    [8, 'increasing risk'],
    [15, 'increasing risk'],
    [16, 'higher risk'],
    [19, 'higher risk'],
    [20, 'possible dependence'],
    [32, 'possible dependence']
  ])('total %i is %s', (total, band) => {
    expect(scoreInstrument('audit', audit(total))).toMatchObject({ total, band })
  })

  it('scores items 9 and 10 as 0, 2 or 4 only, up to 40', () => {
    expect(scoreInstrument('audit', [4, 4, 4, 4, 4, 4, 4, 4, 4, 4])).toMatchObject({ total: 40, band: 'possible dependence' })
    expect(scoreInstrument('audit', [0, 0, 0, 0, 0, 0, 0, 0, 2, 4]).total).toBe(6)
    expect(() => scoreInstrument('audit', [0, 0, 0, 0, 0, 0, 0, 0, 1, 0])).toThrow('item 9: 1 is not an allowed answer (0, 2, 4)')
    expect(() => scoreInstrument('audit', [0, 0, 0, 0, 0, 0, 0, 0, 0, 3])).toThrow('item 10: 3 is not an allowed answer (0, 2, 4)')
  })

  it('flags possible dependence at 20 and reports its three domains', () => {
    const result = scoreInstrument('audit', [4, 4, 4, 4, 4, 0, 0, 0, 0, 0])
    expect(result.flags.map((f) => f.code)).toEqual(['audit-possible-dependence'])
    expect(result.subscales).toEqual({ consumption: 12, dependence: 8, harm: 0 })
    expect(scoreInstrument('audit', audit(19)).flags).toEqual([])
  })
})

describe('AUDIT-C (UK)', () => {
  it.each([
    [[0, 0, 0], 0, false],
    [[2, 1, 1], 4, false],
    [[2, 2, 1], 5, true],
    [[4, 4, 4], 12, true]
  ])('%j → %i, positive %s', (answers, total, positive) => {
    const result = scoreInstrument('auditc', answers)
    expect(result).toMatchObject({ total, band: null })
    expect(result.flags.some((f) => f.code === 'auditc-positive')).toBe(positive)
  })
})

describe('CORE-10', () => {
  // Items 2 and 3 are reverse-scored: answering them 4 scores 0.
  it('scores 0 to 40, with items 2 and 3 reversed', () => {
    expect(scoreInstrument('core10', [0, 4, 4, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({ total: 0, band: 'healthy' })
    expect(scoreInstrument('core10', [4, 0, 0, 4, 4, 4, 4, 4, 4, 4]).total).toBe(40)
    expect(scoreInstrument('core10', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).total).toBe(8)
  })

  it.each([
    [5, 'healthy'],
    [6, 'low level'],
    [10, 'low level'],
    [11, 'mild'],
    [14, 'mild'],
    [15, 'moderate'],
    [19, 'moderate'],
    [20, 'moderate to severe'],
    [24, 'moderate to severe'],
    [25, 'severe']
  ])('total %i is %s', (total, band) => {
    // Item 6 (the critical one) is kept at 0: fill items 1, 4, 5, 7-10.
    const fill = answersSumming(total, 7, 4)
    const answers = [fill[0] ?? 0, 4, 4, fill[1] ?? 0, fill[2] ?? 0, 0, fill[3] ?? 0, fill[4] ?? 0, fill[5] ?? 0, fill[6] ?? 0]
    expect(scoreInstrument('core10', answers)).toMatchObject({ total, band, flags: [] })
  })

  it('flags item 6 (plans to end life) whenever it is above 0', () => {
    const result = scoreInstrument('core10', [0, 4, 4, 0, 0, 1, 0, 0, 0, 0])
    expect(result.flags).toEqual([expect.objectContaining({ code: 'item-6', severity: 'critical' })])
  })

  it('pro-rates with one item missing (mean of nine × 10, rounded) and withholds the total with two', () => {
    // Scored answers 2,2,2,2,2,0,2,2,2 sum to 16: 16 / 9 × 10 = 17.8, rounded to 18.
    expect(scoreInstrument('core10', [2, 2, 2, 2, 2, 0, 2, 2, 2, null])).toMatchObject({ total: 18, complete: false, band: 'moderate' })
    expect(scoreInstrument('core10', [null, 4, 4, 1, 1, 0, 1, 1, 1, null])).toMatchObject({ total: null, band: null, complete: false })
  })
})
