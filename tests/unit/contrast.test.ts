import { describe, expect, it } from 'vitest'
import { contrast, hex, over, parseColour, ratio } from '../e2e/colour'

describe('contrast arithmetic used by the e2e colour checks', () => {
  it('gives the WCAG ratios quoted for well-known pairs', () => {
    expect(ratio(parseColour('rgb(255, 255, 255)'), parseColour('rgb(0, 0, 0)'))).toBe(21)
    // The chart axis text: #666 on black.
    expect(ratio(parseColour('rgb(102, 102, 102)'), parseColour('rgb(0, 0, 0)'))).toBe(3.65)
    // #767676, the lightest grey that passes 4.5:1 on white.
    expect(ratio(parseColour('rgb(118, 118, 118)'), parseColour('rgb(255, 255, 255)'))).toBe(4.54)
    expect(contrast(parseColour('rgb(10, 20, 30)'), parseColour('rgb(10, 20, 30)'))).toBe(1)
  })

  it('reads rgba and color(srgb) forms, and composites a translucent colour over what is behind', () => {
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 })
    expect(parseColour('color(srgb 1 0.5 0 / 0.4)')).toEqual({ r: 255, g: 127.5, b: 0, a: 0.4 })
    const white = parseColour('rgb(255, 255, 255)')
    expect(hex(over(parseColour('rgb(0, 0, 0)'), white, 0.5))).toBe('#808080')
    expect(hex(over(parseColour('rgba(0, 0, 0, 0.5)'), white, 0.5))).toBe('#bfbfbf')
    expect(() => parseColour('currentcolor')).toThrow('Not a colour this test can read: currentcolor')
  })
})
