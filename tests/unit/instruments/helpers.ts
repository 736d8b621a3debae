/** Answers that sum to `total` for `count` items scored 0..max, filling from the first item. */
export function answersSumming(total: number, count: number, max: number): number[] {
  const answers: number[] = []
  let left = total
  for (let i = 0; i < count; i++) {
    const value = Math.min(max, left)
    answers.push(value)
    left -= value
  }
  if (left > 0) throw new Error(`cannot reach ${total} with ${count} items of at most ${max}`)
  return answers
}
