/**
 * Every script in package.json works from a fresh clone. Each one is read for what it needs
 * (programs in node_modules/.bin, the files it names, the scripts and vitest projects it
 * calls), and the cheap ones are run in a copy holding only what a clone would. The long
 * suites and those needing Electron, a display or the network are only checked, and the test
 * prints why. Slow by nature, so it is its own vitest project, run by `npm test`.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findElectronBinary } from '../../scripts/electron-binary'
import { freshClone } from '../fixtures/fresh-clone'
import { scriptNeeds } from './script-commands'

const root = resolve(__dirname, '../..')
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts

interface Run {
  /** Arguments after `--`. */
  args?: string[]
  /** What a good run leaves behind or prints, checked after it exits. */
  check?: (clone: string, output: string) => void
  /** A script that must refuse here, with this message (exit code not 0). */
  refuses?: RegExp
}

type Plan = { run: Run } | { notRun: string }

const electron = findElectronBinary(root)

/** How each script is tried. A script missing here fails the first test, so new ones get a plan. */
const plans: Record<string, Plan> = {
  typecheck: { run: {} },
  lint: { run: {} },
  'format:check': { run: {} },
  format: { notRun: 'it rewrites the files in place; `format:check` runs the same formatter without writing' },
  electronegativity: { run: { check: (_clone, output) => expect(output).toMatch(/0 HIGH\/MEDIUM/) } },
  'build:renderer': { run: { check: (clone) => expect(existsSync(join(clone, 'out/renderer/index.html'))).toBe(true) } },
  build: {
    run: {
      check: (clone) => {
        for (const built of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'])
          expect(existsSync(join(clone, built)), built).toBe(true)
      }
    }
  },
  cli: { run: { args: ['--help'], check: (_clone, output) => expect(output).toMatch(/^Usage: npm run -s cli -- <command>/m) } },
  bench: {
    run: { args: ['--people', '30'], check: (_clone, output) => expect(output).toMatch(/caseload page .*\n[\s\S]*import 30 HR rows/) }
  },
  'test:electron':
    'missing' in electron
      ? { run: { refuses: /^The Electron suite cannot run: / } }
      : { notRun: 'it runs the whole Electron suite, which is long; `npm test` runs that suite itself' },
  start: { notRun: 'it opens the Electron app, which needs a display and the Electron binary' },
  dev: { notRun: 'it opens the Electron app with live reload, which needs a display and the Electron binary' },
  package: { notRun: 'electron-builder downloads Electron and packaging tools from the internet and writes installers' },
  mutate: { notRun: 'mutation testing reruns the unit suite for each mutant, which takes hours' },
  test: { notRun: 'it is every check in turn, this one among them' },
  'test:unit': { notRun: 'it is a whole test suite; `npm test` runs it' },
  'test:integration': { notRun: 'it is a whole test suite; `npm test` runs it' },
  'test:e2e': { notRun: 'it is a whole test suite; `npm test` runs it' },
  'test:scripts': { notRun: 'it is this test' }
}

/** The environment a person's shell would give: none of this test runner's own variables. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(key)) env[key] = value
  }
  return { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', FORCE_COLOR: '0', NO_COLOR: '1' }
}

function npm(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn('npm', args, { cwd, env: cleanEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, output }))
  })
}

const tail = (output: string) => output.trim().split('\n').slice(-40).join('\n')

let clone: { folder: string; remove: () => void }

beforeAll(() => {
  clone = freshClone(root)
}, 120_000)

afterAll(() => clone?.remove())

describe('package.json scripts from a fresh clone', () => {
  it('has a plan for every script, and no plan for a script that is gone', () => {
    expect(Object.keys(plans).sort()).toEqual(Object.keys(scripts).sort())
  })

  for (const [name, text] of Object.entries(scripts)) {
    const plan = plans[name]
    const title = !plan || 'notRun' in plan ? 'is well-formed' : plan.run.refuses ? 'says clearly why it cannot run here' : 'runs'
    it(`${name}: ${title}`, async () => {
      const needs = scriptNeeds(text)
      for (const binary of needs.binaries)
        expect(existsSync(join(clone.folder, 'node_modules/.bin', binary)), `${binary} in node_modules/.bin`).toBe(true)
      for (const file of needs.files) expect(existsSync(join(clone.folder, file)), `${file} in a fresh clone`).toBe(true)
      for (const script of needs.scripts) expect(Object.keys(scripts), `npm run ${script}`).toContain(script)
      for (const project of needs.vitestProjects) {
        const listed = await npm(clone.folder, ['exec', '--', 'vitest', 'list', '--project', project, '--filesOnly'])
        expect(listed.code, tail(listed.output)).toBe(0)
        expect(listed.output, `vitest project ${project} has test files`).toContain(`[${project}]`)
      }
      if (!plan) return
      if ('notRun' in plan) {
        console.info(`npm run ${name}: checked, not run here, because ${plan.notRun}.`)
        return
      }
      const { args = [], check, refuses } = plan.run
      const result = await npm(clone.folder, ['run', '-s', name, ...(args.length ? ['--', ...args] : [])])
      if (refuses) {
        expect(result.code).not.toBe(0)
        expect(result.output.trim()).toMatch(refuses)
        console.info(`npm run ${name}: refused here, as it should: ${result.output.trim().split('\n')[0]}`)
        return
      }
      expect(result.code, tail(result.output)).toBe(0)
      check?.(clone.folder, result.output)
    }, 900_000)
  }
})
