import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** Proves the lint rules that keep the process boundaries actually fire. */
const eslint = new ESLint({ cwd: resolve(__dirname, '../..') })

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

  it('allows the permitted directions', async () => {
    expect(await ruleIds("import { contract } from '../../shared/contract'\nexport const c = contract\n", 'electron/core/x.ts')).toEqual([])
    expect(await ruleIds("import { app } from 'electron'\nexport const a = app\n", 'electron/main/x.ts')).toEqual([])
    expect(await ruleIds("import { call } from '../api'\nexport const c = call\n", 'renderer/src/app/x.ts')).toEqual([])
  })
})
