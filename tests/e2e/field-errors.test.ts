import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot } from './harness'

let app: AppUnderTest | null = null
let personId = ''
let caseId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

async function withOpenCase() {
  return openApp({
    prepare: async (bridge) => {
      personId = (
        await must<{ id: string }>(bridge, 'people:create', {
          staffNumber: 'PC5150',
          title: 'PC',
          givenName: 'Tom',
          familyName: 'Hale',
          preferredName: null,
          dateOfBirth: '1990-06-01',
          employmentType: 'police-officer',
          roleId: 'response',
          department: null,
          lineManager: null,
          email: null,
          phone: null,
          startDate: null,
          leavingDate: null,
          restricted: false,
          namedClinicianIds: [],
          adjustments: null
        })
      ).id
      caseId = (
        await must<{ id: string }>(bridge, 'cases:open', { personId, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
      ).id
    }
  })
}

async function fillDate(page: Page, id: string, day: string, month: string, year: string) {
  await page.locator(`[id="${id}"]`).fill(day)
  await page.locator(`[id="${id}-month"]`).fill(month)
  await page.locator(`[id="${id}-year"]`).fill(year)
}

/** Every word on screen, to prove no internal field name reached it. */
const screenText = (page: Page) => page.locator('body').innerText()

describe('a refusal from the backend', () => {
  it('is shown at its field under the field’s own label, with a summary link that focuses it, and clears on the next action', async () => {
    app = await withOpenCase()
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${personId}`)
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    const prefix = `case-${caseId.slice(0, 8)}`
    const card = page.getByRole('article', { name: 'Self-referral' })

    // Nothing typed: the core refuses the task (the panel has no checks of its own).
    await card.getByRole('button', { name: 'Add task' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter what needs doing', 'Enter a real date'])
    const text = await screenText(page)
    expect(text).not.toMatch(/dueDate|Check these fields|That was not saved/)
    // At the field, under its label.
    const due = page.locator('.form-group--error', { has: page.locator('legend', { hasText: /^Due$/ }) })
    expect(await due.locator('.error-message').textContent()).toBe('Error: Enter a real date')
    expect(await page.locator(`[id="${prefix}-task-title"]`).getAttribute('aria-invalid')).toBe('true')
    await summary.getByRole('link', { name: 'Enter a real date' }).click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`${prefix}-task-due`)
    await expectAccessible(page)
    await screenshot(page, 'case-task-refused')

    // Editing clears it.
    await card.getByLabel('What needs doing').fill('Chase GP letter')
    await summary.waitFor({ state: 'detached' })
    expect(await page.locator('.error-message').count()).toBe(0)

    // Closing with no outcome: its own field, by label.
    await card.getByRole('button', { name: 'Close this case' }).click()
    await card.getByRole('button', { name: 'Close case today' }).click()
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter the closure outcome'])
    expect(await page.locator(`[id="${prefix}-outcome-error"]`).textContent()).toBe('Error: Enter the closure outcome')
    expect(await screenText(page)).not.toMatch(/outcome\b.*:|closedOn/)
    await screenshot(page, 'case-close-refused')

    // A later action that succeeds leaves no old refusal on screen.
    const week = new Date(Date.now() + 7 * 86_400_000)
    await fillDate(page, `${prefix}-review`, String(week.getUTCDate()), String(week.getUTCMonth() + 1), String(week.getUTCFullYear()))
    await summary.waitFor({ state: 'detached' })
    await card.getByRole('button', { name: 'Set review date' }).click()
    await card.getByText('Case review', { exact: true }).first().waitFor()
    expect(await summary.count()).toBe(0)

    // And a second refusal comes back on the next failed action.
    await fillDate(page, `${prefix}-task-due`, '31', '2', '2027')
    await card.getByRole('button', { name: 'Add task' }).click()
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter a real date'])
    await fillDate(page, `${prefix}-task-due`, '1', '3', '2027')
    await card.getByRole('button', { name: 'Add task' }).click()
    await card.getByText('Chase GP letter', { exact: true }).first().waitFor()
    expect(await summary.count()).toBe(0)
  })

  it('in a form with its own checks, goes to the field it names and clears when that field is edited', async () => {
    app = await withOpenCase()
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/new`)
    await expect.poll(() => h1(page).textContent()).toBe('Add a person')
    // The same staff number as Tom Hale: only the core knows it is taken.
    await page.getByLabel('Staff or collar number').fill('PC5150')
    await page.getByLabel('Given name').fill('Ann')
    await page.getByLabel('Family name', { exact: true }).fill('Other')
    await page.getByRole('button', { name: 'Add person' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Someone already has that staff number'])
    await summary.getByRole('link').click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('person-staffNumber')
    expect(await page.locator('#person-staffNumber-error').textContent()).toBe(
      'Error: Someone already has that staff number Open their record'
    )
    await page.getByLabel('Staff or collar number').fill('PC5151')
    await summary.waitFor({ state: 'detached' })
    expect(await page.locator('#person-staffNumber-error').count()).toBe(0)
  })
})
