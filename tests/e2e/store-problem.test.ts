import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupTo } from '../../electron/core/services/backup'
import { addUser } from '../../electron/core/services/users'
import { admin } from '../fixtures/store'
import { expectAccessible, h1, openApp, screenshot, signIn, type AppUnderTest } from './harness'
import { callAs } from '../fixtures/core-context'

let app: AppUnderTest | null = null
const nurse = { username: 'ward.nurse', displayName: 'Sam Lee', roles: ['clinician' as const], passphrase: 'a clinician’s own passphrase' }

afterEach(async () => {
  await app?.close()
  app = null
})

describe('a damaged store', () => {
  it('is explained, kept as it is, and replaced from a backup in the window', async () => {
    let damaged = Buffer.alloc(0)
    app = await openApp({
      prepare: async (bridge, dataFolder) => {
        const backup = join(dataFolder, '..', 'friday.hbk')
        const user = bridge.vault.status().user
        if (!user) throw new Error('expected a signed-in administrator')
        await addUser(callAs(bridge), nurse)
        backupTo(bridge.vault, bridge.core, backup, user.id)
        bridge.vault.lock('manual')
        const database = join(dataFolder, 'harbour.db')
        damaged = readFileSync(database)
        damaged.fill(0x41, 0, 2048)
        writeFileSync(database, damaged)
        bridge.dialogAnswers.backupToRestore = backup
      }
    })
    const { page } = app
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => h1(page).textContent()).toBe('Harbour cannot open its records')
    expect(await page.getByText('Harbour has not changed or deleted anything.').isVisible()).toBe(true)
    await expectAccessible(page)
    await screenshot(page, 'store-problem')

    // A clinician's own, correct, username and passphrase do not restore anything.
    await page.getByLabel('Administrator’s username', { exact: true }).fill(nurse.username)
    await page.getByLabel('Administrator’s passphrase', { exact: true }).fill(nurse.passphrase)
    await page.getByRole('button', { name: 'Choose a backup and restore it' }).click()
    await page.getByText('Only an administrator can restore a backup.').waitFor()
    expect(readFileSync(join(app.dataFolder, 'harbour.db')).equals(damaged)).toBe(true)

    await page.getByLabel('Administrator’s username', { exact: true }).fill(admin.username)
    await page.getByLabel('Administrator’s passphrase', { exact: true }).fill('not the right passphrase')
    await page.getByRole('button', { name: 'Choose a backup and restore it' }).click()
    await page.getByText('The username or passphrase is not right.').waitFor()
    await page.getByLabel('Administrator’s passphrase', { exact: true }).fill(admin.passphrase)
    await page.getByRole('button', { name: 'Choose a backup and restore it' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('The backup has been restored')
    const aside = readdirSync(app.dataFolder).find((name) => name.startsWith('harbour.db-before-restore-'))
    expect(aside && readFileSync(join(app.dataFolder, aside)).equals(damaged)).toBe(true)

    await page.getByRole('button', { name: 'Sign in' }).click()
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good /)
  })
})
