import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { admin } from '../fixtures/store'
import { expectAccessible, h1, openApp, screenshot, signIn, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

const dispatch = createDispatcher(handlers)
const nurse = { username: 's.okafor', displayName: 'Sam Okafor', passphrase: 'quay lights over grey water' }

async function lockFromHeader(page: Page) {
  await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
  await page.getByRole('button', { name: 'Lock' }).click()
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor()
}

/** Wrong passphrases typed at the sign-in screen, as the core counts them (a quarter of an hour apart, clear of the back-off). */
async function failedSignIns(app: AppUnderTest, count: number) {
  for (let attempt = 0; attempt < count; attempt++) {
    app.bridge.advanceClock(16 * 60_000)
    const result = await dispatch(
      'session:unlock',
      { username: admin.username, passphrase: 'not the passphrase at all' },
      { core: app.bridge.core, vault: app.bridge.vault }
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  }
}

describe('the lock screen', () => {
  it('fills in who was signed in, and offers to sign in as someone else', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        const added = await dispatch(
          'users:add',
          {
            username: nurse.username,
            displayName: nurse.displayName,
            roles: ['clinician'],
            passphrase: nurse.passphrase,
            confirmPassphrase: nurse.passphrase
          },
          { core: bridge.core, vault: bridge.vault }
        )
        if (!added.ok) throw new Error(added.error.message)
      }
    })
    const { page } = app
    await lockFromHeader(page)
    expect(await page.getByLabel('Username').inputValue()).toBe(admin.username)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-passphrase')
    await expectAccessible(page)
    await screenshot(page, 'lock-screen-prefilled')

    await page.getByRole('link', { name: 'Sign in as someone else' }).click()
    expect(await page.getByLabel('Username').inputValue()).toBe('')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-username')
    expect(await page.getByRole('link', { name: 'Sign in as someone else' }).count()).toBe(0)
    await signIn(page, nurse.username, nurse.passphrase)
    // A first sign-in: the nurse chooses their own passphrase.
    await expect.poll(() => h1(page).textContent()).toBe('Choose your own passphrase')
  })

  it('does not fill in anyone when the window opens afresh', async () => {
    app = await openApp()
    const { page } = app
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    app.bridge.vault.lock('manual')
    await page.reload()
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor()
    expect(await page.getByLabel('Username').inputValue()).toBe('')
    expect(await page.getByRole('link', { name: 'Sign in as someone else' }).count()).toBe(0)
  })
})

describe('too many sign-in attempts', () => {
  it('keeps the typed passphrase and counts down, announcing only the start and the end, then lets the user in and says how many failed', async () => {
    app = await openApp()
    const { page } = app
    await page.clock.install()
    await page.reload()
    await lockFromHeader(page)
    await failedSignIns(app, 9)
    // The window's clock stands still from here, and moves only when the test moves it.
    await page.clock.pauseAt(new Date(Date.now() + 60_000))

    // The ninth failure in a row means waiting 32 seconds from it.
    await page.getByLabel('Passphrase', { exact: true }).fill(admin.passphrase)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    const notice = page.locator('.notice', { hasText: 'Too many attempts' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('Try again in 32 seconds.')
    expect(await page.getByLabel('Passphrase', { exact: true }).inputValue()).toBe(admin.passphrase)
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).isDisabled()).toBe(true)
    const announced = page.locator('[role="status"].visually-hidden')
    expect(await announced.textContent()).toBe('Too many attempts. You can try again in 32 seconds.')
    // The countdown itself is not a live region: it would be read out every second.
    expect(await notice.getAttribute('role')).toBeNull()
    expect(await notice.getAttribute('aria-live')).toBeNull()

    await page.clock.runFor(7_000)
    await expect.poll(() => notice.textContent()).toContain('Try again in 25 seconds.')
    expect(await announced.textContent()).toBe('Too many attempts. You can try again in 32 seconds.')
    await screenshot(page, 'sign-in-countdown')
    // axe waits on timers of its own, so the clock runs while it looks.
    await page.clock.resume()
    await expectAccessible(page)
    await page.clock.pauseAt(new Date(Date.now() + 120_000))

    app.bridge.advanceClock(60_000)
    await page.clock.runFor(30_000)
    await notice.waitFor({ state: 'detached' })
    expect(await announced.textContent()).toBe('You can sign in again now.')
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).isDisabled()).toBe(false)
    expect(await page.getByLabel('Passphrase', { exact: true }).inputValue()).toBe(admin.passphrase)
    // The app's own timers (its data fetching) run again from here.
    await page.clock.resume()
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()

    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    const failed = page.getByRole('status').filter({ hasText: 'failed sign-ins since your last sign-in' })
    await failed.waitFor()
    expect(await failed.textContent()).toContain('9 failed sign-ins since your last sign-in')
    expect(await failed.textContent()).toContain('If this was not you, tell your Harbour administrator.')
    await expectAccessible(page)
    await screenshot(page, 'failed-sign-ins-notice')
    await failed.getByRole('button', { name: /^Dismiss/ }).click()
    await failed.waitFor({ state: 'detached' })

    // The next sign-in starts counting again.
    await lockFromHeader(page)
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    expect(await page.getByText('failed sign-in', { exact: false }).count()).toBe(0)
  })

  it('says nothing about failed sign-ins at the sign-in screen', async () => {
    app = await openApp()
    const { page } = app
    await lockFromHeader(page)
    await failedSignIns(app, 3)
    await page.reload()
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor()
    expect(await page.locator('body').innerText()).not.toMatch(/failed/i)
  })
})

describe('choosing the first passphrase', () => {
  it('says "too short" rather than "do not match", and refuses one containing "harbour"', async () => {
    app = await openApp({ start: 'fresh' })
    const { page } = app
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Set up Harbour on this computer')
    await page.getByLabel('Your full name').fill(admin.displayName)
    await page.getByLabel('Username').fill(admin.username)
    await page.getByLabel('Passphrase', { exact: true }).fill('tidal')
    await page.getByLabel('Type the passphrase again').fill('tide')
    await page.getByRole('button', { name: 'Create the store' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Passphrase must be 15 characters or more'])
    expect(await page.getByText('do not match').count()).toBe(0)

    await page.getByLabel('Passphrase', { exact: true }).fill('tidal lantern quiet harbour pebble')
    await page.getByLabel('Type the passphrase again').fill('tidal lantern quiet harbour pebble')
    await page.getByRole('button', { name: 'Create the store' }).click()
    await expect.poll(() => summary.getByRole('link').allTextContents()).toEqual(['Passphrase is too easy to guess: it contains "harbour"'])
    expect(existsSync(join(app.dataFolder, 'harbour.db'))).toBe(false)
    await screenshot(page, 'setup-passphrase-harbour')

    await page.getByLabel('Passphrase', { exact: true }).fill(admin.passphrase)
    await page.getByLabel('Type the passphrase again').fill(`${admin.passphrase} `)
    await page.getByRole('button', { name: 'Create the store' }).click()
    await expect.poll(() => summary.getByRole('link').allTextContents()).toEqual(['Passphrases do not match'])
  })
})
