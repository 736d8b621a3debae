/**
 * `npm run bench [-- --json FILE]`: prints each benchmark as p50/p95 with ratios. Later
 * features add their rows (caseload, search, screenings) over a seeded 50,000-person store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { readPreferences, updatePreferences } from '../../electron/core/services/preferences'
import { testHost } from '../fixtures/core-context'
import { printTable, time, toJson, type BenchRow } from './measure'

async function contractRows(): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'harbour-bench-'))
  try {
    const call = testHost(folder)
    const core = call.core
    updatePreferences(core, { theme: 'dark' })
    const dispatch = createDispatcher(handlers)
    const direct = await time(() => readPreferences(core), { n: 2000 })
    const viaContract = await time(() => dispatch('preferences:get', {}, call), { n: 2000 })
    const rejected = await time(() => dispatch('preferences:set', { theme: 'neon', extra: 1 }, call), { n: 2000 })
    return [
      {
        name: 'contract call (preferences:get)',
        ...viaContract,
        ratioToRawSql: null,
        ratioEncryptedToPlain: null,
        note: `x${(viaContract.p95Ms / direct.p95Ms).toFixed(2)} of calling the service directly`
      },
      { name: 'contract call refused (invalid input)', ...rejected, ratioToRawSql: null, ratioEncryptedToPlain: null }
    ]
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { json: { type: 'string' } } })
  const rows = [...(await contractRows())]
  printTable(rows)
  if (values.json) {
    writeFileSync(values.json, `${toJson(rows)}\n`)
    console.log(`\nWrote ${rows.length} rows to ${values.json}`)
  }
}

void main()
