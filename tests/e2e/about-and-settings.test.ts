import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { packageVersion } from '../fixtures/core-context'
import { expectAccessible, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('about screen', () => {
  it('shows the version, the data folder and the licence of every bundled component', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'About Harbour' }).click()
    await page.getByRole('heading', { name: 'Bundled components' }).waitFor()
    const version = page.locator('.summary-list__row', { hasText: 'Version' }).locator('dd')
    expect(await version.textContent()).toBe(packageVersion)
    expect(await page.locator('code.path').textContent()).toBe(app.dataFolder)
    const reactRow = page.getByRole('row', { name: /^react 19\.\S+ MIT$/ })
    await expect.poll(() => reactRow.count()).toBe(1)
    expect(await page.getByRole('row').count()).toBeGreaterThan(4)
    await expectAccessible(page)
    await screenshot(page, 'about')
  })

  it('shows a calm message, not a stack, when the backend fails', async () => {
    app = await openApp({ failChannels: ['about:info'] })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/about`)
    const alert = page.getByRole('alert')
    await alert.waitFor()
    const text = (await alert.textContent()) ?? ''
    expect(text).toContain('Harbour could not load these details')
    expect(text).toContain('Nothing was changed')
    expect(text).not.toMatch(/Injected failure|at .*\.ts|Error:/)
    await expectAccessible(page)
    await screenshot(page, 'about-failure')
  })
})

describe('settings and themes', () => {
  const htmlTheme = (page: Page) => page.evaluate(() => document.documentElement.dataset['theme'])

  it('applies each theme at once, keeps it after a restart, and stays accessible in every theme', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await page.getByRole('heading', { name: 'Appearance' }).waitFor()
    expect(await htmlTheme(page)).toBe('system')

    await page.getByLabel('Dark', { exact: true }).click()
    await expect.poll(() => htmlTheme(page)).toBe('dark')
    await expectAccessible(page)
    await screenshot(page, 'settings-dark')

    await page.getByLabel('High contrast').click()
    await expect.poll(() => htmlTheme(page)).toBe('high-contrast')
    await page.getByLabel('Larger').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['textSize'])).toBe('larger')
    await expectAccessible(page)
    await screenshot(page, 'settings-high-contrast')

    const saved = JSON.parse(readFileSync(join(app.dataFolder, 'preferences.json'), 'utf8')) as Record<string, unknown>
    expect(saved).toMatchObject({ theme: 'high-contrast', textSize: 'larger' })

    await page.reload()
    await expect.poll(() => htmlTheme(page)).toBe('high-contrast')
    await page.goto(`${app.bridge.url}/index.html#/`)
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'home-high-contrast')

    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await page.getByLabel('Light', { exact: true }).click()
    await expect.poll(() => htmlTheme(page)).toBe('light')
    await page.getByLabel('Standard').click()
    await page.goto(`${app.bridge.url}/index.html#/welcome`)
    await page.getByRole('heading', { name: 'Make it comfortable' }).waitFor()
    await screenshot(page, 'welcome-light')
  })

  it('says so, and keeps the old choice, when a setting cannot be saved', async () => {
    app = await openApp({ failChannels: ['preferences:set'] })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/settings`)
    // click, not check: the radio must stay unchanged because the save failed.
    await page.getByLabel('Dark', { exact: true }).click()
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toContain('Your setting was not saved')
    expect(await htmlTheme(page)).toBe('system')
    expect(await page.getByLabel('Match this computer').isChecked()).toBe(true)
    expect(existsSync(join(app.dataFolder, 'preferences.json'))).toBe(false)
  })
})

describe('test bridge', () => {
  it('refuses requests without the token or with a wrong one', async () => {
    app = await openApp()
    const body = JSON.stringify({ input: {} })
    const noToken = await fetch(`${app.bridge.url}/invoke/about:info`, { method: 'POST', body })
    expect(noToken.status).toBe(403)
    const wrong = await fetch(`${app.bridge.url}/invoke/about:info`, {
      method: 'POST',
      body,
      headers: { 'x-harbour-bridge-token': 'x'.repeat(app.bridge.token.length) }
    })
    expect(wrong.status).toBe(403)
    const page = await fetch(`${app.bridge.url}/index.html`)
    expect(page.status).toBe(403)
    const right = await fetch(`${app.bridge.url}/invoke/about:info`, {
      method: 'POST',
      body,
      headers: { 'x-harbour-bridge-token': app.bridge.token }
    })
    expect(((await right.json()) as { ok: boolean }).ok).toBe(true)
    expect(app.bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('gives the page a window.harbour with exactly the contract channels plus on', async () => {
    app = await openApp()
    const keys = await app.page.evaluate(() => Object.keys(window.harbour).sort())
    const { channelNames } = await import('../../shared/contract/channels')
    expect(keys).toEqual([...channelNames, 'on'].sort())
  })
})
