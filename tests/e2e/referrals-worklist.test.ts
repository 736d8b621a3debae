import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { todayInLondon } from '../../shared/calendar-date'
import type { Bridge } from '../bridge/server'
import { personFields } from '../fixtures/caseload'
import { gad7, phq9 } from '../fixtures/referrals'
import { admin } from '../fixtures/store'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, screenshotFolder } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

const day = 86_400_000

async function person(bridge: Bridge, staffNumber: string, givenName: string, familyName: string): Promise<string> {
  return (await must<{ id: string }>(bridge, 'people:create', personFields({ staffNumber, givenName, familyName }))).id
}

/** Drafts, consents and sends a referral today by the core's clock. */
async function sendReferral(bridge: Bridge, personId: string, caseId: string | null, destinationId: string): Promise<string> {
  const made = await must<{ id: string }>(bridge, 'referrals:create', {
    personId,
    caseId,
    destinationId,
    reason: 'Low mood since a fatal collision',
    urgency: 'routine'
  })
  const today = todayInLondon(bridge.core.clock())
  await must(bridge, 'referrals:recordConsent', { referralId: made.id, scope: 'Scores and the reason', givenOn: today })
  await must(bridge, 'referrals:recordStep', { referralId: made.id, status: 'sent', happenedOn: today })
  return made.id
}

/** Days pass by the core's clock; the user signs in again then. */
async function later(bridge: Bridge, days: number) {
  bridge.advanceClock(days * day)
  bridge.vault.lock('manual')
  await bridge.vault.unlock(admin.username, admin.passphrase)
}

const openCase = (bridge: Bridge, personId: string) =>
  must<{ id: string }>(bridge, 'cases:open', { personId, reason: 'self-referral', priority: 'routine', nextReviewDate: null })

const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name }) })

