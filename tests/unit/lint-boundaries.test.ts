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
