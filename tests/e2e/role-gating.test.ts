import { afterEach, describe, expect, it } from 'vitest'
import type { Role } from '../../shared/contract/session'
import { expectAccessible, h1, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

/** Opens Harbour with the signed-in user holding only these roles, in the store and the session. */
async function openAs(roles: Role[]) {
  app = await openApp({
    prepare: (bridge) => {
      const user = bridge.vault.status().user
      if (!user) throw new Error('expected a signed-in administrator')
      bridge.vault.sqlite.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(roles), user.id)
      bridge.vault.refreshSessionUser({ ...user, roles })
    }
  })
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your account' }).waitFor()
  return app
}

describe('the people import screen', () => {
  it('is not offered to, and explains itself to, someone who may not import people', async () => {
    const { page, bridge } = await openAs(['trim'])
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.getByRole('link', { name: 'Import people' }).count()).toBe(0)
    await page.goto(`${bridge.url}/index.html#/import`)
    await expect.poll(() => h1(page).textContent()).toBe('This screen is not available to you')
    await page.getByText('Only users with the Administrator or Clinician role can use it.').waitFor()
    // Nothing of the import screen is shown: no file to choose.
    expect(await page.getByRole('button', { name: /choose/i }).count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'import-not-available')
  })

  it('is offered to a clinician, who reaches it by its address too', async () => {
    const { page, bridge } = await openAs(['clinician'])
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import people' }).waitFor()
    await page.goto(`${bridge.url}/index.html#/import`)
    await expect.poll(() => h1(page).textContent()).toBe('Import people')
  })
})
