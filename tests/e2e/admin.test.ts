import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
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

const nurse = { name: 'Sam Okafor', username: 's.okafor', starting: 'quay lights over grey water', own: 'driftwood compass morning tea' }

describe('user administration', () => {
  it('adds a clinician, who signs in, must choose their own passphrase, and sees no admin screens', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Users', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Users')
    await page.getByRole('table').waitFor()
    await expectAccessible(page)

    const form = page.getByRole('region', { name: 'Add a user' })
    await form.getByLabel('Full name').fill(nurse.name)
    await form.getByLabel('Username').fill('s')
    await form.getByRole('button', { name: 'Add user' }).click()
    await form.getByRole('link', { name: 'Enter a username of 2 characters or more' }).waitFor()
    await screenshot(page, 'users-add-errors')
    await form.getByLabel('Username').fill(nurse.username)
    await form.getByLabel('Starting passphrase', { exact: true }).fill(nurse.starting)
    await form.getByLabel('Type the starting passphrase again').fill(nurse.starting)
    await form.getByRole('button', { name: 'Add user' }).click()
    await page.getByRole('row', { name: new RegExp(`${nurse.name} ${nurse.username} Clinician New passphrase needed`) }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'users')

    await page.getByRole('button', { name: 'Lock' }).click()
    await signIn(page, nurse.username, nurse.starting)
    await expect.poll(() => h1(page).textContent()).toBe('Choose your own passphrase')
    await expectAccessible(page)
    await screenshot(page, 'first-sign-in-change')
    await page.getByLabel('Current passphrase').fill(nurse.starting)
    await page.getByLabel('New passphrase', { exact: true }).fill(nurse.own)
    await page.getByLabel('Type the new passphrase again').fill(nurse.own)
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
    expect(await page.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Backups', exact: true }).count()).toBe(0)

    await page.getByRole('button', { name: 'Lock' }).click()
    await signIn(page, nurse.username, nurse.starting)
    await page.getByText('The username or passphrase is not right.').first().waitFor()
    await signIn(page, nurse.username, nurse.own)
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
  })

  it('changes your own passphrase from Your account', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Your account', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Your account')
    await page.getByLabel('Current passphrase').fill('wrong current passphrase here')
    await page.getByLabel('New passphrase', { exact: true }).fill('a new and longer passphrase')
    await page.getByLabel('Type the new passphrase again').fill('a new and longer passphrase')
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await page.getByRole('link', { name: 'Your current passphrase is not right' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'account-change-error')
    await page.getByLabel('Current passphrase').fill(admin.passphrase)
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await page.getByRole('heading', { name: 'Passphrase changed' }).waitFor()
    await page.getByRole('button', { name: 'Lock' }).click()
    await signIn(page, admin.username, 'a new and longer passphrase')
    // Unlocking returns to the screen that was open.
    await expect.poll(() => h1(page).textContent()).toBe('Your account')
  })
})

describe('backups from the window', () => {
  it('saves a verified, encrypted backup where the dialog says, and says nothing happened when cancelled', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Backups', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Backups')
    await expectAccessible(page)
    app.bridge.dialogAnswers.backupDestination = null
    await page.getByRole('button', { name: 'Choose where to save a backup' }).click()
    await page.getByText('No backup was made').waitFor()

    const file = join(app.dataFolder, '..', 'evening.hbk')
    app.bridge.dialogAnswers.backupDestination = file
    await page.getByRole('button', { name: 'Choose where to save a backup' }).click()
    await page.getByRole('heading', { name: 'Backup saved and checked' }).waitFor()
    expect(await page.locator('code.path').first().textContent()).toBe(file)
    // The audit head, for a service lead to note down: entries and hash.
    expect(await page.locator('code.path').nth(1).textContent()).toMatch(/^\d+:[0-9a-f]{64}$/)
    expect(existsSync(file)).toBe(true)
    expect(readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3')
    await expectAccessible(page)
    await screenshot(page, 'backup-done')
  })
})

describe('screens for administrators only', () => {
  it('explains, rather than fails, when a clinician reaches an admin address', async () => {
    // The signed-in user becomes a clinician only, before the window first asks who is signed in.
    app = await openApp({
      prepare: (bridge) => {
        const user = bridge.vault.status().user
        if (!user) throw new Error('expected a signed-in administrator')
        // In the store too: a session follows the store's roles from its next request.
        bridge.vault.sqlite.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(['clinician']), user.id)
        bridge.vault.refreshSessionUser({ ...user, roles: ['clinician'] })
      }
    })
    const { page } = app
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(await page.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0)
    await page.goto(`${app.bridge.url}/index.html#/users`)
    await expect.poll(() => h1(page).textContent()).toBe('This screen is not available to you')
    await expectAccessible(page)
  })
})

