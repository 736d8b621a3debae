import { describe, expect, it } from 'vitest'
import { scoreExternal } from '../../../shared/instruments'

describe('licensed instruments scored elsewhere', () => {
  it('accepts a total in range, labels it externally scored, and bands it where the reference gives bands', () => {
    expect(scoreExternal('wsas', { total: 21 })).toMatchObject({
      total: 21,
      band: 'moderately severe or worse',
      externallyScored: true,
      scoringVersion: 'wsas@external'
    })
    expect(scoreExternal('wsas', { total: 9 }).band).toBe('subclinical')
    expect(scoreExternal('k10', { total: 30 }).band).toBe('severe')
    expect(scoreExternal('wemwbs', { total: 40 }).band).toBeNull()
  })

  it('flags IES-R at 33 and bands ProQOL subscales', () => {
    expect(scoreExternal('iesr', { total: 33 }).flags.map((f) => f.code)).toEqual(['iesr-probable-ptsd'])
    expect(scoreExternal('iesr', { total: 32 }).flags).toEqual([])
    const proqol = scoreExternal('proqol', { subscales: { compassionSatisfaction: 45, burnout: 22, secondaryTraumaticStress: 30 } })
    expect(proqol.subscaleBands).toEqual({ compassionSatisfaction: 'high', burnout: 'low', secondaryTraumaticStress: 'moderate' })
  })

  it.each([
    ['wsas', { total: 41 }, 'total must be between 0 and 40'],
    ['k10', { total: 9 }, 'total must be between 10 and 50'],
    ['wemwbs', {}, 'enter the total'],
    ['mbi', { total: 10 }, 'has no total'],
    ['mbi', { subscales: { depersonalisation: 31 } }, 'depersonalisation must be between 0 and 30'],
    ['proqol', { subscales: { empathy: 20 } }, 'has no such subscale'],
    ['madeup', { total: 1 }, 'There is no such externally scored questionnaire.']
  ])('%s %j is refused: %s', (id, entered, message) => {
    expect(() => scoreExternal(id, entered)).toThrow(message)
  })
})
