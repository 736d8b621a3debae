/**
 * Median and percentiles of waits, from counts of each value (a query counts referrals by days
 * waited, so thousands of waits arrive as a few dozen rows). The median of an even number of
 * values is the mean of the middle two; other percentiles are by nearest rank: the smallest
 * value with at least p% of values at or below it.
 */
export interface ValueCount {
  value: number
  count: number
}

/** The value at 1-based `rank` of the values sorted in order. */
function atRank(sorted: readonly ValueCount[], rank: number): number {
  let seen = 0
  for (const entry of sorted) {
    seen += entry.count
    if (seen >= rank) return entry.value
  }
  throw new RangeError(`No value at rank ${rank}`)
}

function sortedAndCounted(counts: readonly ValueCount[]): { sorted: ValueCount[]; total: number } {
  for (const entry of counts) {
    if (!Number.isInteger(entry.count) || entry.count < 0) throw new RangeError('Every count must be a whole number of 0 or more')
  }
  const sorted = counts.filter((entry) => entry.count > 0).sort((a, b) => a.value - b.value)
  return { sorted, total: sorted.reduce((sum, entry) => sum + entry.count, 0) }
}

/** The median, or null when there are no values. */
export function median(counts: readonly ValueCount[]): number | null {
  const { sorted, total } = sortedAndCounted(counts)
  if (total === 0) return null
  return total % 2 === 1 ? atRank(sorted, (total + 1) / 2) : (atRank(sorted, total / 2) + atRank(sorted, total / 2 + 1)) / 2
}

/** The p-th percentile (0 < p ≤ 100) by nearest rank, or null when there are no values. */
export function percentile(counts: readonly ValueCount[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError('A percentile must be more than 0 and at most 100')
  const { sorted, total } = sortedAndCounted(counts)
  if (total === 0) return null
  return atRank(sorted, Math.ceil((p / 100) * total))
}
