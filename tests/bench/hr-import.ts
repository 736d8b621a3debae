import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { importPeople } from '../../electron/core/services/people-import'
import { callAs, testHost } from '../fixtures/core-context'
import { admin } from '../fixtures/store'
import { importColumns } from '../../shared/contract/people-import'
import type { BenchRow } from './measure'

const givenNames = [
  'Aaliyah',
  'Ben',
  'Chloe',
  'Daniel',
  'Erin',
  'Farhan',
  'Grace',
  'Harry',
  'Isla',
  'Jack',
  'Kavya',
  'Liam',
  'Mei',
  'Noah',
  'Olivia',
  'Priya',
  'Rhys',
  'Siân',
  'Tom',
  'Zara'
]
const familyNames = [
  'Evans',
  "O'Brien",
  'Okafor',
  'Patel',
  'Jones',
  'Smith',
  'Nowak',
  'Chen',
  'MacLeod',
  'Hughes',
  'Collier-Smith',
  'Rees',
  'Khan',
  'Walsh',
  'Green'
]
const kinds = [
  'police officer',
  'police officer',
  'police officer',
  'police staff',
  'police staff',
  'pcso',
  'special constable',
  'volunteer'
]
const roles = [
  'response',
  'neighbourhood',
  'investigation',
  'firearms',
  'custody',
  'Control room / call handling',
  'Digital forensics',
  'other'
]
const departments = ['North Division', 'South Division', '"Public Protection, HQ"', 'Operations', 'Crime Command']

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * An HR export of `count` synthetic people in Harbour's template (so that every version of
 * the import reads it, for before-and-after figures), with real-shaped values: day-first
 * dates in two forms, names with apostrophes, a quoted comma. Plausible, so all of it imports.
 */
export function writeHrExport(path: string, count: number): void {
  const lines = [importColumns.join(',')]
  for (let i = 0; i < count; i++) {
    const born = 1962 + (i % 42)
    const joined = born + 18 + (i % 5)
    const given = givenNames[i % givenNames.length] ?? 'Alex'
    const family = familyNames[(i * 7) % familyNames.length] ?? 'Morgan'
    const day = 1 + (i % 28)
    const month = 1 + (i % 12)
    lines.push(
      [
        String(100000 + i),
        i % 3 === 0 ? 'PC' : '',
        given,
        family,
        '',
        `${pad(day)}/${pad(month)}/${born}`,
        kinds[i % kinds.length],
        roles[i % roles.length],
        departments[i % departments.length],
        'Sgt K Morgan',
        `person${i}@example.police.uk`,
        '',
        `${day} ${['Jan', 'Mar', 'Jun', 'Sep'][i % 4]} ${Math.min(joined, 2024)}`,
        ''
      ].join(',')
    )
  }
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
}

interface Timed {
  ms: number
  /** Processor time, which a busy machine inflates less than the clock. */
  cpuMs: number
  /** The longest the event loop (the window, in the app) was kept waiting. */
  longestBlockMs: number
  /** The machine's 1-minute load average when the work ended. */
  load1: number
}

async function timed<T>(work: () => Promise<T>): Promise<Timed & { value: T }> {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await work()
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  delay.disable()
  return { value, ms, cpuMs: (used.user + used.system) / 1000, longestBlockMs: delay.max / 1e6, load1: loadavg()[0] ?? Number.NaN }
}

/**
 * Checks an HR export of `count` rows into a fresh store, then imports it as the window does
 * (saving what the check showed): a row each, and one for both. The note gives processor
 * time and the longest the event loop was blocked, which is how long the window would freeze.
 */
export async function measureHrImport(folder: string, count: number): Promise<BenchRow[]> {
  const file = join(folder, `hr-export-${count}.csv`)
  writeHrExport(file, count)
  const host = testHost(join(folder, `import-${count}`))
  await host.vault.setup(admin)
  const session = host.vault.session
  if (!session) throw new Error('setup did not sign in')
  const call = callAs(host)
  const checked = await timed(() => importPeople(call, { path: file, token: 'bench', commit: false }))
  if (checked.value.problems.length > 0) throw new Error(`import problems: ${checked.value.problems[0]?.message}`)
  const imported = await timed(() => importPeople(call, { path: file, token: 'bench', commit: true, checkId: checked.value.checkId }))
  if (!imported.value.committed || imported.value.created !== count) throw new Error('the import did not save every row')
  host.vault.lock('manual')
  const row = (name: string, result: Timed, budgetMs?: number): BenchRow => ({
    name,
    p50Ms: result.ms,
    p95Ms: result.ms,
    n: 1,
    load1: result.load1,
    ratioToRawSql: null,
    ratioEncryptedToPlain: null,
    note: `processor ${Math.round(result.cpuMs)} ms, longest block ${Math.round(result.longestBlockMs)} ms`,
    ...(budgetMs === undefined ? {} : { budgetMs })
  })
  const rows = count.toLocaleString('en-GB')
  return [
    row(`check ${rows} HR rows`, checked),
    row(`save ${rows} checked HR rows`, imported),
    row(
      `import ${rows} HR rows (check + save)`,
      {
        ms: checked.ms + imported.ms,
        cpuMs: checked.cpuMs + imported.cpuMs,
        longestBlockMs: Math.max(checked.longestBlockMs, imported.longestBlockMs),
        load1: Math.max(checked.load1, imported.load1)
      },
      count === 50_000 ? 10_000 : undefined
    )
  ]
}
