/**
 * `npm test`: every check in order, then one summary. Typecheck, lint, formatting, Electronegativity,
 * unit, integration, every package.json script from a fresh clone, build + e2e (the renderer
 * in Chromium via the test bridge), and the Electron suite when an Electron binary exists
 * here — otherwise it says why it was skipped.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { findElectronBinary } from './electron-binary'

const root = resolve(__dirname, '..')
const results = resolve(root, 'test-results')
mkdirSync(results, { recursive: true })

interface Outcome {
  name: string
  status: 'passed' | 'failed' | 'skipped'
  seconds: number
  detail: string
}

const outcomes: Outcome[] = []

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  return result.status === 0
}

function vitestCounts(file: string): string {
  if (!existsSync(file)) return ''
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTotalTestSuites: number
  }
  const parts = [`${report.numPassedTests} passed`]
  if (report.numFailedTests) parts.push(`${report.numFailedTests} failed`)
  if (report.numPendingTests) parts.push(`${report.numPendingTests} skipped`)
  return parts.join(', ')
}

/** Each failed test with the first line of why, so the summary's tail (all CI keeps) names it. */
function failedTests(file: string): string[] {
  if (!existsSync(file)) return []
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    testResults?: { name: string; assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[] }[]
  }
  return (report.testResults ?? []).flatMap((suite) =>
    (suite.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map((test) => {
        const why = (test.failureMessages?.[0] ?? '').split('\n')[0]?.slice(0, 300) ?? ''
        return `${suite.name.replace(`${root}/`, '')} › ${test.fullName}: ${why}`
      })
  )
}

function step(name: string, commands: [string, string[]][], detail: () => string = () => ''): void {
  console.log(`\n━━ ${name} ━━`)
  const started = Date.now()
  const ok = commands.every(([command, args]) => run(command, args))
  outcomes.push({ name, status: ok ? 'passed' : 'failed', seconds: (Date.now() - started) / 1000, detail: detail() })
}

const npx = 'npx'
const vitest = (project: string): [string, string[]] => [
  npx,
  ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=test-results/${project}.json`]
]

step('Typecheck', [['npm', ['run', '-s', 'typecheck']]])
step('Lint', [[npx, ['eslint', '.', '--max-warnings', '0']]])
step('Format', [[npx, ['prettier', '--check', '.']]])
step('Electronegativity', [[npx, ['tsx', 'scripts/electronegativity.ts']]])
step('Unit', [vitest('unit')], () => vitestCounts(resolve(results, 'unit.json')))
step('Integration', [vitest('integration')], () => vitestCounts(resolve(results, 'integration.json')))
step('Scripts (each package.json script from a fresh clone)', [vitest('scripts')], () => vitestCounts(resolve(results, 'scripts.json')))
step('Build', [[npx, ['electron-vite', 'build']]])
step('e2e (Chromium via test bridge)', [vitest('e2e')], () => vitestCounts(resolve(results, 'e2e.json')))

const electron = findElectronBinary(root)
if ('path' in electron) {
  step('Electron (Playwright _electron)', [vitest('electron')], () => vitestCounts(resolve(results, 'electron.json')))
} else {
  outcomes.push({ name: 'Electron (Playwright _electron)', status: 'skipped', seconds: 0, detail: electron.missing })
}

const width = Math.max(...outcomes.map((o) => o.name.length))
console.log('\n━━ Summary ━━')
for (const outcome of outcomes) {
  const mark = outcome.status === 'passed' ? 'PASS' : outcome.status === 'failed' ? 'FAIL' : 'SKIP'
  const time = outcome.status === 'skipped' ? '' : `${outcome.seconds.toFixed(1)}s`
  console.log(`${mark}  ${outcome.name.padEnd(width)}  ${time.padStart(7)}  ${outcome.detail}`)
}
const failed = outcomes.filter((o) => o.status === 'failed')
const failures = ['unit', 'integration', 'scripts', 'e2e', 'electron'].flatMap((project) =>
  failedTests(resolve(results, `${project}.json`))
)
if (failures.length) console.log(`\nFailed tests:\n${failures.map((line) => `  ${line}`).join('\n')}`)
console.log(failed.length ? `\n${failed.length} step(s) failed.` : '\nAll steps passed.')
process.exitCode = failed.length ? 1 : 0
