/**
 * The real app in Electron, driven by Playwright's `_electron`. Runs wherever the Electron
 * binary exists (`npm run test:electron`); `npm test` reports it as skipped elsewhere.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelNames } from '../../shared/contract/channels'
import { findElectronBinary } from '../../scripts/electron-binary'

let app: ElectronApplication
let page: Page
let dataFolder: string

beforeAll(async () => {
  const electron = findElectronBinary()
  if ('missing' in electron) throw new Error(`The Electron suite needs the Electron binary: ${electron.missing}.`)
  dataFolder = mkdtempSync(join(tmpdir(), 'harbour-electron-'))
  app = await _electron.launch({
    executablePath: electron.path,
    args: [resolve(__dirname, '../../out/main/index.js')],
    env: { ...process.env, HARBOUR_DATA_FOLDER: dataFolder }
  })
  page = await app.firstWindow()
  await page.getByRole('heading', { level: 1 }).waitFor()
})

afterAll(async () => {
  await app?.close()
  rmSync(dataFolder, { recursive: true, force: true })
})

describe('Harbour in Electron', () => {
  it('serves the renderer from app://harbour, not file://', () => {
    expect(page.url()).toMatch(/^app:\/\/harbour\/index\.html/)
  })

  it('runs the window sandboxed, isolated and without Node', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0]
      const preferences = (
        window?.webContents as unknown as { getLastWebPreferences: () => Record<string, unknown> }
      ).getLastWebPreferences()
      return {
        sandbox: preferences['sandbox'],
        contextIsolation: preferences['contextIsolation'],
        nodeIntegration: preferences['nodeIntegration'],
        webSecurity: preferences['webSecurity']
      }
    })
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true })
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
  })

  it('exposes exactly the contract on window.harbour', async () => {
    const keys = await page.evaluate(() => Object.keys(window.harbour).sort())
    expect(keys).toEqual([...channelNames, 'on'].sort())
  })

  it('keeps the app in place when the page tries to navigate or open windows', async () => {
    const before = page.url()
    for (const target of ['https://example.com/', 'file:///etc/passwd', 'data:text/html,hi', 'javascript:alert(1)']) {
      await page.evaluate((url) => {
        window.open(url)
        const link = document.createElement('a')
        link.href = url
        document.body.append(link)
        link.click()
        link.remove()
      }, target)
    }
    await page.waitForTimeout(500)
    expect(page.url()).toBe(before)
    expect(app.windows()).toHaveLength(1)
  })

  it('answers contract calls and refuses bad input', async () => {
    const about = await page.evaluate(() => window.harbour['about:info']({}))
    expect(about).toMatchObject({ ok: true, value: { dataFolder } })
    const bad = await page.evaluate(() => window.harbour['preferences:set']({ theme: 'neon' } as never))
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['theme'] } })
  })

  it('starts at first-run setup in an empty data folder', async () => {
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Set up Harbour on this computer')
    expect(await page.evaluate(() => window.harbour['session:status']({}))).toMatchObject({ ok: true, value: { state: 'no-store' } })
  })

  it('has no serious accessibility problems on the first screen', async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
  })
})