describe('role catalogue', () => {
  it('lets an administrator add a role and retire one, and shows who holds each', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Role catalogue' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Role catalogue')
    await page
      .getByRole('row', { name: /Firearms/ })
      .first()
      .waitFor()
    await page.getByRole('button', { name: 'Add a role' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Roads Policing')
    await page.getByLabel('Screening interval in months').fill('twelve')
    await page.getByRole('button', { name: 'Save role' }).click()
    await page.getByRole('link', { name: 'Enter the interval as a whole number of months' }).waitFor()
    await page.getByLabel('Screening interval in months').fill('24')
    await page.getByLabel('Screening battery').fill('phq9, pcl5')
    await page.getByRole('button', { name: 'Save role' }).click()
    await page.getByRole('row', { name: /Roads Policing roads-policing Standard Every 24 months: phq9, pcl5 0/ }).waitFor()
    await page.getByRole('button', { name: 'Retire Custody' }).click()
    await page.getByRole('row', { name: /Custody Retired/ }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'role-catalogue')
  })
})

describe('disabling a user', () => {
  it('asks first in the app’s own dialog, then offers to rotate the store key, which old key files no longer open', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        const result = await createDispatcher(handlers)(
          'users:add',
          {
            username: 'tom.whitfield',
            displayName: 'Tom Whitfield',
            roles: ['clinician'],
            passphrase: 'a long starting passphrase for tom',
            confirmPassphrase: 'a long starting passphrase for tom'
          },
          { core: bridge.core, vault: bridge.vault }
        )
        if (!result.ok) throw new Error(result.error.message)
      }
    })
    const { page } = app
    await page.getByRole('link', { name: 'Users', exact: true }).click()
    await page.getByRole('button', { name: 'Disable Tom Whitfield' }).click()
    const confirm = page.getByRole('dialog', { name: 'Disable Tom Whitfield?' })
    await confirm.getByText('any session they have open ends at once').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'users-disable-confirm')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    expect(app.bridge.vault.sqlite.prepare("SELECT status FROM users WHERE username = 'tom.whitfield'").get()).toEqual({ status: 'active' })
    await page.getByRole('button', { name: 'Disable Tom Whitfield' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Disable Tom Whitfield' }).click()
    await page.getByRole('row', { name: /Tom Whitfield .*Disabled/ }).waitFor()
    const rotate = page.getByRole('region', { name: 'Rotate the store key' })
    // A complete explanation, not one that starts mid-thought ("But every backup…").
    const explanation = (await rotate.locator('p').first().textContent()) ?? ''
    expect(explanation).toMatch(
      /^Tom Whitfield can no longer sign in: their key slot has been removed\. Every backup is saved with a copy of the key file, though, and an old copy of that file still opens the store/
    )
    expect(await rotate.textContent()).not.toContain('But every backup')
    await screenshot(page, 'users-rotate-key-offer')
    await rotate.getByRole('button', { name: 'Rotate the store key now' }).click()
    await rotate.getByText('The store key was rotated').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'users-key-rotated')
  })
})

describe('screening rules', () => {
  it('lets an administrator add and remove RAG rules after confirming each change, but never the critical-item rule', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Screening rules' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Screening rules')
    const critical = page.getByRole('row', { name: /RED A critical item is positive/ })
    await critical.waitFor()
    expect(await critical.getByRole('button').count()).toBe(0)
    expect(await critical.textContent()).toContain('Always applied')
    await page.getByLabel('Total at least').fill('5')
    await page.getByRole('button', { name: 'Add rule' }).click()
    const confirm = page.getByRole('dialog', { name: 'Add the rule “PHQ-9 5 or more”?' })
    await confirm.getByText('a screening with PHQ-9 5 or more is marked amber').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'screening-rules-confirm')
    await confirm.getByRole('button', { name: 'Confirm the change' }).click()
    await page.getByRole('row', { name: /AMBER PHQ-9 5 or more PHQ-9 total 5 or more/ }).waitFor()
    // What amber leads to changes only with Save, and warns when it would lead nowhere.
    await page.getByLabel(/^Nothing: amber results/).check()
    await page.getByText('a result marked amber reaches no one').waitFor()
    expect(app.bridge.vault.sqlite.prepare("SELECT value FROM settings WHERE key = 'amberFollowUp'").get()).toBeUndefined()
    await screenshot(page, 'screening-rules-amber')
    await page.getByLabel(/^The same as red/).check()
    // Cancelling changes nothing.
    await page.getByRole('button', { name: 'Remove the rule PHQ-9 10 or more' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    await page
      .getByRole('row', { name: /PHQ-9 10 or more/ })
      .first()
      .waitFor()
    await page.getByRole('button', { name: 'Remove the rule PHQ-9 10 or more' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm the change' }).click()
    await expect.poll(() => page.getByRole('row', { name: /PHQ-9 10 or more/ }).count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'screening-rules')
    const rules = JSON.parse(
      (app.bridge.vault.sqlite.prepare("SELECT value FROM settings WHERE key = 'ragRules'").get() as { value: string }).value
    ) as { id: string }[]
    expect(rules.some((r) => r.id === 'phq9-amber-5')).toBe(true)
    expect(rules.some((r) => r.id === 'phq9-cutoff')).toBe(false)
  })
})