describe('the Referrals worklist', () => {
  it('shows a breached referral first, tags its case on the caseload, filters to breaches, and leads to the person', async () => {
    let joId = ''
    app = await openApp({
      prepare: async (bridge) => {
        joId = await person(bridge, 'PC4242', 'Jo', 'Reyes')
        const amir = await person(bridge, 'PC4343', 'Amir', 'Khan')
        const joCase = await openCase(bridge, joId)
        await openCase(bridge, amir)
        await sendReferral(bridge, joId, joCase.id, 'nhs-talking-therapies')
        await later(bridge, 50)
        await sendReferral(bridge, amir, null, 'gp')
      }
    })
    const { page } = app

    // The caseload: Jo's case carries the breach tag, Amir's does not.
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    const joRow = rowOf(page, 'Reyes, Jo')
    await joRow.waitFor()
    expect(await joRow.locator('.tag').allTextContents()).toContain('Referral over 6 weeks')
    expect(await rowOf(page, 'Khan, Amir').textContent()).not.toContain('Referral over')
    await joRow.scrollIntoViewIfNeeded()
    await screenshot(page, 'caseload-referral-breach')

    // The worklist, from the navigation.
    await page.getByRole('link', { name: 'Referrals', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Referrals')
    const table = page.getByRole('table')
    await table.waitFor()
    expect(await table.locator('caption').textContent()).toBe('2 open referrals')
    const rows = await table.getByRole('row').allTextContents()
    expect(rows).toHaveLength(3)
    expect(rows[1]).toMatch(/^Reyes, JoPC4242NHS Talking TherapiesSent.*50 days Over 6 weeks50 days agoAlex Morgan$/)
    expect(rows[2]).toMatch(/^Khan, AmirPC4343GPSent.*0 daysTodayNo case$/)
    await expectAccessible(page)
    await screenshot(page, 'referrals-worklist')
    await table.screenshot({ path: join(screenshotFolder, 'referrals-worklist-table.png') })

    // Breaches only.
    await page.getByLabel('Past 6 or 18 weeks only').check()
    await expect.poll(() => table.locator('caption').textContent()).toBe('1 open referral')
    expect(await table.getByRole('link').allTextContents()).toEqual(['Reyes, Jo'])

    // Each row leads to the person.
    await table.getByRole('link', { name: 'Reyes, Jo' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Jo Reyes')
    expect(page.url()).toContain(`#/people/${joId}`)
  })

  it('says so plainly when there are no open referrals', async () => {
    app = await openApp()
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/referrals`)
    await expect.poll(() => h1(page).textContent()).toBe('Referrals')
    await page.getByText('You have no open referrals.').waitFor()
    await page.getByRole('button', { name: 'All I can see' }).click()
    await page.getByText('There are no open referrals.').waitFor()
    await expectAccessible(page)
  })
})

describe('the outcome of a completed referral', () => {
  it('is shown with the scores before and after once the referral is recorded as completed', async () => {
    let referralDay = ''
    let joId = ''
    app = await openApp({
      prepare: async (bridge) => {
        const jo = await person(bridge, 'PC4242', 'Jo', 'Reyes')
        joId = jo
        referralDay = todayInLondon(bridge.core.clock())
        await must(bridge, 'screening:save', {
          personId: jo,
          sittingDate: referralDay,
          mode: 'clinician-entered',
          results: [phq9(15), gad7(11)]
        })
        const referral = await sendReferral(bridge, jo, null, 'nhs-talking-therapies')
        await must(bridge, 'referrals:recordStep', { referralId: referral, status: 'assessed', happenedOn: referralDay })
        await must(bridge, 'referrals:recordStep', { referralId: referral, status: 'treatment-started', happenedOn: referralDay })
        await later(bridge, 60)
        const end = todayInLondon(bridge.core.clock())
        await must(bridge, 'screening:save', { personId: jo, sittingDate: end, mode: 'clinician-entered', results: [phq9(4), gad7(3)] })
      }
    })
    const { page: window } = app
    await window.goto(`${app.bridge.url}/index.html#/people/${joId}`)
    await expect.poll(() => h1(window).textContent()).toBe('Jo Reyes')
    const card = window.getByRole('region', { name: 'Referrals' }).getByRole('article', { name: 'NHS Talking Therapies' })
    await card.waitFor()
    expect(await card.getByRole('heading', { name: 'Outcome' }).count()).toBe(0)

    // Completed today by the core's clock, entered in the step form.
    const end = todayInLondon(app.bridge.core.clock())
    const step = card.getByRole('form', { name: 'Record what happened' })
    await step.getByLabel('What happened').selectOption({ label: 'Completed' })
    await step.getByLabel('Day').fill(String(Number(end.slice(8))))
    await step.getByLabel('Month').fill(String(Number(end.slice(5, 7))))
    await step.getByLabel('Year').fill(end.slice(0, 4))
    await step.getByRole('button', { name: 'Record' }).click()

    const outcome = card.getByRole('region', { name: 'Outcome' })
    await outcome.waitFor()
    expect(await outcome.locator('p strong').textContent()).toBe('Reliable recovery')
    const rows = await outcome.getByRole('row').allTextContents()
    expect(rows.slice(1).map((row) => row.replace(/\d{1,2} \w{3} \d{4}/g, 'DATE'))).toEqual([
      'PHQ-915 (DATE)4 (DATE)',
      'GAD-711 (DATE)3 (DATE)'
    ])
    await expectAccessible(window)
    await outcome.scrollIntoViewIfNeeded()
    await card.screenshot({ path: join(screenshotFolder, 'referrals-outcome.png') })
  })
})

describe('the chase setting', () => {
  it('is on the Settings screen for administrators, refuses a number out of range at the field, and saves a good one', async () => {
    app = await openApp()
    const { page, bridge } = app
    await page.goto(`${bridge.url}/index.html#/settings`)
    const section = page.getByRole('region', { name: 'Referrals' })
    const field = section.getByLabel('Chase a referral after this many days without an update')
    await field.waitFor()
    expect(await field.inputValue()).toBe('14')

    await field.fill('0')
    await section.getByRole('button', { name: 'Save' }).click()
    const atField = section.locator('.form-group--error')
    await expect
      .poll(() => atField.locator('.error-message').textContent())
      .toBe('Error: Days before a referral is chased must be 1 or more')
    const stored = () => bridge.vault.sqlite.prepare(`SELECT value FROM settings WHERE key = 'referralChaseDays'`).get()
    expect(stored()).toBeUndefined()
    await expectAccessible(page)

    await field.fill('21')
    await section.getByRole('button', { name: 'Save' }).click()
    await section.getByText('Referrals are now chased after 21 days without an update.').waitFor()
    expect(stored()).toEqual({ value: '21' })
    expect(await atField.count()).toBe(0)
    await section.screenshot({ path: join(screenshotFolder, 'settings-referral-chase.png') })
  })
})
