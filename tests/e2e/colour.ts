/**
 * WCAG contrast from the colours Chromium computed. The page reports colour strings and
 * opacities; these functions composite them over what lies behind and compare luminance.
 */

export interface Rgba {
  r: number
  g: number
  b: number
  /** 0 (transparent) to 1 (opaque). */
  a: number
}

/** Reads the forms getComputedStyle returns: rgb(), rgba(), and color(srgb …) from color-mix(). */
export function parseColour(text: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(text)
  if (srgb)
    return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: srgb[4] === undefined ? 1 : Number(srgb[4]) }
  const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/.exec(text)
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: rgb[4] === undefined ? 1 : Number(rgb[4]) }
  throw new Error(`Not a colour this test can read: ${text}`)
}

/** `top` painted over an opaque `bottom`, with `opacity` applied to `top` on top of its own alpha. */
export function over(top: Rgba, bottom: Rgba, opacity = 1): Rgba {
  const alpha = top.a * opacity
  const mix = (a: number, b: number) => a * alpha + b * (1 - alpha)
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 }
}

function luminance({ r, g, b }: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** WCAG 2 contrast ratio between two opaque colours, 1 to 21. */
export function contrast(one: Rgba, two: Rgba): number {
  const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

export const hex = ({ r, g, b }: Rgba) => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`

/** Rounded to two places, which is how WCAG ratios are quoted. */
export const ratio = (one: Rgba, two: Rgba) => Math.floor(contrast(one, two) * 100) / 100
