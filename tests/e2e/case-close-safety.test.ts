import { afterEach, describe, expect, it } from 'vitest'
import { type AppUnderTest, expectAccessible, h1, openApp, screenshot } from './harness'
import { aCaseWithTasks, ids } from './seed-team'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('closing a case with open safety work', () => {
  it('lists the work in the app’s own dialog and closes only on confirmation, keeping the alert open', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page } = app
    const sqlite = app.bridge.vault.sqlite
    const caseStatus = () => (sqlite.prepare('SELECT status FROM cases WHERE id = ?').get(ids.caseId) as { status: string }).status
    await page.goto(`${app.bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    const card = page.getByRole('article', { name: 'Post-incident' })
    await card.getByRole('button', { name: 'Close this case' }).click()
    await card.getByLabel('Closure outcome').fill('Back to full duties')
    await card.getByRole('button', { name: 'Close case today' }).click()

    const dialog = page.getByRole('dialog', { name: 'This case has open safety work' })
    await dialog.waitFor()
    const work = dialog.getByRole('list', { name: 'Safety work that stays open' })
    expect(await work.textContent()).toContain('Safety alert not yet acknowledged: PHQ-9 item 9')
    expect(await dialog.textContent()).toContain('Closing the case does not close this work')
    expect(caseStatus()).toBe('open')
    await expectAccessible(page)
    await screenshot(page, 'case-close-safety-dialog')

    // Keeping it open changes nothing.
    await dialog.getByRole('button', { name: 'Keep the case open' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(caseStatus()).toBe('open')

    await card.getByRole('button', { name: 'Close case today' }).click()
    await dialog.getByRole('button', { name: 'Close the case, keeping the safety work open' }).click()
    await expect.poll(caseStatus).toBe('closed')
    expect((sqlite.prepare("SELECT COUNT(*) AS n FROM alerts WHERE status = 'open'").get() as { n: number }).n).toBe(1)
    await page
      .getByRole('button', { name: /^Record the action taken/ })
      .first()
      .waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'There is a problem' }).count()).toBe(0)
    await screenshot(page, 'case-close-safety-closed')
  })
})
