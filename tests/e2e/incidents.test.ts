import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import { addDays } from '../../shared/incidents/exposure-load'
import { personFields } from '../fixtures/caseload'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, screenshotFolder } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('incidents', () => {
  it('logs an incident with three attendees (one found by name, two pasted), refusing an unknown pasted number first, and shows it on an attendee’s page', async () => {
    const ids: Record<string, string> = {}
    app = await openApp({
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
      }
    })
    const { page } = app
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Incidents')
    const form = page.getByRole('form', { name: 'Log an incident' })
    await page.getByText('No incidents logged').waitFor()

    // Saving with nothing: refused at the fields by their labels, nothing saved.
    await form.getByRole('button', { name: 'Save incident' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.textContent()).toContain('Add at least one person exposed')
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 0 })

    await form.getByLabel('Category').selectOption({ label: 'Fatal road collision' })
    await form.getByLabel('Reference').fill('CAD 4471')
    // One by search.
    await form.getByLabel('Find a person by name or staff number').fill('Reyes')
    await form.getByRole('button', { name: 'Add Reyes, Jo' }).click()
    // A pasted list with an unknown number: listed, and no one added.
    const pasted = form.getByLabel('Or paste staff numbers')
    await pasted.fill('PC5151\nCH0099\nPC0000')
    await form.getByRole('button', { name: 'Add these people' }).click()
    const unknown = 'No one Harbour can show you has the staff number PC0000. Check it, or add the person first'
    await expect.poll(() => form.locator('.error-message').first().textContent()).toBe(`Error: ${unknown}`)
    expect(await form.getByRole('table').getByRole('row').count()).toBe(2)
    // As the control room writes it: a collar number with a space, a name beside it.
    await pasted.fill('PC 5151 Priya Shah, CH0099')
    await form.getByRole('button', { name: 'Add these people' }).click()
    await expect.poll(() => form.getByRole('table').getByRole('row').count()).toBe(4)
    expect(await form.getByRole('status').filter({ hasText: 'Found' }).textContent()).toBe(
      'Found 2 people. Left out as not staff numbers: Priya, Shah.'
    )
    expect(await form.getByRole('table').locator('caption').textContent()).toBe('3 people exposed')
    await form.getByLabel('Part: Okoro, Dan').selectOption({ label: 'Call handler' })
    await form.getByLabel('Intensity: Reyes, Jo').selectOption({ label: 'High' })
    await form.getByLabel('Part: Shah, Priya').selectOption({ label: 'Viewed material' })
    await form.getByLabel('Hours of material reviewed: Shah, Priya').fill('2.5')
    await expectAccessible(page)
    await screenshot(page, 'incidents-log-form')
    await form.getByRole('button', { name: 'Save incident' }).click()

    const saved = page.getByRole('status').filter({ hasText: 'Incident saved' })
    await saved.waitFor()
    const today = todayInLondon(new Date())
    expect(await saved.textContent()).toContain(`Fatal road collision on ${formatCalendarDate(today)} saved with 3 people exposed`)
    expect(app.bridge.vault.sqlite.prepare('SELECT person_id, part, intensity, hours_reviewed FROM exposures ORDER BY part').all()).toEqual(
      [
        { person_id: ids['PC4242'], part: 'attended', intensity: 'high', hours_reviewed: null },
        { person_id: ids['CH0099'], part: 'call-handler', intensity: 'medium', hours_reviewed: null },
        { person_id: ids['PC5151'], part: 'viewed-material', intensity: 'medium', hours_reviewed: 2.5 }
      ]
    )
    const recent = page.getByRole('region', { name: 'Recent incidents' })
    await recent.getByRole('cell', { name: 'CAD 4471' }).waitFor()
    expect(await form.getByText('No one added yet').count()).toBe(1)
    await screenshot(page, 'incidents-saved')

    // On Jo Reyes's page: the exposure and the load.
    await recent.getByRole('link', { name: 'Jo Reyes' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Jo Reyes')
    const section = page.getByRole('region', { name: 'Exposure' })
    const history = section.getByRole('table')
    await history.waitFor()
    expect(await history.getByRole('row').nth(1).locator('td').allTextContents()).toEqual([
      formatCalendarDate(today),
      'Fatal road collision',
      'CAD 4471',
      'Attended',
      'High',
      '—',
      '12'
    ])
    expect(await section.getByRole('definition').first().textContent()).toMatch(/^1 exposure, weighted load 12/)
    expect(await section.locator('.warning-text').count()).toBe(0)
    await expectAccessible(page)
    await section.screenshot({ path: join(screenshotFolder, 'incidents-person-exposure.png') })
  })

  it('tags the caseload row and warns on the person page when a threshold fires, and not for someone below it', async () => {
    const ids: Record<string, string> = {}
    const today = todayInLondon(new Date())
    app = await openApp({
      prepare: async (bridge) => {
        for (const [staffNumber, givenName, familyName] of [
          ['PC4242', 'Jo', 'Reyes'],
          ['PC5151', 'Priya', 'Shah']
        ] as const) {
          const id = (
            await must<{ id: string }>(bridge, 'people:create', personFields({ staffNumber, givenName, familyName, roleId: 'response' }))
          ).id
          ids[staffNumber] = id
          await must(bridge, 'cases:open', { personId: id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
        }
        // Jo: three exposures in 30 days (the default rule); Priya: two.
        for (const [days, people] of [
          [20, ['PC4242', 'PC5151']],
          [5, ['PC4242', 'PC5151']],
          [0, ['PC4242']]
        ] as const) {
          await must(bridge, 'incidents:create', {
            occurredOn: addDays(today, -days),
            categoryId: 'sudden-death',
            reference: `CAD ${days}`,
            attendees: people.map((staffNumber) => ({ staffNumber, part: 'attended', intensity: 'low', hoursReviewed: null }))
          })
        }
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/`)
    const jo = page.getByRole('row', { name: /Reyes, Jo PC4242/ })
    const priya = page.getByRole('row', { name: /Shah, Priya PC5151/ })
    await jo.waitFor()
    await priya.waitFor()
    expect(await jo.locator('.tag', { hasText: 'Exposure' }).textContent()).toBe('Exposure: 3 or more exposures in 30 days')
    expect(await priya.locator('.tag', { hasText: 'Exposure' }).count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'incidents-caseload-tag')

    await page.goto(`${app.bridge.url}/index.html#/people/${ids['PC4242']}`)
    const section = page.getByRole('region', { name: 'Exposure' })
    await section.getByRole('table').waitFor()
    expect(await section.locator('.warning-text').textContent()).toBe('Exposure threshold met: 3 or more exposures in 30 days.')
    expect(await section.getByRole('table').getByRole('row').count()).toBe(4)
    await section.screenshot({ path: join(screenshotFolder, 'incidents-person-threshold.png') })

    await page.goto(`${app.bridge.url}/index.html#/people/${ids['PC5151']}`)
    const other = page.getByRole('region', { name: 'Exposure' })
    await other.getByRole('table').waitFor()
    expect(await other.locator('.warning-text').count()).toBe(0)
    expect(await other.getByRole('definition').first().textContent()).toMatch(/^2 exposures, weighted load 6/)
  })
})
