import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import { addDays } from '../../shared/incidents/exposure-load'
import { personFields } from '../fixtures/caseload'
import { parsePdfFile } from '../fixtures/pdf-text'
import { admin } from '../fixtures/store'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, screenshotFolder, signIn } from './harness'

/**
 * The whole of issue 13's journey in one window, every step through the screens: an incident with
 * three people exposed, TRiM planned and an assessment that prompts a referral, the referral sent
 * with consent and followed to treatment and completion, the outcome screenings and their
 * classification, and the letter saved as a PDF.
 */

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

const tara = { username: 'tara.hughes', displayName: 'Tara Hughes', passphrase: 'copper kestrel over tidal flats' }
const consentScope = 'The reason for referral and the TRiM outcome, with NHS Talking Therapies only.'

async function fillDate(scope: Locator, legend: string, date: string): Promise<void> {
  const fieldset = scope.locator('fieldset', { has: scope.page().locator('legend', { hasText: legend }) })
  await fieldset.getByLabel('Day').fill(String(Number(date.slice(8))))
  await fieldset.getByLabel('Month').fill(String(Number(date.slice(5, 7))))
  await fieldset.getByLabel('Year').fill(date.slice(0, 4))
}

async function answer(page: Page, instrument: string, values: number[]): Promise<void> {
  for (const [index, value] of values.entries()) {
    await page.locator(`input[name="${instrument}-${index + 1}"][value="${value}"]`).check()
  }
}

/** A PHQ-9 and GAD-7 sitting on the person page, on the given date. */
async function recordScreening(page: Page, date: string, phq9: number[], gad7: number[], rag: string): Promise<void> {
  await page.getByRole('button', { name: 'Record a screening' }).click()
  for (const other of ['PCL-5', 'AUDIT-C']) {
    const box = page.getByLabel(other, { exact: true })
    if (await box.isChecked()) await box.uncheck()
  }
  await page.getByLabel('GAD-7', { exact: true }).check()
  await fillDate(page.locator('main'), 'Date of the screening', date)
  await answer(page, 'phq9', phq9)
  await answer(page, 'gad7', gad7)
  await page.getByRole('button', { name: 'Save screening' }).click()
  await page
    .getByText(`Screening saved: ${rag}`)
    .waitFor({ timeout: 8000 })
    .catch(async (e) => {
      await page.screenshot({ path: '/tmp/dbg.png', fullPage: true })
      throw e
    })
}

async function recordStep(card: Locator, what: string, date: string): Promise<void> {
  const step = card.getByRole('form', { name: 'Record what happened' })
  await step.getByLabel('What happened').selectOption({ label: what })
  await fillDate(step, 'Date it happened', date)
  await step.getByRole('button', { name: 'Record' }).click()
  await expect.poll(() => card.locator('.case__header .tag').first().textContent()).toBe(what)
}

