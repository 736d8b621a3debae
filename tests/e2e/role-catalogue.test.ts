import { afterEach, describe, expect, it } from 'vitest'
import { personFields } from '../fixtures/caseload'
import { expectAccessible, h1, must, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('roles exposed to traumatic content', () => {
  it('recalls a flagged role, takes its people off the list when unflagged, and sets the force’s interval with errors at the field', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await must(
          bridge,
          'people:create',
          personFields({ staffNumber: 'PR1', givenName: 'Nia', familyName: 'Press', roleId: 'communications-press' })
        )
        await must(
          bridge,
          'people:create',
          personFields({ staffNumber: 'NB1', givenName: 'Ola', familyName: 'Beat', roleId: 'neighbourhood' })
        )
      }
    })
    const { page } = app
    const recall = page.getByRole('table').filter({ hasText: 'Last screened' })
    const openRecall = async () => {
      await page.getByRole('link', { name: 'Screening recall' }).click()
      await expect.poll(() => h1(page).textContent()).toBe('Screening recall')
    }
    await openRecall()
    await recall.getByRole('row', { name: /Press, Nia PR1 Communications\/press every 12 months/ }).waitFor()
    expect(await recall.textContent()).not.toContain('Beat, Ola')

    await page.getByRole('link', { name: 'Role catalogue' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Role catalogue')
    await page
      .getByRole('row', { name: /Communications\/press communications-press Elevated Every 12 months: no battery set Traumatic content 1/ })
      .waitFor()
    await expectAccessible(page)
    await screenshot(page, 'role-catalogue-traumatic-content')

    await page.getByRole('button', { name: 'Edit Communications/press' }).click()
    const flag = page.getByLabel('People in this role are exposed to traumatic content')
    expect(await flag.isChecked()).toBe(true)
    await flag.uncheck()
    await screenshot(page, 'role-catalogue-traumatic-content-edit')
    await page.getByRole('button', { name: 'Save role' }).click()
    await page.getByRole('row', { name: /Communications\/press communications-press Elevated Not recalled 1/ }).waitFor()
    expect(await page.getByRole('row', { name: /Communications\/press/ }).textContent()).not.toContain('Traumatic content')
    await openRecall()
    // Nobody else is recalled in the next 30 days, so the list empties.
    await page.locator('.empty').waitFor()
    expect(await page.getByRole('main').textContent()).not.toContain('Press, Nia')

    await page.getByRole('link', { name: 'Role catalogue' }).click()
    await page.getByRole('button', { name: 'Edit Communications/press' }).click()
    await page.getByLabel('People in this role are exposed to traumatic content').check()
    await page.getByRole('button', { name: 'Save role' }).click()
    await page.getByRole('row', { name: /Communications\/press .* Every 12 months/ }).waitFor()

    const interval = page.getByLabel('Recall interval for roles exposed to traumatic content, in months')
    await interval.fill('61')
    await page.getByRole('button', { name: 'Save recall interval' }).click()
    await page.getByRole('link', { name: 'Recall interval must be 60 months or fewer' }).waitFor()
    expect(await interval.getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(page)
    await screenshot(page, 'role-catalogue-traumatic-content-error')
    // Refused, so the roles still show the interval they had.
    await page.getByRole('row', { name: /Communications\/press .* Every 12 months/ }).waitFor()
    await interval.fill('6')
    await page.getByRole('button', { name: 'Save recall interval' }).click()
    await page.getByText('are now recalled every 6 months').waitFor()
    await page.getByRole('row', { name: /Communications\/press .* Every 6 months/ }).waitFor()
    // A role with its own interval keeps it.
    await page.getByRole('row', { name: /^Firearms firearms High Every 12 months/ }).waitFor()
    await openRecall()
    await recall.getByRole('row', { name: /Press, Nia PR1 Communications\/press every 6 months/ }).waitFor()
  })
})
