/**
 * Benchmark helpers: time a function many times and report percentiles. Benchmarks print
 * tables with ratios; they never pass or fail on time (DESIGN.md §7).
 */
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'

export interface Timing {
  p50Ms: number
  p95Ms: number
  n: number
  /** The machine's 1-minute load average when the timing ended, so a noisy row shows itself. */
  load1: number
}

export interface BenchRow extends Timing {
  name: string
  /** This operation's p95 over the same query in raw SQL on the same connection; null where no SQL is involved. */
  ratioToRawSql: number | null
  /** p95 on the encrypted store over the same on a plain one; null where no store is involved. */
  ratioEncryptedToPlain: number | null
  /** What the ratio columns compare against, when not SQL (shown in the table only). */
  note?: string
  /** The budget from DESIGN.md §8, in ms at p95, where one applies. */
  budgetMs?: number
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? Number.NaN
}

export async function time(run: () => unknown, { n = 200, warmup = 20 } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run()
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  samples.sort((a, b) => a - b)
  return { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), n, load1: loadavg()[0] ?? Number.NaN }
}

const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits)

/** What the machine was doing: a row measured while the load exceeds the cores is not a quiet figure. */
export function machineLoad(rows: Pick<Timing, 'load1'>[], cores = availableParallelism(), now = loadavg()): string[] {
  const busiest = Math.max(...rows.map((row) => row.load1).filter((load) => !Number.isNaN(load)), now[0] ?? 0)
  const lines = [
    `Machine: ${cores} cores; load average now ${now.map((load) => load.toFixed(2)).join(' / ')} (1 / 5 / 15 min); busiest row measured at ${busiest.toFixed(2)}.`
  ]
  if (busiest > cores)
    lines.push(
      `Noisy run: the load (${busiest.toFixed(2)}) was above the ${cores} cores during measurement, so times are inflated; compare the ratios, or run again on a quiet machine.`
    )
  return lines
}

export function printTable(rows: BenchRow[]): void {
  const header = ['benchmark', 'n', 'p50 ms', 'p95 ms', 'budget ms', 'vs raw SQL', 'enc/plain', 'load', 'note']
  const body = rows.map((row) => [
    row.name,
    String(row.n),
    fixed(row.p50Ms, 3),
    fixed(row.p95Ms, 3),
    row.budgetMs === undefined ? '–' : String(row.budgetMs),
    fixed(row.ratioToRawSql, 2),
    fixed(row.ratioEncryptedToPlain, 2),
    fixed(row.load1, 2),
    row.note ?? ''
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  for (const r of body) console.log(line(r))
  console.log('')
  for (const text of machineLoad(rows)) console.log(text)
}

/** The JSON file format other tools read: one object per row, fixed field names. */
export function toJson(rows: BenchRow[]): string {
  return JSON.stringify(
    rows.map(({ name, p50Ms, p95Ms, ratioToRawSql, ratioEncryptedToPlain, n, load1 }) => ({
      name,
      p50Ms,
      p95Ms,
      ratioToRawSql,
      ratioEncryptedToPlain,
      n,
      load1
    })),
    null,
    2
  )
}
