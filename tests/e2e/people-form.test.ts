import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { nurse, personFields } from '../fixtures/caseload'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot } from './harness'

let app: AppUnderTest | null = null
let holderId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

const tom = personFields({ staffNumber: 'PC5150', givenName: 'Tom', familyName: 'Hale', dateOfBirth: '1990-06-01', roleId: 'response' })

/** Tom Hale holds PC5150; restricted to another clinician, the signed-in administrator may not see him. */
async function withHolder(hidden: boolean) {
  return openApp({
    prepare: async (bridge) => {
      holderId = (await must<{ id: string }>(bridge, 'people:create', { ...tom, restricted: hidden })).id
      if (!hidden) return
      const other = await must<{ id: string }>(bridge, 'users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
      bridge.vault.sqlite.prepare('DELETE FROM person_access WHERE person_id = ?').run(holderId)
      bridge.vault.sqlite.prepare('INSERT INTO person_access (person_id, user_id) VALUES (?, ?)').run(holderId, other.id)
    }
  })
}

async function fillDate(page: Page, id: string, day: string, month: string, year: string) {
  await page.locator(`[id="${id}"]`).fill(day)
  await page.locator(`[id="${id}-month"]`).fill(month)
  await page.locator(`[id="${id}-year"]`).fill(year)
}

/** A form with a format problem, a staff number in use and three dates that cannot be right. */
async function fillEverythingWrong(page: Page) {
  await page.goto(`${app?.bridge.url}/index.html#/people/new`)
  await expect.poll(() => h1(page).textContent()).toBe('Add a person')
  await page.getByLabel('Staff or collar number').fill('PC5150')
  await page.getByLabel('Given name').fill('Ann')
  await page.getByLabel('Work email (optional)').fill('not-an-email')
  await fillDate(page, 'person-dateOfBirth', '1', '1', '2090')
  await fillDate(page, 'person-startDate', '1', '1', '2020')
  await fillDate(page, 'person-leavingDate', '1', '1', '2019')
  await page.getByRole('button', { name: 'Add person' }).click()
}

const peopleCount = () => app?.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()
const errorAt = (page: Page, id: string) => page.locator(`[id="${id}-error"]`).textContent()

describe('adding a person', () => {
  it('shows every problem at once, each at its field and in the summary, and links to the record that has the staff number', async () => {
    app = await withHolder(false)
    const { page } = app
    await fillEverythingWrong(page)
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await expect
      .poll(() => summary.getByRole('link').allTextContents())
      .toEqual([
        'Someone already has that staff number',
        'Enter the family name',
        'Date of birth must be in the past',
        'Enter an email address like name@force.police.uk',
        'Start date must be on or after their 16th birthday',
        'Leaving date must be on or after the start date'
      ])
    expect(await errorAt(page, 'person-staffNumber')).toBe('Error: Someone already has that staff number Open their record')
    expect(await errorAt(page, 'person-familyName')).toBe('Error: Enter the family name')
    expect(await errorAt(page, 'person-startDate')).toBe('Error: Start date must be on or after their 16th birthday')
    expect(await errorAt(page, 'person-leavingDate')).toBe('Error: Leaving date must be on or after the start date')
    expect(peopleCount()).toEqual({ n: 1 })
    await expectAccessible(page)
    await screenshot(page, 'add-person-every-problem')
    // Leaving asks first, as it does from any form with unsaved work.
    await page.getByRole('link', { name: 'Open their record' }).click()
    await page.getByRole('dialog', { name: 'Leave this page?' }).getByRole('button', { name: 'Leave this page' }).click()
    await expect.poll(() => page.url()).toContain(`#/people/${holderId}`)
  })

  it('says the staff number is taken without a link or a name when the holder is not the user’s to see', async () => {
    app = await withHolder(true)
    const { page } = app
    await fillEverythingWrong(page)
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await expect.poll(() => summary.getByRole('link').first().textContent()).toBe('Someone already has that staff number')
    expect(await errorAt(page, 'person-staffNumber')).toBe('Error: Someone already has that staff number')
    expect(await page.getByRole('link', { name: 'Open their record' }).count()).toBe(0)
    const html = await page.content()
    for (const secret of [holderId, 'Hale']) expect(html).not.toContain(secret)
    expect(peopleCount()).toEqual({ n: 1 })
    await screenshot(page, 'add-person-hidden-holder')
  })
})

describe('the force role on Add a person', () => {
  it('says a person whose role is not known will not be recalled for screening', async () => {
    app = await withHolder(false)
    await app.page.goto(`${app.bridge.url}/index.html#/people/new`)
    await expect.poll(() => h1(app?.page as Page).textContent()).toBe('Add a person')
    const role = app.page.getByLabel('Force role')
    await expect.poll(() => role.getAttribute('aria-describedby')).toBeTruthy()
    const hint = app.page.locator(`#${(await role.getAttribute('aria-describedby'))?.split(' ')[0] ?? ''}`)
    expect(await hint.textContent()).toBe(
      'The role decides when they are called for screening: someone whose role is not known is not recalled.'
    )
  })
})
