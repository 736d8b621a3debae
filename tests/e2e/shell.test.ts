import { afterEach, describe, expect, it } from 'vitest'
import { expectAccessible, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('app shell', () => {
  it('shows the home screen with header, navigation and landmarks, and nothing leaves the machine', async () => {
    app = await openApp()
    const { page } = app
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Good (morning|afternoon|evening), Alex$/)
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true)
    expect(await page.getByRole('main').isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'My caseload', exact: true }).getAttribute('aria-current')).toBe('page')
    expect(await page.title()).toMatch(/– Harbour$/)
    // This computer's own store: the masthead says so.
    await expect.poll(() => page.locator('.masthead .tag--offline').textContent()).toBe('Offline')
    await expectAccessible(page)
    await screenshot(page, 'home-light')
    const origin = app.bridge.url
    const foreign = app.requests.filter((url) => !url.startsWith(origin))
    expect(foreign).toEqual([])
    expect(app.consoleErrors).toEqual([])
  })

  it('moves between screens from the keyboard and from native menu commands', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.keyboard.press('Control+,')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings')
    await page.keyboard.press('Control+Shift+H')
    await expect.poll(() => page.url()).toMatch(/#\/$/)
    await page.evaluate(() =>
      (window as unknown as { __harbourBridgeEmit: (e: string, p: unknown) => void }).__harbourBridgeEmit('menu:command', {
        command: 'go-about'
      })
    )
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('About Harbour')
    // Focus lands on the new screen's heading so screen readers announce it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
  })

  it('opens the keyboard shortcuts dialog with F1 and closes it with Escape', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.keyboard.press('F1')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await dialog.waitFor()
    expect(await dialog.getByRole('row').count()).toBeGreaterThan(5)
    await expectAccessible(page)
    await screenshot(page, 'shortcuts-dialog')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })

  it('offers a skip link as the first thing the keyboard reaches', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
  })

  it('shows a plain page for an unknown address', async () => {
    app = await openApp()
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/no-such-screen`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')
    await expectAccessible(page)
  })
})