describe('from an incident to an outcome, without leaving Harbour', () => {
  it('incident with three people → TRiM prompting a referral → referral sent with consent → treatment → outcome classified → letter PDF', async () => {
    const ids: Record<string, string> = {}
    // The journey spans eight weeks: the core's clock and the window's start 60 days ago and move on
    // between sign-ins (a day's jump would lock a session that stayed open, as it should).
    let daysAgo = 60
    const clock = () => new Date(Date.now() - daysAgo * 86_400_000)
    const today = () => todayInLondon(clock())
    app = await openApp({
      clock,
      prepare: async (bridge) => {
        for (const [staffNumber, givenName, familyName] of [
          ['PC4242', 'Jo', 'Reyes'],
          ['PC5151', 'Priya', 'Shah'],
          ['CH0099', 'Dan', 'Okoro']
        ] as const) {
          ids[staffNumber] = (
            await must<{ id: string }>(bridge, 'people:create', personFields({ staffNumber, givenName, familyName, roleId: 'response' }))
          ).id
        }
        const added = await must<{ id: string }>(bridge, 'users:add', { ...tara, roles: ['trim'], confirmPassphrase: tara.passphrase })
        bridge.vault.sqlite.prepare('UPDATE users SET must_change_passphrase = 0 WHERE id = ?').run(added.id)
      }
    })
    const { page, bridge } = app
    await page.clock.setFixedTime(clock())
    await page.reload()
    const stored = (query: string) => bridge.vault.sqlite.prepare(query).all()
    const nav = page.getByRole('navigation', { name: 'Main' })
    /** Signs out, lets the days pass, and signs in as someone else (or the same person) that day. */
    const laterAs = async (days: number, username: string, passphrase: string) => {
      await page.getByRole('button', { name: 'Sign out' }).click()
      daysAgo -= days
      await page.clock.setFixedTime(clock())
      await signIn(page, username, passphrase)
      await nav.waitFor()
    }
    const openJo = async () => {
      await page.goto(`${bridge.url}/index.html#/people/${ids['PC4242']}`)
      await expect.poll(() => h1(page).textContent()).toBe('Jo Reyes')
    }

    // Day 0. The incident, yesterday, with three people exposed: one found by name, two pasted.
    const incidentDate = addDays(today(), -1)
    await nav.getByRole('link', { name: 'Incidents' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Incidents')
    const log = page.getByRole('form', { name: 'Log an incident' })
    await fillDate(log, 'Date of the incident', incidentDate)
    await log.getByLabel('Category').selectOption({ label: 'Fatal road collision' })
    await log.getByLabel('Reference').fill('CAD 4471')
    await log.getByLabel('Find a person by name or staff number').fill('Reyes')
    await log.getByRole('button', { name: 'Add Reyes, Jo' }).click()
    await log.getByLabel('Or paste staff numbers').fill('PC5151\nCH0099')
    await log.getByRole('button', { name: 'Add these people' }).click()
    await expect.poll(() => log.getByRole('table').locator('caption').textContent()).toBe('3 people exposed')
    await log.getByLabel('Intensity: Reyes, Jo').selectOption({ label: 'High' })
    await log.getByLabel('Part: Okoro, Dan').selectOption({ label: 'Call handler' })
    await log.getByRole('button', { name: 'Save incident' }).click()
    await page.getByRole('status').filter({ hasText: 'Incident saved' }).waitFor()
    expect(stored('SELECT count(*) AS n FROM exposures')).toEqual([{ n: 3 }])

    // TRiM planned from the incident: Jo Reyes offered TRiM with Tara Hughes; both assessments become tasks.
    const recent = page.getByRole('region', { name: 'Recent incidents' })
    await recent.getByRole('button', { name: `TRiM for the incident on ${formatCalendarDate(incidentDate)}` }).click()
    const plan = page.getByRole('form', { name: 'Record the TRiM planning decision' })
    await plan.getByLabel('Jo Reyes (PC4242)').selectOption({ label: 'Offer TRiM, with Tara Hughes' })
    await plan.getByRole('button', { name: 'Record the planning decision' }).click()
    await page.getByRole('table', { name: 'People offered TRiM' }).waitFor()
    expect(stored("SELECT title, due_date FROM tasks WHERE source LIKE 'rule:trim-%' ORDER BY due_date")).toEqual([
      { title: 'TRiM initial assessment', due_date: addDays(incidentDate, 3) },
      { title: 'TRiM follow-up assessment', due_date: addDays(incidentDate, 28) }
    ])

    // Day 2. The practitioner's assessment scores 3 with the outcome "refer": a referral is prompted.
    await laterAs(2, tara.username, tara.passphrase)
    await nav.getByRole('link', { name: 'TRiM' }).click()
    const item = page.getByRole('region', { name: 'Reyes, Jo (PC4242)' })
    await item.getByRole('button', { name: 'Record an assessment' }).click()
    const assessment = item.getByRole('form', { name: 'TRiM assessment for Reyes, Jo' })
    for (const factor of ['Perceived threat to life', 'Shame or guilt', 'Poor social support']) await assessment.getByLabel(factor).check()
    await assessment.getByLabel('Refer', { exact: true }).check()
    await assessment.getByRole('button', { name: 'Record the assessment' }).click()
    await item.getByText('A referral is suggested').waitFor()
    expect(await item.textContent()).toContain('Referral prompted: Alex Morgan, the clinician who planned TRiM, has been given a task.')
    // Nothing clinical reached the practitioner's screen.
    expect(await page.getByText('PHQ-9').count()).toBe(0)

    // Day 3. The clinician has the prompt, screens Jo, and makes the referral from the TRiM panel.
    await laterAs(1, admin.username, admin.passphrase)
    await nav.getByRole('link', { name: 'Tasks' }).click()
    await page.getByText('A TRiM assessment suggests a referral').first().waitFor()
    await openJo()
    await page.getByRole('region', { name: 'TRiM' }).getByText('Score 3').waitFor()
    const sentOn = today()
    await recordScreening(page, sentOn, [2, 2, 2, 2, 2, 2, 2, 1, 0], [2, 2, 2, 2, 2, 1, 1], 'RED')
    await page.getByRole('region', { name: 'TRiM' }).getByRole('button', { name: 'Make a referral' }).click()
    const referrals = page.getByRole('region', { name: 'Referrals' })
    const form = referrals.getByRole('region', { name: 'Make a referral' })
    await form.getByLabel('Where the referral goes').selectOption({ label: 'NHS Talking Therapies' })
    await form.getByLabel('Reason').fill('Intrusive memories and poor sleep since the Harbour Road fatality; TRiM scored 3.')
    await form.getByRole('button', { name: 'Save referral' }).click()
    const card = referrals.getByRole('article', { name: 'NHS Talking Therapies' })
    await card.waitFor()
    // The referral answers the TRiM prompt: the panel says so, offers no second referral, and the task is done.
    const trimPanel = page.getByRole('region', { name: 'TRiM' })
    await trimPanel.getByText(`Referral made to NHS Talking Therapies on ${formatCalendarDate(today())}.`).waitFor()
    expect(await trimPanel.getByRole('button', { name: 'Make a referral' }).count()).toBe(0)
    expect(await trimPanel.textContent()).toContain(`Initial assessment recorded ${formatCalendarDate(addDays(today(), -1))}`)
    expect(stored("SELECT status FROM tasks WHERE source = 'rule:trim-referral-prompt'")).toEqual([{ status: 'done' }])
    await trimPanel.screenshot({ path: join(screenshotFolder, 'journey-trim-answered.png') })
    const consent = card.getByRole('form', { name: 'Record consent to share' })
    await consent.getByLabel('What may be shared').fill(consentScope)
    await consent.getByRole('button', { name: 'Record consent' }).click()
    await card.getByRole('status').filter({ hasText: 'Consent to share recorded' }).waitFor()
    await recordStep(card, 'Sent', sentOn)

    // Days 10 and 20: acknowledged and assessed, then treatment within six weeks.
    await laterAs(7, admin.username, admin.passphrase)
    await openJo()
    expect(await card.textContent()).toContain('Waiting 7 days')
    await recordStep(card, 'Acknowledged by the service', addDays(sentOn, 2))
    await recordStep(card, 'Assessed', today())
    await laterAs(10, admin.username, admin.passphrase)
    await openJo()
    await recordStep(card, 'Treatment started', today())
    expect(await card.textContent()).toContain('Treatment started after 17 days')
    expect(await card.locator('.warning-text').count()).toBe(0)

    // Day 58: completed. Without an "after" screening there is no classification yet, and the card says so.
    await laterAs(38, admin.username, admin.passphrase)
    await openJo()
    await recordStep(card, 'Completed', today())
    expect(stored('SELECT status, referred_on FROM referrals')).toEqual([{ status: 'completed', referred_on: sentOn }])
    const outcome = card.getByRole('region', { name: 'Outcome' })
    await outcome.waitFor()
    expect(await outcome.textContent()).not.toMatch(/Reliable|Recovery/)

    // The outcome screening: PHQ-9 15 → 4 and GAD-7 12 → 3, reliable recovery by the NHS Talking Therapies rules.
    await recordScreening(page, today(), [1, 1, 0, 1, 0, 0, 1, 0, 0], [1, 0, 1, 0, 0, 1, 0], 'GREEN')
    await expect.poll(() => outcome.locator('strong').first().textContent()).toBe('Reliable recovery')
    const scores = (await outcome.getByRole('row').allTextContents()).join('|')
    expect(scores).toMatch(/PHQ-9.*15.*4/)
    expect(scores).toMatch(/GAD-7.*12.*3/)
    await expectAccessible(page)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'journey-outcome')
    await card.screenshot({ path: join(screenshotFolder, 'journey-referral-card.png') })

    // The letter: previewed, saved as a PDF holding the consented content only, and audited.
    await card.getByRole('button', { name: 'Letter' }).click()
    const preview = card.getByRole('article', { name: 'Letter preview' })
    await preview.getByRole('heading', { name: 'Referral to NHS Talking Therapies' }).waitFor()
    const file = join(app.dataFolder, '..', 'letter-for-jo-reyes.pdf')
    bridge.dialogAnswers.documentDestination = file
    await card.getByRole('button', { name: 'Save as PDF…' }).click()
    await card.getByRole('heading', { name: 'Letter saved' }).waitFor()
    expect(existsSync(file)).toBe(true)
    const text = (await parsePdfFile(file)).text.replace(/\s+/g, ' ')
    expect(text).toContain('Jo Reyes')
    expect(text).toContain('PC4242')
    expect(text).toContain(consentScope)
    expect(text).not.toMatch(/PHQ|GAD|Perceived threat|Shame/)
    expect(stored(`SELECT count(*) AS n FROM audit_log WHERE action = 'referral.letter-saved'`)).toEqual([{ n: 1 }])
  })
})
