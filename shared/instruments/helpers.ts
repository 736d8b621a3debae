import type { Answers, Band, InstrumentItem, MissingItems, ResponseOption } from './types'

export const frequency0to3: ResponseOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' }
]

export const severity0to4: ResponseOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'A little bit' },
  { value: 2, label: 'Moderately' },
  { value: 3, label: 'Quite a bit' },
  { value: 4, label: 'Extremely' }
]

export const yesNo: ResponseOption[] = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes' }
]

export function items(texts: string[], options: ResponseOption[]): InstrumentItem[] {
  return texts.map((text, index) => ({ number: index + 1, text, options }))
}

export function bandFor(bands: Band[], total: number | null): string | null {
  if (total === null) return null
  return bands.find((band) => total >= band.min && total <= band.max)?.label ?? null
}

/** Sum of the given 1-based items, or null if any is missing. */
export function sumOf(answers: Answers, numbers: number[]): number | null {
  let sum = 0
  for (const number of numbers) {
    const value = answers[number - 1]
    if (value === null || value === undefined) return null
    sum += value
  }
  return sum
}

/**
 * The total of already-scored item values under the instrument's missing-item rule: the sum
 * when every item is answered; with missing items, the mean of the answered ones × the item
 * count (rounded) if the rule pro-rates and no more than `allowed` are missing; else withheld.
 */
export function totalAllowingMissing(values: Answers, rule: MissingItems): number | null {
  const answered = values.filter((value): value is number => value !== null && value !== undefined)
  const sum = answered.reduce((a, b) => a + b, 0)
  const missing = values.length - answered.length
  if (missing === 0) return sum
  if (!rule.prorate || missing > rule.allowed || answered.length === 0) return null
  return Math.round((sum / answered.length) * values.length)
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index)
}

/** An item is "endorsed" when answered at or above the threshold (PCL-5 and ITQ use 2). */
export function endorsed(answers: Answers, number: number, threshold = 2): boolean {
  const value = answers[number - 1]
  return value !== null && value !== undefined && value >= threshold
}
