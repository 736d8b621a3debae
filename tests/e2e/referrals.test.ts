import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import type { Bridge } from '../bridge/server'
import { personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, screenshotFolder } from './harness'

let app: AppUnderTest | null = null
let personId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

const day = 86_400_000

async function aPerson(bridge: Bridge): Promise<string> {
  personId = (
    await must<{ id: string }>(
      bridge,
      'people:create',
      personFields({ staffNumber: 'PC4242', givenName: 'Jo', familyName: 'Reyes', dateOfBirth: '1991-04-10', roleId: 'response' })
    )
  ).id
  return personId
}

async function openPerson(page: Page, url: string) {
  await page.goto(`${url}/index.html#/people/${personId}`)
  await expect.poll(() => h1(page).textContent()).toBe('Jo Reyes')
}

const referrals = (page: Page) => page.getByRole('region', { name: 'Referrals' })
const statusTag = (card: Locator) => card.locator('.case__header .tag').first()

describe('referrals on the person page', () => {
  it('makes a referral, refuses to send it without consent (nothing changes), then records consent, sent and assessed', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aPerson(bridge)
        await must(bridge, 'cases:open', { personId, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
      }
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const section = referrals(page)
    await section.getByText('No referrals').waitFor()

    await section.getByRole('button', { name: 'Make a referral' }).click()
    const form = section.getByRole('region', { name: 'Make a referral' })
    // Nothing chosen: refused at the fields, by their labels.
    await form.getByRole('button', { name: 'Save referral' }).click()
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor()
    expect(await form.locator('.form-group--error').count()).toBeGreaterThanOrEqual(2)
    await form.getByLabel('Where the referral goes').selectOption({ label: 'NHS Talking Therapies' })
    await form.getByLabel('Reason').fill('Low mood and poor sleep since a fatal collision; PHQ-9 15.')
    await form.getByLabel('Urgent').check()
    // The person's only open case is already chosen, and the hint says so.
    const caseField = form.getByLabel('Case (optional)')
    await expect
      .poll(() => caseField.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent))
      .toBe(`Self-referral, opened ${formatCalendarDate(todayInLondon(new Date()))}`)
    expect(await form.getByText('Their only open case is chosen.', { exact: false }).count()).toBe(1)
    await form.screenshot({ path: join(screenshotFolder, 'referrals-form-case-suggested.png') })
    await form.getByRole('button', { name: 'Save referral' }).click()

    const saved = section.getByRole('status').filter({ hasText: 'Referral saved' })
    await saved.waitFor()
    expect(await saved.textContent()).toContain('Referral to NHS Talking Therapies saved as drafted')
    expect(await section.getByText('No referrals').count()).toBe(0)
    const card = section.getByRole('article', { name: 'NHS Talking Therapies' })
    expect(await statusTag(card).textContent()).toBe('Drafted')
    expect(await card.textContent()).toMatch(/Urgent.*Not sent yet/)
    expect(await card.textContent()).toContain('Low mood and poor sleep')
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM referrals WHERE case_id IS NOT NULL').get()).toEqual({ n: 1 })

    // Sending without consent: the core's message at "What happened", and nothing changes.
    const step = card.getByRole('form', { name: 'Record what happened' })
    expect(await step.getByLabel('What happened').locator('option').allTextContents()).toEqual([
      'Choose what happened',
      'Sent',
      'Withdrawn'
    ])
    await step.getByLabel('What happened').selectOption({ label: 'Sent' })
    await step.getByRole('button', { name: 'Record' }).click()
    const refusal = "Record the person's consent to share with NHS Talking Therapies before sending"
    const atField = step.locator('.form-group--error', { has: page.locator('label', { hasText: 'What happened' }) })
    await expect.poll(() => atField.locator('.error-message').textContent()).toBe(`Error: ${refusal}`)
    expect(await step.getByRole('alert').getByRole('link').allTextContents()).toEqual([refusal])
    expect(await statusTag(card).textContent()).toBe('Drafted')
    expect(await card.getByRole('table').getByRole('row').count()).toBe(2)
    const stored = () => app?.bridge.vault.sqlite.prepare('SELECT status, referred_on FROM referrals').all()
    expect(stored()).toEqual([{ status: 'drafted', referred_on: null }])
    await expectAccessible(page)
    await screenshot(page, 'referrals-send-refused')
    await card.screenshot({ path: join(screenshotFolder, 'referrals-card-send-refused.png') })

    // Consent, then sent.
    const consent = card.getByRole('form', { name: 'Record consent to share' })
    await consent
      .getByLabel('What may be shared')
      .fill('PHQ-9 and GAD-7 results and the reason for referral, with NHS Talking Therapies only.')
    await consent.getByRole('button', { name: 'Record consent' }).click()
    await card.getByRole('status').filter({ hasText: 'Consent to share recorded' }).waitFor()
    expect(await card.getByRole('form', { name: 'Record consent to share' }).count()).toBe(0)
    expect(await saved.count()).toBe(0)
    expect(await card.textContent()).toContain(
      `Given ${formatCalendarDate(todayInLondon(new Date()))}: PHQ-9 and GAD-7 results and the reason for referral`
    )

    const today = todayInLondon(new Date())
    await step.getByLabel('What happened').selectOption({ label: 'Sent' })
    await step.getByRole('button', { name: 'Record' }).click()
    await expect.poll(() => statusTag(card).textContent()).toBe('Sent')
    expect(await card.getByRole('status').textContent()).toContain('The referral is now sent')
    expect(await card.textContent()).toContain('Waiting 0 days')
    expect(await card.locator('.warning-text').count()).toBe(0)
    expect(await step.getByLabel('What happened').locator('option').allTextContents()).toEqual([
      'Choose what happened',
      'Acknowledged by the service',
      'Assessed',
      'Declined',
      'Did not attend',
      'Withdrawn'
    ])

    // A date in the future: the core's refusal at "Date it happened", and nothing changes.
    const [year, month, dayOfMonth] = todayInLondon(new Date(Date.now() + 2 * day)).split('-')
    await step.getByLabel('What happened').selectOption({ label: 'Assessed' })
    await step.getByLabel('Day').fill(String(Number(dayOfMonth)))
    await step.getByLabel('Month').fill(String(Number(month)))
    await step.getByLabel('Year').fill(year ?? '')
    await step.getByRole('button', { name: 'Record' }).click()
    const dateError = step.locator('.form-group--error', { has: page.locator('legend', { hasText: 'Date it happened' }) })
    await expect.poll(() => dateError.locator('.error-message').textContent()).toBe('Error: The date it happened cannot be in the future')
    expect(await statusTag(card).textContent()).toBe('Sent')
    expect(stored()).toEqual([{ status: 'sent', referred_on: today }])

    await step.getByLabel('Day').fill(String(Number(today.slice(8))))
    await step.getByLabel('Month').fill(String(Number(today.slice(5, 7))))
    await step.getByLabel('Year').fill(today.slice(0, 4))
    await step.getByRole('button', { name: 'Record' }).click()
    await expect.poll(() => statusTag(card).textContent()).toBe('Assessed')
    expect(await dateError.count()).toBe(0)
    const rows = await card.getByRole('table').getByRole('row').allTextContents()
    expect(rows.slice(1).map((row) => row.replace(/\d{1,2} \w{3} \d{4}/, 'DATE'))).toEqual([
      'DraftedDATEAlex Morgan',
      'SentDATEAlex Morgan',
      'AssessedDATEAlex Morgan'
    ])
    expect(stored()).toEqual([{ status: 'assessed', referred_on: today }])
    await expectAccessible(page)
    await screenshot(page, 'referrals-assessed')
    await section.screenshot({ path: join(screenshotFolder, 'referrals-section-assessed.png') })
  })

  it('shows the 6-week breach the core worked out for a referral sent long ago', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aPerson(bridge)
        const destinations = await must<{ id: string; name: string }[]>(bridge, 'referrals:destinations', {})
        const gp = destinations.find((d) => d.name === 'GP')
        const made = await must<{ id: string }>(bridge, 'referrals:create', {
          personId,
          caseId: null,
          destinationId: gp?.id ?? '',
          reason: 'Sleep problems',
          urgency: 'routine'
        })
        const today = todayInLondon(bridge.core.clock())
        await must(bridge, 'referrals:recordConsent', { referralId: made.id, scope: 'Sleep diary', givenOn: today })
        await must(bridge, 'referrals:recordStep', { referralId: made.id, status: 'sent', happenedOn: today })
        // The core's clock moves on 50 days; the user signs in again then.
        bridge.advanceClock(50 * day)
        bridge.vault.lock('manual')
        await bridge.vault.unlock(admin.username, admin.passphrase)
      }
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const card = referrals(page).getByRole('article', { name: 'GP' })
    await card.waitFor()
    expect(await statusTag(card).textContent()).toBe('Sent')
    expect(await card.textContent()).toContain('Waiting 50 days')
    const warning = card.locator('.warning-text')
    expect(await warning.textContent()).toBe('Warning: Waiting over 6 weeks: 50 days since it was sent, and treatment has not started.')
    expect(await warning.textContent()).not.toContain('18 weeks')
    await expectAccessible(page)
    await warning.scrollIntoViewIfNeeded()
    await screenshot(page, 'referrals-breach')
    await referrals(page).screenshot({ path: join(screenshotFolder, 'referrals-section-breach.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page)
    await referrals(page).screenshot({ path: join(screenshotFolder, 'referrals-section-breach-dark.png') })
  })

  it('shows the 18-week breach, not the 6-week one, once the core counts past 18 weeks', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aPerson(bridge)
        const made = await must<{ id: string }>(bridge, 'referrals:create', {
          personId,
          caseId: null,
          destinationId: 'flint-house',
          reason: 'Back injury rehabilitation',
          urgency: 'routine'
        })
        const today = todayInLondon(bridge.core.clock())
        await must(bridge, 'referrals:recordConsent', { referralId: made.id, scope: 'Physiotherapy notes', givenOn: today })
        await must(bridge, 'referrals:recordStep', { referralId: made.id, status: 'sent', happenedOn: today })
        bridge.advanceClock(130 * day)
        bridge.vault.lock('manual')
        await bridge.vault.unlock(admin.username, admin.passphrase)
      }
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const card = referrals(page).getByRole('article', { name: 'Flint House' })
    await card.waitFor()
    expect(await card.locator('.warning-text').textContent()).toBe(
      'Warning: Waiting over 18 weeks: 130 days since it was sent, and treatment has not started.'
    )
    expect(await card.textContent()).not.toContain('over 6 weeks')
  })

  it('says "No referrals" and warns of nothing for a person with none; a referral begun and not saved is not lost by leaving', async () => {
    app = await openApp({ prepare: async (bridge) => void (await aPerson(bridge)) })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const section = referrals(page)
    await section.getByText('No referrals').waitFor()
    expect(await section.getByRole('article').count()).toBe(0)
    expect(await section.locator('.warning-text').count()).toBe(0)
    expect(await section.textContent()).not.toMatch(/Waiting over/)
    await expectAccessible(page)

    // A reason typed and not saved: leaving asks first, and Stay keeps it.
    await section.getByRole('button', { name: 'Make a referral' }).click()
    await section.getByLabel('Reason').fill('Struggling since the inquest')
    await page.getByRole('link', { name: 'My caseload' }).click()
    const leave = page.getByRole('dialog', { name: 'Leave this page?' })
    await leave.waitFor()
    await leave.getByRole('button', { name: 'Stay on this page' }).click()
    await leave.waitFor({ state: 'hidden' })
    expect(await h1(page).textContent()).toBe('Jo Reyes')
    expect(await section.getByLabel('Reason').inputValue()).toBe('Struggling since the inquest')
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM referrals').get()).toEqual({ n: 0 })
  })
})
