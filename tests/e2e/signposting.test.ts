import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import type { Bridge } from '../bridge/server'
import { personFields } from '../fixtures/caseload'
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

const section = (page: Page) => page.getByRole('region', { name: 'Support and signposting' })

describe('signposting on the person page', () => {
  it('signposts a person in two presses, confirms what was recorded, and shows it in the history', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aPerson(bridge)
      }
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const panel = section(page)
    await panel.getByText('Not signposted to any resource yet.').waitFor()

    // Press 1: open the picker. Press 2: the resource.
    await panel.getByRole('button', { name: 'Signpost to a resource' }).click()
    const picker = panel.getByRole('region', { name: 'Choose what they were signposted to' })
    await picker.getByText('Digital learning: Stress and trauma level 1').waitFor()
    expect(await picker.getByRole('button', { name: /^Signposted today: / }).count()).toBe(11)
    await expectAccessible(page)
    await screenshot(page, 'signposting-picker')
    await picker.getByRole('button', { name: 'Signposted today: Mindfulness resources' }).click()

    const today = formatCalendarDate(todayInLondon(new Date()))
    const saved = panel.getByRole('status').filter({ hasText: 'Signposting recorded' })
    await saved.waitFor()
    expect(await saved.textContent()).toContain(`Signposted to Mindfulness resources on ${today}, recorded by Alex Morgan.`)
    expect(await picker.count()).toBe(0)
    const history = panel.getByRole('table', { name: 'Signposted to' })
    await expect.poll(() => history.getByRole('row').count()).toBe(2)
    expect(await history.getByRole('row').nth(1).textContent()).toBe(`Mindfulness resources${today}Alex Morgan`)
    expect(app.bridge.vault.sqlite.prepare('SELECT resource_id FROM signposting_records').all()).toEqual([
      { resource_id: 'mindfulness-resources' }
    ])
    await expectAccessible(page)
    await screenshot(page, 'signposting-recorded')
  })

  it('shows "not yet offered" for an open bereavement case, then records counselling offered and accepted', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        const person = await aPerson(bridge)
        // A bereavement case with no offer written on it (cases opened before the case form asked for one).
        const clinician = bridge.vault.sqlite.prepare('SELECT id FROM users LIMIT 1').get() as { id: string }
        bridge.vault.sqlite
          .prepare(
            "INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, opened_on, created_at, updated_at) VALUES (?, ?, 'bereavement', ?, 'open', 'soon', ?, 't', 't')"
          )
          .run(randomUUID(), person, clinician.id, todayInLondon(new Date()))
      }
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    const panel = section(page)
    const overviewNotice = page.getByRole('region', { name: 'At a glance' }).getByText('Bereavement counselling not yet offered')
    await overviewNotice.waitFor()
    const bereavement = panel.getByRole('region', { name: 'Bereavement counselling' })
    await bereavement.getByText('Bereavement counselling not yet offered.').waitFor()
    expect(await bereavement.getByRole('button').allTextContents()).toEqual(['Offered today'])
    await expectAccessible(page)
    await screenshot(page, 'signposting-bereavement-not-offered')

    await bereavement.getByRole('button', { name: 'Offered today' }).click()
    const today = formatCalendarDate(todayInLondon(new Date()))
    await bereavement
      .getByRole('status')
      .filter({ hasText: `recorded as offered on ${today}` })
      .waitFor()
    await expect.poll(() => overviewNotice.count()).toBe(0)
    expect(await bereavement.getByText('Bereavement counselling not yet offered.').count()).toBe(0)
    // Offered today already: a second offer today is not offered, only the answers.
    await expect.poll(() => bereavement.getByRole('button').allTextContents()).toEqual(['Accepted today', 'Declined today'])

    await bereavement.getByRole('button', { name: 'Accepted today' }).click()
    await bereavement
      .getByRole('status')
      .filter({ hasText: `recorded as accepted on ${today}` })
      .waitFor()
    expect(await bereavement.locator('.tag').first().textContent()).toBe('Accepted')
    const history = bereavement.getByRole('table', { name: 'Bereavement counselling history' })
    await expect.poll(() => history.getByRole('row').count()).toBe(3)
    expect(await history.getByRole('row').nth(1).textContent()).toBe(`Accepted${today}Alex Morgan`)
    expect(await history.getByRole('row').nth(2).textContent()).toBe(`Offered${today}Alex Morgan`)
    expect(await bereavement.getByRole('button').allTextContents()).toEqual(['Offered again today', 'Declined today'])
    expect(app.bridge.vault.sqlite.prepare('SELECT status FROM bereavement_counselling ORDER BY recorded_at').all()).toEqual([
      { status: 'offered' },
      { status: 'accepted' }
    ])
    await expectAccessible(page)
    await screenshot(page, 'signposting-bereavement-accepted')
  })

  it('administrators add and retire support resources on the role catalogue screen, and the picker follows', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aPerson(bridge)
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/roles`)
    const admin = page.getByRole('region', { name: 'Support resources' })
    await admin.getByRole('button', { name: 'Edit Stress management toolkit' }).waitFor()
    await admin.getByRole('button', { name: 'Add a support resource' }).click()
    const form = admin.getByRole('region', { name: 'Add a support resource' })
    await form.getByRole('button', { name: 'Save resource' }).click()
    await admin.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor()
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM support_resources').get()).toEqual({ n: 11 })
    await form.getByLabel('Name').fill('Force wellbeing dogs')
    await form.getByLabel('Description').fill('Visits from the force wellbeing dogs after difficult jobs.')
    await form.getByLabel('Where to find it').fill('Wellbeing team, extension 4410')
    await form.getByRole('button', { name: 'Save resource' }).click()
    await admin.getByText('Force wellbeing dogs saved.').waitFor()
    await admin.getByRole('button', { name: 'Retire Mindfulness resources' }).click()
    await admin.getByText('Mindfulness resources retired.').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'signposting-catalogue')

    await openPerson(page, app.bridge.url)
    const panel = section(page)
    await panel.getByRole('button', { name: 'Signpost to a resource' }).click()
    const picker = panel.getByRole('region', { name: 'Choose what they were signposted to' })
    await picker.getByRole('button', { name: 'Signposted today: Force wellbeing dogs' }).waitFor()
    expect(await picker.getByRole('button', { name: 'Signposted today: Mindfulness resources' }).count()).toBe(0)
  })
})
