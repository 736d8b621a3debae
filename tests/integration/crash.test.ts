import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../electron/core/store/migrate'
import { openEncrypted } from '../../electron/core/store/open'
import { rawStore } from '../fixtures/raw-store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const kills = Number(process.env['HARBOUR_CRASH_KILLS'] ?? 200)
let writer = ''

beforeAll(async () => {
  // Bundled once so each of the many child processes starts in milliseconds.
  writer = join(mkdtempSync(join(tmpdir(), 'harbour-crash-writer-')), 'writer.cjs')
  await build({
    entryPoints: [resolve(__dirname, '../fixtures/crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: writer,
    external: ['better-sqlite3-multiple-ciphers'],
    nodePaths: [resolve(__dirname, '../../node_modules')],
    logLevel: 'silent'
  })
}, 60_000)

/**
 * Runs the writer until it has confirmed its first write and then `further` more, and kills
 * it with SIGKILL the moment that confirmation arrives: the writer is mid-way through some
 * later transaction by then, at a point no timer chooses. Nothing here depends on how fast
 * the machine is. Returns every number the writer confirmed, read to the end of its output.
 */
function runAndKill(path: string, dek: Buffer, further: number): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, path], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: resolve(__dirname, '../../node_modules') }
    })
    const confirmed: number[] = []
    let buffered = ''
    let errors = ''
    let signal: NodeJS.Signals | null = null
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) confirmed.push(Number(line))
      if (confirmed.length >= 1 + further && child.exitCode === null && !child.killed) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.stdin.end(dek.toString('hex'))
    child.on('exit', (_code, exitSignal) => (signal = exitSignal))
    // 'close' comes after every byte of output has been read, so no confirmation is missed.
    child.on('close', () => {
      if (signal !== 'SIGKILL') fail(new Error(`writer ended on its own: ${errors.split('\n')[0]}`))
      else done(confirmed)
    })
  })
}

describe('crash safety', () => {
  it(`loses no confirmed transaction and never fails integrity_check across ${kills} SIGKILLs`, async () => {
    const store = rawStore(tempFolder(), 'crash.db')
    const db = store.open()
    migrate(db)
    db.close()
    const confirmed = new Set<number>()
    for (let round = 0; round < kills; round++) {
      const further = 1 + Math.floor(Math.random() * 24)
      for (const n of await runAndKill(store.path, store.dek, further)) confirmed.add(n)
      if (round % 20 === 19 || round === kills - 1) {
        const check = openEncrypted(store.path, store.dek)
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
        const present = new Set(
          (check.prepare("SELECT key FROM settings WHERE key LIKE 'crash-%' AND key NOT LIKE '%-b'").all() as { key: string }[]).map((r) =>
            Number(r.key.slice('crash-'.length))
          )
        )
        const pairs = check.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'crash-%-b'").get() as { n: number }
        check.close()
        const lost = [...confirmed].filter((n) => !present.has(n))
        expect(lost).toEqual([])
        // Both rows of a transaction, or neither.
        expect(pairs.n).toBe(present.size)
      }
    }
    expect(confirmed.size).toBeGreaterThan(kills)
  }, 600_000)
})
