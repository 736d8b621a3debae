import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** Proves the lint rule that keeps the core's layers one way round (ipc → services → store) fires. */
const eslint = new ESLint({ cwd: resolve(__dirname, '../..') })

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', filePath) })
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'parse-error')
}

// The first lint loads the whole configuration, which takes seconds on a busy machine.
describe('core layers enforced by lint', { timeout: 30_000 }, () => {
  it.each([
    ["import { listUsers } from '../services/users'\nexport const a = listUsers\n", 'electron/core/store/x.ts'],
    ["import { handlers } from '../ipc/handlers'\nexport const a = handlers\n", 'electron/core/store/x.ts'],
    ["import { createDispatcher } from '../ipc/dispatch'\nexport const a = createDispatcher\n", 'electron/core/store/migrations/x.ts'],
    ["import { handlers } from '../ipc/handlers'\nexport const a = handlers\n", 'electron/core/services/x.ts'],
    ["import { inputProblem } from '../ipc/input-problem'\nexport const a = inputProblem\n", 'electron/core/services/x.ts'],
    ["import { Vault } from '../vault'\nexport const a = Vault\n", 'electron/core/services/x.ts'],
    ["import { Vault } from '../vault'\nexport const a = Vault\n", 'electron/core/store/x.ts'],
    ["import { callContext } from '../call-context'\nexport const a = callContext\n", 'electron/core/services/x.ts'],
    ["import { visibleTo } from '../access'\nexport const a = visibleTo\n", 'electron/core/store/x.ts'],
    ["import { listUsers } from '../services/users'\nexport const a = listUsers\n", 'electron/core/access/x.ts'],
    ["import { handlers } from '../ipc/handlers'\nexport const a = handlers\n", 'electron/core/access/x.ts']
  ])('refuses %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toContain('no-restricted-imports')
  })

  it('still refuses Electron and the renderer in the layers it narrows', async () => {
    expect(await ruleIds("import { app } from 'electron'\nexport const a = app\n", 'electron/core/store/x.ts')).toContain(
      'no-restricted-imports'
    )
    expect(
      await ruleIds("import { App } from '../../renderer/src/app/App'\nexport const a = App\n", 'electron/core/services/x.ts')
    ).toContain('no-restricted-imports')
  })

  it('allows calls in the permitted direction', async () => {
    expect(await ruleIds("import { listUsers } from '../services/users'\nexport const a = listUsers\n", 'electron/core/ipc/x.ts')).toEqual(
      []
    )
    expect(await ruleIds("import { appendAudit } from '../store/audit'\nexport const a = appendAudit\n", 'electron/core/ipc/x.ts')).toEqual(
      []
    )
    expect(
      await ruleIds("import { appendAudit } from '../store/audit'\nexport const a = appendAudit\n", 'electron/core/services/x.ts')
    ).toEqual([])
    expect(
      await ruleIds("import { currentUser } from './session-helpers'\nexport const a = currentUser\n", 'electron/core/services/x.ts')
    ).toEqual([])
    expect(await ruleIds("import { Vault } from '../vault'\nexport const a = Vault\n", 'electron/core/ipc/x.ts')).toEqual([])
    expect(await ruleIds("import { readKeyring } from './keyring'\nexport const a = readKeyring\n", 'electron/core/store/x.ts')).toEqual([])
    expect(await ruleIds("import { visibleTo } from '../access'\nexport const a = visibleTo\n", 'electron/core/services/x.ts')).toEqual([])
    expect(
      await ruleIds("import { appendAudit } from '../store/audit'\nexport const a = appendAudit\n", 'electron/core/access/x.ts')
    ).toEqual([])
  })
})

describe('services write SQL both engines read', { timeout: 30_000 }, () => {
  const service = 'electron/core/services/x.ts'
  const header = "import { sql } from 'kysely'\n"
  it.each([
    'export const a = sql`people.family_name COLLATE NOCASE`\n',
    "export const a = sql<boolean>`EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = 'clinician')`\n",
    'export const a = sql`tasks.rowid`\n',
    'export const a = (q: string) => sql`people_search MATCH ${q}`\n',
    'export const a = (w: string) => sql<boolean>`instr(people.search_key, ${w}) > 0`\n',
    "export const a = sql`date(cases.opened_on, '+1 month')`\n",
    'export const a = sql`users.roles::jsonb`\n'
  ])('refuses %j in a service', async (code) => {
    expect(await ruleIds(header + code, service)).toContain('no-restricted-syntax')
  })

  it('allows SQL both engines read, and the same words outside a service', async () => {
    expect(await ruleIds(header + "export const a = sql<number>`count(*) FILTER (WHERE cases.priority = 'urgent')`\n", service)).toEqual([])
    expect(await ruleIds(header + 'export const a = sql`people.family_name COLLATE NOCASE`\n', 'electron/core/store/dialect/x.ts')).toEqual(
      []
    )
  })
})
