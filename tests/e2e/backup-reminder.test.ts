import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { admin } from '../fixtures/store'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

const day = 86_400_000
const start = new Date('2026-11-20T10:00:00Z')

/** A store whose last backup was made ten days before the window opens. */
async function appWithOldBackup(): Promise<AppUnderTest> {
  return openApp({
    clock: () => start,
    prepare: async (bridge, dataFolder) => {
      bridge.dialogAnswers.backupDestination = join(dataFolder, '..', 'old.hbk')
      await must(bridge, 'backup:create', {})
      bridge.advanceClock(10 * day)
      bridge.vault.lock('manual')
      await bridge.vault.unlock(admin.username, admin.passphrase)
    }
  })
}

describe('the backup reminder', () => {
  it('shows an administrator how long since the last backup, and goes once a backup is made', async () => {
    app = await appWithOldBackup()
    const { page } = app
    const reminder = page.getByRole('heading', { name: 'No backup for 10 days — make one now' })
    await reminder.waitFor()
    await expectAccessible(page)
    await screenshot(page, 'backup-reminder-home')

    await page.getByRole('link', { name: 'Make a backup', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Backups')
    await reminder.waitFor()
    app.bridge.dialogAnswers.backupDestination = join(app.dataFolder, '..', 'today.hbk')
    await page.getByRole('button', { name: 'Choose where to save a backup' }).click()
    await page.getByRole('heading', { name: 'Backup saved and checked' }).waitFor()
    await expect.poll(() => reminder.count()).toBe(0)
    await page.getByText('The last backup was made on 30 Nov 2026.').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'backup-reminder-gone')

    await page.getByRole('link', { name: 'My caseload', exact: true }).click()
    await page.getByRole('heading', { name: 'My caseload', level: 2 }).waitFor()
    expect(await reminder.count()).toBe(0)
  })

  it('is dismissed for the day, and the automatic backup settings refuse a folder in words', async () => {
    app = await appWithOldBackup()
    const { page } = app
    await page.getByRole('link', { name: 'Make a backup', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Backups')
    await page.getByRole('button', { name: 'Remind me tomorrow' }).click()
    await expect.poll(() => page.getByRole('heading', { name: /^No backup for/ }).count()).toBe(0)

    await page.getByLabel('Folder for automatic backups').fill(app.dataFolder)
    await page.getByLabel('Automatic backups to keep').fill('3')
    await page.getByRole('button', { name: 'Save automatic backup settings' }).click()
    await page.getByRole('heading', { name: 'The settings were not saved' }).waitFor()
    await page.getByText('Choose a folder outside Harbour’s data folder').first().waitFor()
    await expectAccessible(page)
    await screenshot(page, 'backup-automatic-settings-refused')

    await page.getByLabel('Folder for automatic backups').fill('')
    await page.getByRole('button', { name: 'Save automatic backup settings' }).click()
    await page.getByText('Automatic backup settings saved.').waitFor()
    expect(await page.getByLabel('Automatic backups to keep').inputValue()).toBe('3')
  })
})
