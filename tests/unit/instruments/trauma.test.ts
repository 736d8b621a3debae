import { describe, expect, it } from 'vitest'
import { scoreInstrument } from '../../../shared/instruments'
import { answersSumming } from './helpers'

const codes = (result: { flags: { code: string }[] }) => result.flags.map((f) => f.code)

describe('PCL-5', () => {
  it('sums 0 to 80 with cluster sums B, C, D and E', () => {
    expect(scoreInstrument('pcl5', Array(20).fill(0))).toMatchObject({ total: 0, band: null, subscales: { B: 0, C: 0, D: 0, E: 0 } })
    expect(scoreInstrument('pcl5', Array(20).fill(4))).toMatchObject({ total: 80, subscales: { B: 20, C: 8, D: 28, E: 24 } })
  })

  it('flags probable PTSD from the cut-off (default 33, a setting), on both sides of it', () => {
    // Spread so that no DSM-5 pattern is met: all weight on cluster B and D single items.
    const spread = (total: number) => answersSumming(total, 20, 4)
    expect(codes(scoreInstrument('pcl5', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))).toEqual([])
    expect(scoreInstrument('pcl5', spread(32)).flags.some((f) => f.code === 'pcl5-probable-ptsd')).toBe(false)
    expect(scoreInstrument('pcl5', spread(33)).flags.some((f) => f.code === 'pcl5-probable-ptsd')).toBe(true)
    expect(scoreInstrument('pcl5', spread(31), { pcl5Cutoff: 31 }).flags.some((f) => f.code === 'pcl5-probable-ptsd')).toBe(true)
  })

  it('applies the DSM-5 rule: item ≥ 2 endorsed; 1 B, 1 C, 2 D, 2 E', () => {
    const pattern = Array(20).fill(0)
    pattern[0] = 2 // B
    pattern[5] = 2 // C
    pattern[7] = 2 // D
    pattern[8] = 2 // D
    pattern[14] = 2 // E
    pattern[15] = 2 // E
    const result = scoreInstrument('pcl5', pattern)
    expect(result.total).toBe(12)
    expect(codes(result)).toEqual(['pcl5-dsm5-criteria'])
    const oneE = [...pattern]
    oneE[15] = 1
    expect(codes(scoreInstrument('pcl5', oneE))).toEqual([])
    const noC = [...pattern]
    noC[5] = 1
    expect(codes(scoreInstrument('pcl5', noC))).toEqual([])
  })

  it('withholds the total when an item is missing', () => {
    expect(scoreInstrument('pcl5', [null, ...Array(19).fill(1)])).toMatchObject({ total: null, complete: false })
  })
})

describe('ITQ', () => {
  // P1-P6 at indexes 0-5, P7-P9 at 6-8, C1-C6 at 9-14, C7-C9 at 15-17.
  const base = () => Array(18).fill(0) as number[]
  const withItems = (values: Record<number, number>) => {
    const answers = base()
    for (const [index, value] of Object.entries(values)) answers[Number(index)] = value
    return answers
  }
  const ptsd = { 0: 2, 2: 2, 4: 2, 6: 2 }
  const dso = { 9: 2, 11: 2, 13: 2, 15: 2 }

  it('gives PTSD when each symptom pair and one impairment item are endorsed', () => {
    expect(codes(scoreInstrument('itq', withItems(ptsd)))).toEqual(['itq-ptsd'])
    expect(codes(scoreInstrument('itq', withItems({ 1: 3, 3: 4, 5: 2, 8: 2 })))).toEqual(['itq-ptsd'])
  })

  it('gives Complex PTSD instead of PTSD when DSO criteria are also met (mutually exclusive)', () => {
    expect(codes(scoreInstrument('itq', withItems({ ...ptsd, ...dso })))).toEqual(['itq-cptsd'])
    expect(codes(scoreInstrument('itq', withItems({ ...ptsd, 10: 2, 12: 2, 14: 2, 17: 2 })))).toEqual(['itq-cptsd'])
  })

  it.each([
    ['no re-experiencing', { 2: 2, 4: 2, 6: 2 }],
    ['no avoidance', { 0: 2, 4: 2, 6: 2 }],
    ['no sense of threat', { 0: 2, 2: 2, 6: 2 }],
    ['no functional impairment', { 0: 2, 2: 2, 4: 2 }],
    ['symptoms only at 1 (not endorsed)', { 0: 1, 2: 1, 4: 1, 6: 1 }]
  ])('gives nothing with %s', (_case, values) => {
    expect(codes(scoreInstrument('itq', withItems(values)))).toEqual([])
  })

  it.each([
    ['no affective dysregulation', { ...ptsd, 11: 2, 13: 2, 15: 2 }],
    ['no negative self-concept', { ...ptsd, 9: 2, 13: 2, 15: 2 }],
    ['no disturbed relationships', { ...ptsd, 9: 2, 11: 2, 15: 2 }],
    ['no DSO impairment', { ...ptsd, 9: 2, 11: 2, 13: 2 }]
  ])('stays PTSD, not Complex PTSD, with %s', (_case, values) => {
    expect(codes(scoreInstrument('itq', withItems(values)))).toEqual(['itq-ptsd'])
  })

  it('gives no diagnosis from DSO symptoms alone, and reports dimensional sums', () => {
    const result = scoreInstrument('itq', withItems({ ...dso, 6: 0 }))
    expect(codes(result)).toEqual([])
    expect(result).toMatchObject({ total: null, subscales: { ptsd: 0, dso: 6 } })
    expect(scoreInstrument('itq', Array(18).fill(4)).subscales).toEqual({ ptsd: 24, dso: 24 })
  })
})

describe('PC-PTSD-5', () => {
  it('scores 0 and stops when there was no exposure, with the items left empty', () => {
    expect(scoreInstrument('pcptsd5', [0, null, null, null, null, null])).toMatchObject({ total: 0, complete: true, flags: [] })
  })

  it.each([
    [[1, 1, 1, 0, 0, 0], 2, []],
    [[1, 1, 1, 1, 0, 0], 3, ['pcptsd5-positive']],
    [[1, 1, 1, 1, 1, 1], 5, ['pcptsd5-positive']]
  ])('counts yes answers after exposure: %j → %i', (answers, total, flags) => {
    const result = scoreInstrument('pcptsd5', answers)
    expect(result.total).toBe(total)
    expect(codes(result)).toEqual(flags)
  })

  it('uses the efficient cut-off of 4 when set', () => {
    expect(codes(scoreInstrument('pcptsd5', [1, 1, 1, 1, 0, 0], { pcptsd5Cutoff: 4 }))).toEqual([])
  })

  it('refuses answers other than yes (1) or no (0), and incomplete exposed answers have no total', () => {
    expect(() => scoreInstrument('pcptsd5', [1, 2, 0, 0, 0, 0])).toThrow('item 2: 2 is not an allowed answer (0, 1)')
    expect(scoreInstrument('pcptsd5', [1, 1, null, 0, 0, 0])).toMatchObject({ total: null, complete: false })
  })
})
