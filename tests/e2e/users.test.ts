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
const nurse = { displayName: 'Sam Okafor', username: 's.okafor', passphrase: 'quay lights over grey water' }

async function withNurse() {
  const opened = await openApp({
    prepare: async (bridge) => {
      const added = await dispatch(
        'users:add',
        { ...nurse, roles: ['clinician'], confirmPassphrase: nurse.passphrase },
        { core: bridge.core, vault: bridge.vault }
      )
      if (!added.ok) throw new Error(added.error.message)
    }
  })
  const { page } = opened
  await page.getByRole('link', { name: 'Users', exact: true }).click()
  await expect.poll(() => h1(page).textContent()).toBe('Users')
  await page.getByRole('table').waitFor()
  return opened
}

describe('changing roles', () => {
  it('gives a user another role, and refuses taking away your own administrator role at the roles, by name', async () => {
    app = await withNurse()
    const { page } = app
    await page.getByRole('button', { name: `Change roles of ${nurse.displayName}` }).click()
    const panel = page.getByRole('region', { name: `Change the roles of ${nurse.displayName}` })
    await panel.getByLabel('TRiM practitioner').check()
    await expectAccessible(page)
    await screenshot(page, 'users-change-roles')
    await panel.getByRole('button', { name: 'Save roles' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${nurse.displayName}'s roles are now: Clinician, TRiM practitioner.` })
      .waitFor()
    await page.getByRole('row', { name: new RegExp(`${nurse.displayName} ${nurse.username} Clinician, TRiM practitioner`) }).waitFor()

    await page.getByRole('button', { name: `Change roles of ${admin.displayName}` }).click()
    const own = page.getByRole('region', { name: `Change the roles of ${admin.displayName}` })
    await own.getByLabel('Administrator').uncheck()
    await own.getByRole('button', { name: 'Save roles' }).click()
    const summary = own.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'You cannot remove your own administrator role. Ask another administrator to do it'
    ])
    await summary.getByRole('link').click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('roles-roles')
    expect(await own.locator('#roles-roles-error').textContent()).toContain('You cannot remove your own administrator role')
    await expectAccessible(page)
    await screenshot(page, 'users-change-own-roles-refused')
    // Acting again clears it.
    await own.getByLabel('Administrator').check()
    await summary.waitFor({ state: 'detached' })
    await own.getByLabel('Administrator').uncheck()
    await own.getByLabel('Clinician').uncheck()
    await own.getByRole('button', { name: 'Save roles' }).click()
    await expect.poll(() => summary.getByRole('link').allTextContents()).toEqual(['Choose at least one role'])
    await own.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('row', { name: new RegExp(`${admin.displayName} ${admin.username} Administrator, Clinician`) }).waitFor()
  })
})

describe('re-enabling a user', () => {
  it('takes a new starting passphrase (checked against the rules), and the user must choose their own when they sign in', async () => {
    app = await withNurse()
    const { page } = app
    await page.getByRole('button', { name: `Disable ${nurse.displayName}` }).click()
    await page
      .getByRole('dialog')
      .getByRole('button', { name: `Disable ${nurse.displayName}` })
      .click()
    await page.getByRole('row', { name: new RegExp(`${nurse.displayName} ${nurse.username} Clinician Disabled`) }).waitFor()

    await page.getByRole('button', { name: `Re-enable ${nurse.displayName}` }).click()
    const panel = page.getByRole('region', { name: `Re-enable ${nurse.displayName}` })
    expect(await panel.textContent()).toContain('their old passphrase no longer opens Harbour')
    await panel.getByLabel('Starting passphrase', { exact: true }).fill('quiet harbour lantern pebble')
    await panel.getByLabel('Type the starting passphrase again').fill('quiet harbour lantern pebble')
    await panel.getByRole('button', { name: `Re-enable ${nurse.displayName}` }).click()
    const summary = panel.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Passphrase is too easy to guess: it contains "harbour"'])
    await expectAccessible(page)
    await screenshot(page, 'users-re-enable-refused')

    const starting = 'seven bright kites over the bay'
    await panel.getByLabel('Starting passphrase', { exact: true }).fill(starting)
    await panel.getByLabel('Type the starting passphrase again').fill(starting)
    await panel.getByRole('button', { name: `Re-enable ${nurse.displayName}` }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${nurse.displayName} can sign in again` })
      .waitFor()
    await page.getByRole('row', { name: new RegExp(`${nurse.displayName} ${nurse.username} Clinician New passphrase needed`) }).waitFor()
    await screenshot(page, 'users-re-enabled')

    await page.getByRole('button', { name: 'Lock' }).click()
    await page.getByRole('link', { name: 'Sign in as someone else' }).click()
    await signIn(page, nurse.username, nurse.passphrase)
    await page.getByText('The username or passphrase is not right.').first().waitFor()
    await signIn(page, nurse.username, starting)
    await expect.poll(() => h1(page).textContent()).toBe('Choose your own passphrase')
  })
})
