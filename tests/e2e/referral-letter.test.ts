import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { todayInLondon } from '../../shared/calendar-date'
import { personFields } from '../fixtures/caseload'
import { parsePdfFile } from '../fixtures/pdf-text'
import { phq9 } from '../fixtures/referrals'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, screenshotFolder } from './harness'

let app: AppUnderTest | null = null
let personId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

const consentScope = 'The reason for referral, with NHS Talking Therapies only.'

async function openPerson(page: Page, url: string) {
  await page.goto(`${url}/index.html#/people/${personId}`)
  await expect.poll(() => h1(page).textContent()).toBe('Siân Ó Dálaigh')
}

describe('the referral letter', () => {
  it('is previewed from the referral and saved as a PDF holding the person’s name and nothing outside consent', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        personId = (
          await must<{ id: string }>(
            bridge,
            'people:create',
            personFields({ staffNumber: 'PC6161', givenName: 'Siân', familyName: 'Ó Dálaigh', roleId: 'response' })
          )
        ).id
        const today = todayInLondon(new Date())
        await must(bridge, 'screening:save', { personId, sittingDate: today, mode: 'clinician-entered', results: [phq9(19)] })
        const referral = await must<{ id: string }>(bridge, 'referrals:create', {
          personId,
          caseId: null,
          destinationId: 'nhs-talking-therapies',
          reason: 'Poor sleep since the Harbour Road fatality',
          urgency: 'routine'
        })
        await must(bridge, 'referrals:recordConsent', { referralId: referral.id, scope: consentScope, givenOn: today })
        await must(bridge, 'referrals:create', { personId, caseId: null, destinationId: 'gp', reason: 'Back pain', urgency: 'routine' })
      }
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const referrals = page.getByRole('region', { name: 'Referrals' })
    // Without consent, the letter is not offered.
    const gp = referrals.getByRole('article', { name: 'GP' })
    expect(await gp.getByRole('button', { name: 'Letter' }).count()).toBe(0)
    expect(await gp.textContent()).toContain('The referral letter can be written once the person’s consent to share is recorded.')

    const card = referrals.getByRole('article', { name: 'NHS Talking Therapies' })
    await card.getByRole('button', { name: 'Letter' }).click()
    const preview = card.getByRole('article', { name: 'Letter preview' })
    await preview.getByRole('heading', { name: 'Referral to NHS Talking Therapies' }).waitFor()
    const shown = (await preview.textContent()) ?? ''
    expect(shown).toContain('Siân Ó Dálaigh')
    expect(shown).toContain('PC6161')
    expect(shown).toContain(consentScope)
    expect(shown).toContain('Poor sleep since the Harbour Road fatality')
    expect(shown).not.toMatch(/PHQ|\b19\b|Back pain/)
    await expectAccessible(page)
    await preview.scrollIntoViewIfNeeded()
    await screenshot(page, 'referral-letter-preview')
    await preview.screenshot({ path: join(screenshotFolder, 'referral-letter-preview-sheet.png') })

    // Cancelled: nothing saved, nothing said.
    app.bridge.dialogAnswers.documentDestination = null
    await card.getByRole('button', { name: 'Save as PDF…' }).click()
    await expect
      .poll(() => app?.bridge.vault.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'referral.letter-saved'`).get())
      .toEqual({ n: 0 })
    expect(await card.getByRole('heading', { name: 'Letter saved' }).count()).toBe(0)

    const file = join(app.dataFolder, '..', 'letter-for-siân.pdf')
    app.bridge.dialogAnswers.documentDestination = file
    await card.getByRole('button', { name: 'Save as PDF…' }).click()
    await card.getByRole('heading', { name: 'Letter saved' }).waitFor()
    expect(await card.textContent()).toContain('Saved as letter-for-siân.pdf')
    expect(existsSync(file)).toBe(true)
    const pdf = await parsePdfFile(file)
    const text = pdf.text.replace(/\s+/g, ' ')
    expect(text).toContain('Siân Ó Dálaigh')
    expect(text).toContain(consentScope)
    expect(text).not.toMatch(/PHQ|Back pain/)
    expect(pdf.sizes[0]).toEqual({ width: 595, height: 842 })
    expect(
      app.bridge.vault.sqlite.prepare(`SELECT entity_type, detail FROM audit_log WHERE action = 'referral.letter-saved'`).all()
    ).toEqual([{ entity_type: 'referral', detail: null }])
    await screenshot(page, 'referral-letter-saved')

    await card.getByRole('button', { name: 'Close the letter' }).click()
    expect(await card.getByRole('article', { name: 'Letter preview' }).count()).toBe(0)
  })

  it('lets an administrator edit the template on the settings screen, naming unknown placeholders', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    const section = page.getByRole('region', { name: 'Referral letter' })
    const field = section.getByLabel('Referral letter template')
    await expect.poll(() => field.inputValue()).toContain('Dear colleague,')
    await field.fill('Dear {{destination}},\n\nPlease see {{name}}. Score: {{phq9}}.')
    await section.getByRole('button', { name: 'Save the template' }).click()
    const error = section.locator('.form-group--error .error-message')
    await expect.poll(() => error.textContent()).toContain('Harbour does not know: {{phq9}}')
    await expectAccessible(page)
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, 'referral-letter-template-refused')
    expect(app.bridge.vault.sqlite.prepare(`SELECT count(*) AS n FROM settings WHERE key = 'referralLetterTemplate'`).get()).toEqual({
      n: 0
    })

    await field.fill('Dear {{destination}},\n\nPlease see {{name}}.')
    await section.getByRole('button', { name: 'Save the template' }).click()
    await section.getByText('The referral letter template is saved.').waitFor()
    expect(app.bridge.vault.sqlite.prepare(`SELECT value FROM settings WHERE key = 'referralLetterTemplate'`).get()).toEqual({
      value: JSON.stringify('Dear {{destination}},\n\nPlease see {{name}}.')
    })
  })
})
