import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { admin } from '../fixtures/store'
import { expectAccessible, h1, openApp, screenshot, signIn, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('first run', () => {
  it('sets up the store and first administrator, with clear errors, and shows the recovery code once', async () => {
    app = await openApp({ start: 'fresh' })
    const { page } = app
    // First: where the records will be kept. This computer only is the default.
    await expect.poll(() => h1(page).textContent()).toBe('Set up Harbour')
    expect(await page.getByRole('radio', { name: 'This computer only' }).isChecked()).toBe(true)
    expect(await page.getByRole('radio', { name: 'Join a team server' }).isChecked()).toBe(false)
    await expectAccessible(page)
    await screenshot(page, 'first-run-choice')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Set up Harbour on this computer')
    // The hint says what the rule allows, underscores included.
    expect(await page.locator('#setup-username-hint').textContent()).toBe(
      'You will sign in with this. Letters, numbers, dots, hyphens and underscores, for example j.smith.'
    )
    await expectAccessible(page)
    await screenshot(page, 'setup')

    await page.getByRole('button', { name: 'Create the store' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Enter the full name',
      'Enter a username of 2 characters or more',
      'Enter a passphrase'
    ])
    expect(await page.title()).toMatch(/^Error: /)
    await summary.getByRole('link', { name: 'Enter a passphrase' }).click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setup-passphrase')
    await expectAccessible(page)
    await screenshot(page, 'setup-errors')

    await page.getByLabel('Your full name').fill(admin.displayName)
    await page.getByLabel('Username').fill(admin.username)
    await page.getByLabel('Passphrase', { exact: true }).fill('police harbour 2026')
    await page.getByLabel('Type the passphrase again').fill('police harbour 2026')
    await page.getByRole('button', { name: 'Create the store' }).click()
    await page.getByText('Passphrase is too easy to guess', { exact: false }).first().waitFor()
    expect(existsSync(join(app.dataFolder, 'harbour.db'))).toBe(false)

    await page.getByLabel('Passphrase', { exact: true }).fill(admin.passphrase)
    await page.getByLabel('Type the passphrase again').fill(admin.passphrase)
    await page.getByRole('button', { name: 'Create the store' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Keep the recovery code safe')
    const code = (await page.locator('.recovery-code').textContent()) ?? ''
    expect(code).toMatch(/^([0-9A-Z]{4}){8}$/)
    await expectAccessible(page)
    await screenshot(page, 'recovery-code')

    // "Print it": a button that prints the code alone. The print dialog is stood in for, so the
    // page can be looked at as it goes to paper.
    await page.evaluate(() => {
      window.print = () => {
        ;(window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1
      }
    })
    await page.getByRole('button', { name: 'Print the recovery code' }).click()
    expect(await page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.recovery-code').isVisible()).toBe(true)
    // Located by tag and text: what is hidden is out of the accessibility tree too.
    for (const hidden of [
      page.locator('h1'),
      page.locator('button', { hasText: 'Continue to Harbour' }),
      page.locator('.inset', { hasText: 'Write it down or print it' })
    ]) {
      expect(await hidden.evaluate((node) => getComputedStyle(node).visibility)).toBe('hidden')
    }
    await screenshot(page, 'recovery-code-print')
    // Once printed, printing the page again prints all of it.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    expect(await page.locator('h1').evaluate((node) => getComputedStyle(node).visibility)).toBe('visible')
    await page.emulateMedia({ media: 'screen' })

    await page.getByRole('button', { name: 'Continue to Harbour' }).click()
    await page.getByRole('link', { name: 'Confirm you have stored the recovery code' }).waitFor()
    await page.getByLabel('I have stored the recovery code somewhere safe and offline').check()
    await page.getByRole('button', { name: 'Continue to Harbour' }).click()
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    expect(await page.getByRole('link', { name: `Your account: ${admin.displayName}` }).isVisible()).toBe(true)
    expect(readFileSync(join(app.dataFolder, 'harbour.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3')
  })
})

describe('signing in and locking', () => {
  it('locks from the header, refuses a wrong passphrase with one message, and unlocks', async () => {
    app = await openApp()
    const { page } = app
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    await page.getByRole('button', { name: 'Lock' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
    expect(app.bridge.vault.status().state).toBe('locked')
    await expectAccessible(page)
    await screenshot(page, 'sign-in')

    await signIn(page, admin.username, 'this is not the passphrase')
    const alert = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await alert.waitFor()
    expect(await alert.textContent()).toContain('The username or passphrase is not right.')
    expect(await page.getByLabel('Passphrase', { exact: true }).inputValue()).toBe('')
    await expectAccessible(page)
    await screenshot(page, 'sign-in-wrong')

    await signIn(page, 'no.such.person', admin.passphrase)
    await expect.poll(() => alert.textContent()).toContain('The username or passphrase is not right.')

    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
  })

  it('locks with Ctrl+L', async () => {
    app = await openApp()
    const { page } = app
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    await page.keyboard.press('Control+l')
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
  })

  it('warns before the idle lock, lets the user stay, then locks when idle and says why', async () => {
    app = await openApp()
    const { page } = app
    await page.clock.install()
    await page.reload()
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    await page.clock.fastForward('04:05')
    const warning = page.getByRole('dialog', { name: 'Harbour will lock soon' })
    await warning.waitFor()
    await expectAccessible(page)
    await screenshot(page, 'idle-warning')
    await warning.getByRole('button', { name: 'Stay unlocked' }).click()
    await warning.waitFor({ state: 'hidden' })
    expect(app.bridge.vault.status().state).toBe('unlocked')

    app.bridge.advanceClock(6 * 60_000)
    await expect.poll(() => h1(page).textContent(), { timeout: 10_000 }).toBe('Harbour is locked')
    expect(await page.getByText('nobody had used it for a while').isVisible()).toBe(true)
    await screenshot(page, 'locked-idle')
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
  })
})
