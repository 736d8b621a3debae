import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

/** Proves the lint rules that keep the process boundaries actually fire. */
const eslint = new ESLint({ cwd: resolve(__dirname, '../..') })

// The cycle rule reads every file an import leads to (a renderer file reaching for the core reads
// the whole core): real work, not a hang.
vi.setConfig({ testTimeout: 30_000 })

// Loading the config and its plugins takes a while the first time: not something a test should time.
beforeAll(async () => {
  await eslint.lintText('export const warm = 1\n', { filePath: resolve(__dirname, '../..', 'shared/x.ts') })
}, 60_000)

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', filePath) })
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'parse-error')
}

describe('process boundaries enforced by lint', () => {
  it.each([
    ["import { app } from 'electron'\nexport const a = app\n", 'electron/core/services/x.ts'],
    ["import { App } from '../../renderer/src/app/App'\nexport const a = App\n", 'electron/core/services/x.ts'],
    ["import { app } from 'electron'\nexport const a = app\n", 'shared/x.ts'],
    ["import { readFileSync } from 'node:fs'\nexport const a = readFileSync\n", 'shared/x.ts'],
    ["import { handlers } from '../../../electron/core/ipc/handlers'\nexport const a = handlers\n", 'renderer/src/app/x.ts'],
    ["import { readFileSync } from 'node:fs'\nexport const a = readFileSync\n", 'renderer/src/app/x.ts'],
    ["import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n", 'renderer/src/app/x.ts'],
    ["import { handlers } from '../core/ipc/handlers'\nexport const a = handlers\n", 'electron/preload/x.ts']
  ])('refuses %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toContain('no-restricted-imports')
  })

  it.each([
    ['export const title = document.title\n', 'electron/core/services/x.ts'],
    ['export const here = window.location.href\n', 'shared/x.ts']
  ])('refuses DOM use %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toContain('no-restricted-globals')
  })

  it.each([
    ["export const sure = window.confirm('Disable this user?')\n", 'no-restricted-properties'],
    ["window.alert('Saved')\n", 'no-restricted-properties'],
    ["export const name = globalThis.prompt('Name?')\n", 'no-restricted-properties'],
    ["export const sure = confirm('Disable this user?')\n", 'no-restricted-globals'],
    ["alert('Saved')\n", 'no-restricted-globals']
  ])('refuses the browser’s own dialog %j in the window', async (code, rule) => {
    expect(await ruleIds(code, 'renderer/src/features/users/x.tsx')).toContain(rule)
  })

  it.each([
    ["import { zodResolver } from '@hookform/resolvers/zod'\nexport const r = zodResolver\n"],
    ["import { useForm } from 'react-hook-form'\nexport const f = useForm\n"]
  ])('makes every form show refusals the one way: refuses %j outside components/forms.ts', async (code) => {
    expect(await ruleIds(code, 'renderer/src/features/people/x.tsx')).toContain('no-restricted-imports')
    expect(await ruleIds(code, 'renderer/src/components/forms.ts')).toEqual([])
  })

  it('allows the permitted directions', async () => {
    expect(await ruleIds("import { contract } from '../../shared/contract'\nexport const c = contract\n", 'electron/core/x.ts')).toEqual([])
    expect(await ruleIds("import { app } from 'electron'\nexport const a = app\n", 'electron/main/x.ts')).toEqual([])
    expect(await ruleIds("import { call } from '../api'\nexport const c = call\n", 'renderer/src/app/x.ts')).toEqual([])
  })
})

describe('no import cycles anywhere', () => {
  // A cycle needs real files for the resolver to follow: a pair written for this test and removed after.
  const folder = resolve(__dirname, `lint-cycle-${process.pid}`)
  beforeAll(() => {
    mkdirSync(folder, { recursive: true })
    writeFileSync(resolve(folder, 'a.ts'), "import { b } from './b'\nexport const a = (): number => b() + 1\n")
    writeFileSync(resolve(folder, 'b.ts'), "import { a } from './a'\nexport const b = (): number => a() - 1\n")
    writeFileSync(resolve(folder, 'c.ts'), 'export const c = 1\n')
    writeFileSync(resolve(folder, 'd.ts'), "import { c } from './c'\nexport const d = c + 1\n")
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('refuses a module that imports, through others, what imports it', async () => {
    const [result] = await eslint.lintFiles([resolve(folder, 'a.ts')])
    expect(result?.messages.map((message) => message.ruleId)).toContain('import-x/no-cycle')
  })

  it('allows imports that run one way', async () => {
    const [result] = await eslint.lintFiles([resolve(folder, 'd.ts')])
    expect(result?.messages).toEqual([])
  })
})

describe('shared/ is free of Node and DOM globals', () => {
  it.each([
    "export const bytes = Buffer.from('abc')\n",
    'export const home = process.env.HOME\n',
    "export const x = require('node:fs')\n",
    'export const here = __dirname\n',
    'export const file = __filename\n',
    'export const title = document.title\n',
    'export const width = window.innerWidth\n'
  ])('refuses %j in shared/', async (code) => {
    expect(await ruleIds(code, 'shared/x.ts')).toContain('no-restricted-globals')
  })

  it.each(['export const home = globalThis.process.env.HOME\n', "export const bytes = globalThis.Buffer.from('abc')\n"])(
    'refuses %j reached through globalThis',
    async (code) => {
      expect(await ruleIds(code, 'shared/x.ts')).toContain('no-restricted-properties')
    }
  )

  it('leaves the core its Node globals, and shared its own names', async () => {
    expect(await ruleIds('export const home = process.env.HOME\n', 'electron/core/services/x.ts')).toEqual([])
    expect(await ruleIds("export const bytes = new TextEncoder().encode('abc')\n", 'shared/x.ts')).toEqual([])
  })
})

describe('window features reach each other only through their public surface', () => {
  it.each([
    ["import { CaseCard } from '../cases/CaseCard'\nexport const c = CaseCard\n", 'renderer/src/features/people/x.tsx'],
    ["export { caseReasonNames } from '../cases/labels'\n", 'renderer/src/features/people/x.ts'],
    ["export * from '../cases/labels'\n", 'renderer/src/features/people/x.ts'],
    ["export const later = () => import('../cases/CaseCard')\n", 'renderer/src/features/people/x.ts'],
    ["import { CaseCard } from '../features/cases/CaseCard'\nexport const c = CaseCard\n", 'renderer/src/app/x.tsx'],
    ["import { tasksKey } from '../../features/tasks/MyTasks'\nexport const t = tasksKey\n", 'renderer/src/components/deeper/x.ts']
  ])('refuses %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toContain('harbour/feature-surface')
  })

  it.each([
    ["import { CasesPanel } from '../cases'\nexport const c = CasesPanel\n", 'renderer/src/features/people/x.tsx'],
    ["import { CasesPanel } from '../cases/index'\nexport const c = CasesPanel\n", 'renderer/src/features/people/x.tsx'],
    ["import { PersonForm } from './PersonForm'\nexport const p = PersonForm\n", 'renderer/src/features/people/x.tsx'],
    ["import { CasesPanel } from '../features/cases'\nexport const c = CasesPanel\n", 'renderer/src/app/x.tsx'],
    ["import { call } from '../../api'\nexport const c = call\n", 'renderer/src/features/people/x.ts']
  ])('allows %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).not.toContain('harbour/feature-surface')
  })
})
