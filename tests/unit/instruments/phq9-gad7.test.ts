import { describe, expect, it } from 'vitest'
import { InstrumentInputError, scoreInstrument } from '../../../shared/instruments'
import { answersSumming } from './helpers'

/** Items 1–8 carry the total so item 9 (the critical one) stays 0 unless a test sets it. */
const phq = (total: number) => [...answersSumming(total, 8, 3), 0]

describe('PHQ-9', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately severe'],
    [19, 'moderately severe'],
    [20, 'severe'],
    [24, 'severe']
  ])('total %i is %s', (total, band) => {
    expect(scoreInstrument('phq9', phq(total))).toMatchObject({ total, band, complete: true, flags: [], scoringVersion: 'phq9@1' })
  })

  it('scores the maximum of 27 as severe, and flags item 9', () => {
    const result = scoreInstrument('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 3])
    expect(result).toMatchObject({ total: 27, band: 'severe' })
    expect(result.flags).toEqual([expect.objectContaining({ code: 'item-9', severity: 'critical' })])
  })

  it('flags any positive answer to item 9, whatever the total, even with items missing', () => {
    expect(scoreInstrument('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]).flags.map((f) => f.code)).toEqual(['item-9'])
    const incomplete = scoreInstrument('phq9', [null, 0, 0, 0, 0, 0, 0, 0, 2])
    expect(incomplete).toMatchObject({ total: null, band: null, complete: false })
    expect(incomplete.flags.map((f) => f.code)).toEqual(['item-9'])
  })

  it('withholds the total when any item is missing', () => {
    expect(scoreInstrument('phq9', [1, 1, 1, null, 1, 1, 1, 1, 0])).toMatchObject({ total: null, band: null, complete: false })
  })

  it.each([
    [[0, 0, 0], 'has 9 items; 3 answers'],
    [[0, 0, 0, 0, 0, 0, 0, 0, 4], 'item 9: 4 is not an allowed answer'],
    [[0, 0, 0, 0, -1, 0, 0, 0, 0], 'item 5: -1 is not an allowed answer'],
    [[0, 0, 1.5, 0, 0, 0, 0, 0, 0], 'item 3: the answer must be a whole number']
  ])('refuses %j (%s)', (answers, message) => {
    expect(() => scoreInstrument('phq9', answers)).toThrow(message)
    expect(() => scoreInstrument('phq9', answers)).toThrow(InstrumentInputError)
  })

  it('refuses an unknown instrument', () => {
    expect(() => scoreInstrument('phq10', [])).toThrow('There is no such questionnaire.')
  })
})

describe('GAD-7', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe']
  ])('total %i is %s', (total, band) => {
    expect(scoreInstrument('gad7', answersSumming(total, 7, 3))).toMatchObject({ total, band, flags: [] })
  })

  it('has no critical items and refuses an eighth answer', () => {
    expect(scoreInstrument('gad7', [3, 3, 3, 3, 3, 3, 3]).flags).toEqual([])
    expect(() => scoreInstrument('gad7', [0, 0, 0, 0, 0, 0, 0, 0])).toThrow('has 7 items')
  })
})
