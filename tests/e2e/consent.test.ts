import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import type { Bridge } from '../bridge/server'
import { personFields } from '../fixtures/caseload'
import { parsePdfFile } from '../fixtures/pdf-text'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot } from './harness'

let app: AppUnderTest | null = null
let personId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

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

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })

describe('consent on the person page', () => {
  it('records consent to share with a destination, then the referral to it can be sent; withdrawing later shows on the referral', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        const person = await aPerson(bridge)
        await must(bridge, 'referrals:create', {
          personId: person,
          caseId: null,
          destinationId: 'gp',
          reason: 'Poor sleep since the incident',
          urgency: 'routine'
        })
      }
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const consent = region(page, 'Consent')
    await consent.getByText('No consent recorded').waitFor()

    await consent.getByRole('button', { name: 'Record consent' }).click()
    const form = consent.getByRole('form', { name: 'Record consent' })
    // Nothing chosen: the form asks in the user's words and nothing is saved.
    await form.getByRole('button', { name: 'Record consent' }).click()
    await expect.poll(() => consent.getByRole('alert').first().textContent()).toContain('Choose where the referral goes')
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM consents').get()).toEqual({ n: 0 })
    await form.getByLabel('Where the referral goes').selectOption({ label: 'GP' })
    await form.getByLabel('What may be shared').fill('The reason for referral and sleep questionnaire results')
    await screenshot(page, 'consent-record-form')
    await form.getByRole('button', { name: 'Record consent' }).click()
    await consent.getByRole('status').filter({ hasText: 'Consent recorded' }).waitFor()
    const today = formatCalendarDate(todayInLondon(new Date()))
    const rows = consent.getByRole('table').getByRole('row')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.nth(1).textContent()).toContain('ReferralGPThe reason for referral and sleep questionnaire results')
    expect(await rows.nth(1).textContent()).toContain('Current')

    // The referral picks the consent record up and can be sent.
    const card = region(page, 'Referrals').getByRole('article', { name: 'GP' })
    await expect.poll(() => card.textContent()).toContain(`Given ${today}: The reason for referral`)
    expect(await card.getByRole('form', { name: 'Record consent to share' }).count()).toBe(0)
    const step = card.getByRole('form', { name: 'Record what happened' })
    await step.getByLabel('What happened').selectOption({ label: 'Sent' })
    await step.getByRole('button', { name: 'Record' }).click()
    await expect.poll(() => card.locator('.case__header .tag').first().textContent()).toBe('Sent')
    await expectAccessible(page)
    await screenshot(page, 'consent-referral-sent')

    // Withdrawn afterwards: the referral stays sent and says so; the consent stays in the history.
    await consent.getByRole('button', { name: 'Withdraw consent to share with GP' }).click()
    await consent.getByRole('form', { name: 'Withdraw consent to share with GP' }).getByRole('button', { name: 'Withdraw consent' }).click()
    await consent.getByRole('status').filter({ hasText: 'Consent withdrawn' }).waitFor()
    expect(await rows.nth(1).textContent()).toContain(`Withdrawn ${today}`)
    await expect.poll(() => card.textContent()).toContain('The person withdrew their consent to share with GP')
    expect(await card.locator('.case__header .tag').first().textContent()).toBe('Sent')
    await expectAccessible(page)
    await screenshot(page, 'consent-withdrawn')
  })

  it('drafts a management advice report the person asked to see first, refuses release until consent and their comments are recorded, then releases it', async () => {
    app = await openApp({ prepare: async (bridge) => void (await aPerson(bridge)) })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const advice = region(page, 'Management advice')
    await advice.getByRole('button', { name: 'Draft a report' }).click()
    const form = advice.getByRole('form', { name: 'Draft a management advice report' })
    expect(await form.getByLabel(/diagnos/i).count()).toBe(0)
    await form.getByLabel('Manager’s name').fill('Inspector Jane Cole')
    await form.getByLabel('Fit for their role with adjustments').check()
    await form.getByLabel('Adjustments (optional)').fill('No night shifts for four weeks')
    await form.getByLabel('The person asked to see the report before it is released').check()
    await screenshot(page, 'management-advice-draft-form')
    await form.getByRole('button', { name: 'Save draft' }).click()
    await advice.getByRole('status').filter({ hasText: 'Report drafted' }).waitFor()
    const card = advice.getByRole('article', { name: 'Advice for Inspector Jane Cole' })
    await card.waitFor()

    // A slip in the draft is changed in place, before anyone has seen it.
    await card.getByRole('button', { name: 'Change the draft' }).click()
    const change = card.getByRole('form', { name: 'Change the draft report' })
    await expect.poll(() => change.getByLabel('Adjustments (optional)').inputValue()).toBe('No night shifts for four weeks')
    await change.getByLabel('Adjustments (optional)').fill('No night shifts for six weeks')
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'management-advice-change-draft')
    await change.getByRole('button', { name: 'Save the changes' }).click()
    await card.getByRole('status').filter({ hasText: 'Draft changed' }).waitFor()
    expect(await card.textContent()).toContain('No night shifts for six weeks')
    expect(app.bridge.vault.sqlite.prepare('SELECT adjustments, status FROM management_advice_reports').all()).toEqual([
      { adjustments: 'No night shifts for six weeks', status: 'drafted' }
    ])

    // Release refused: both reasons, in the user's words; nothing changes.
    await card.getByRole('button', { name: 'Release to manager' }).click()
    const refused = card.getByRole('alert').filter({ hasText: 'The report was not released' })
    await refused.waitFor()
    expect(await refused.textContent()).toContain(
      "Record the person's consent to share a management advice report with Inspector Jane Cole"
    )
    expect(await refused.textContent()).toContain('The person asked to see the report first')
    expect(app.bridge.vault.sqlite.prepare('SELECT status FROM management_advice_reports').all()).toEqual([{ status: 'drafted' }])
    await screenshot(page, 'management-advice-release-refused')

    // Consent for the manager, from the Consent section.
    const consent = region(page, 'Consent')
    await consent.getByRole('button', { name: 'Record consent' }).click()
    const consentForm = consent.getByRole('form', { name: 'Record consent' })
    await consentForm.getByLabel('Management advice report').check()
    await consentForm.getByLabel('Manager or organisation').fill('Inspector Jane Cole')
    await consentForm.getByLabel('What may be shared').fill('Fitness for role and adjustments')
    await consentForm.getByRole('button', { name: 'Record consent' }).click()
    await consent.getByRole('status').filter({ hasText: 'Consent recorded' }).waitFor()

    // Still refused until shown: now only that reason stands.
    await expect.poll(() => card.textContent()).not.toContain("Record the person's consent to share a management advice report")
    expect(await card.textContent()).toContain('The person asked to see the report first')
    const shown = card.getByRole('form', { name: 'Record that the person has seen it' })
    await shown.getByLabel('The person’s comments').fill('No comments')
    await shown.getByRole('button', { name: 'Record as seen' }).click()
    await card.getByRole('status').filter({ hasText: 'Recorded as seen' }).waitFor()
    await expect.poll(() => card.locator('.case__header .tag').first().textContent()).toBe('Shown to the person')
    // What the person saw is what goes: no changing it now.
    expect(await card.getByRole('button', { name: 'Change the draft' }).count()).toBe(0)

    await card.getByRole('button', { name: 'Preview' }).click()
    const preview = card.getByRole('region', { name: 'Preview of the report' })
    await preview.getByText('Fit for their role with adjustments').waitFor()
    expect(await preview.textContent()).not.toContain('No comments')
    await card.getByRole('button', { name: 'Release to manager' }).click()
    await card.getByRole('status').filter({ hasText: 'Report released' }).waitFor()
    await expect.poll(() => card.locator('.case__header .tag').first().textContent()).toBe('Released')
    expect(await card.getByRole('button', { name: 'Release to manager' }).count()).toBe(0)
    expect(await card.getByRole('form').count()).toBe(0)
    expect(app.bridge.vault.sqlite.prepare('SELECT status FROM management_advice_reports').all()).toEqual([{ status: 'released' }])
    // Released, it can be saved for the manager as an A4 PDF holding the advice and not the person's comments.
    const file = join(app.dataFolder, '..', 'advice-for-jo.pdf')
    app.bridge.dialogAnswers.documentDestination = file
    await card.getByRole('button', { name: 'Save as PDF…' }).click()
    await card.getByRole('heading', { name: 'Report saved' }).waitFor()
    expect(await card.textContent()).toContain('Saved as advice-for-jo.pdf')
    const pdf = await parsePdfFile(file)
    expect(pdf.sizes[0]).toEqual({ width: 595, height: 842 })
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('Jo Reyes')
    expect(pdf.text).not.toContain('No comments')
    expect(
      app.bridge.vault.sqlite.prepare(`SELECT entity_type, detail FROM audit_log WHERE action = 'management-advice.pdf-saved'`).all()
    ).toEqual([{ entity_type: 'management-advice-report', detail: null }])
    await expectAccessible(page)
    await screenshot(page, 'management-advice-released')
  })
})
