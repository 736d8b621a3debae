import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot } from './harness'
import { aCaseWithTasks, ids } from './seed-team'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('handing a case to a colleague', () => {
  it('lists the tasks that will move first, takes a note of several lines, and says what happened', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    const caseCard = page.getByRole('article', { name: 'Post-incident' })
    await caseCard.getByRole('button', { name: 'Hand over this case' }).click()
    const form = page.getByRole('region', { name: 'Hand over this case' })
    await form.waitFor()
    // What moves is listed before anything is chosen: the clinician sees it first.
    const moving = form.getByRole('list', { name: 'Tasks that move to the new clinician' })
    await expect.poll(() => moving.getByRole('listitem').count()).toBe(3)
    expect(await moving.textContent()).toContain('Chase GP letter')
    expect(await moving.textContent()).toContain('Urgent: review risk (PHQ-9 item 9)')
    expect(await form.getByRole('list', { name: 'Tasks that stay where they are' }).textContent()).toContain(
      'Book OH physician (Priya Shah)'
    )
    const listTop = (await moving.boundingBox())?.y ?? 0
    const noteTop = (await form.getByLabel('Handover note').boundingBox())?.y ?? 0
    expect(listTop).toBeLessThan(noteTop)
    await expectAccessible(page)
    await screenshot(page, 'case-handover-form')

    // Nothing chosen: errors at the top and at each field, and nothing moves.
    await form.getByRole('button', { name: 'Hand over', exact: true }).click()
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Choose who takes the case on', 'Enter a handover note'])
    expect(app.bridge.vault.sqlite.prepare('SELECT assigned_clinician_id AS id FROM cases').get()).toEqual({
      id: app.bridge.vault.session?.id
    })

    await form.getByLabel('Hand over to').selectOption({ label: 'Tom Whitfield' })
    const note = form.getByLabel('Handover note')
    expect(await note.evaluate((el) => el.tagName)).toBe('TEXTAREA')
    await note.fill('Seen weekly since the incident.\nNext: review on Thursday.')
    await form.getByRole('button', { name: 'Hand over', exact: true }).click()

    const done = caseCard.getByRole('status').filter({ hasText: 'Case handed over' })
    await done.waitFor()
    expect(await done.textContent()).toContain(
      'Post-incident case handed over from Alex Morgan to Tom Whitfield. 3 open tasks moved with it.'
    )
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Case handed over')
    const meta = caseCard.locator('.case__meta')
    await expect
      .poll(() => meta.textContent())
      .toBe(`Opened ${formatCalendarDate(todayInLondon(new Date()))} by Alex Morgan · Held by Tom Whitfield`)
    // The note keeps its lines.
    const written = caseCard.getByText('Seen weekly since the incident.', { exact: false })
    await written.waitFor()
    expect(await written.evaluate((el) => (el as HTMLElement).innerText)).toContain('incident.\nNext: review on Thursday.')
    expect(
      app.bridge.vault.sqlite
        .prepare("SELECT count(*) AS n FROM tasks WHERE status = 'open' AND assignee_id = ?")
        .get(app.bridge.vault.session?.id)
    ).toEqual({ n: 0 })
    await expectAccessible(page)
    await screenshot(page, 'case-handover-done')
  })

  it('shows work left with a clinician who can no longer sign in, and hands it all over', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aCaseWithTasks(bridge)
        await must(bridge, 'cases:reassign', { id: ids.caseId, clinicianId: ids.priya, note: 'Priya knows Rosa.' })
        await must(bridge, 'users:disable', { userId: ids.priya })
      }
    })
    const { page } = app
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    const left = page.getByRole('region', { name: 'Work left with people who can no longer sign in' })
    await left.waitFor()
    expect(await left.textContent()).toContain('Priya Shah: 1 open case, 4 open tasks')
    expect(await left.getByRole('link', { name: 'Marsh, Rosa' }).count()).toBeGreaterThan(0)
    await expectAccessible(page)
    await screenshot(page, 'left-work')
    await left.getByLabel('Hand over to').selectOption({ label: 'Tom Whitfield' })
    await left.getByLabel('Handover note').fill('Priya has left the service.\nRosa prefers calls after 4pm.')
    await left.getByRole('button', { name: "Hand over Priya Shah's work" }).click()
    const done = page.getByRole('status').filter({ hasText: 'Work handed over' })
    await done.waitFor()
    expect(await done.textContent()).toContain("Priya Shah's 1 open case and 4 open tasks are now with Tom Whitfield.")
    expect(
      app.bridge.vault.sqlite.prepare("SELECT count(*) AS n FROM tasks WHERE status = 'open' AND assignee_id = ?").get(ids.priya)
    ).toEqual({ n: 0 })
    await screenshot(page, 'left-work-done')
  })
})

describe('the clinician a case is handed to', () => {
  it('is told in My tasks which case is now theirs, with the handover note, and marks it read', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aCaseWithTasks(bridge)
        await must(bridge, 'cases:reassign', {
          id: ids.caseId,
          clinicianId: ids.tom,
          note: 'Seen weekly since the incident.\nNext: review on Thursday.'
        })
      }
    })
    const { page, bridge } = app
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good \w+, Alex$/)
    await page.keyboard.press('Control+l')
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
    // Tom signs in (past his first-time passphrase change).
    const tomSession = await bridge.vault.unlock('tom.whitfield', 'walnut ferry lamplight orchard')
    bridge.vault.refreshSessionUser({ ...tomSession, mustChangePassphrase: false })
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good \w+, Tom$/)
    const myTasks = page.locator('section', { has: page.getByRole('heading', { name: 'My tasks', exact: true }) })
    const notice = myTasks.getByRole('listitem').filter({ hasText: 'Post-incident case handed over to you by Alex Morgan' })
    await notice.waitFor()
    const title = notice.locator('.task__title')
    expect(await title.evaluate((el) => (el as HTMLElement).innerText)).toBe(
      'Post-incident case handed over to you by Alex Morgan. Handover note: Seen weekly since the incident.\nNext: review on Thursday.'
    )
    expect(await notice.getByRole('link', { name: 'Marsh, Rosa' }).count()).toBe(1)
    // The work that came with the case is there too, and the notice is only told once.
    expect(await myTasks.getByText('Chase GP letter').count()).toBe(1)
    expect(await myTasks.getByText('handed over to you').count()).toBe(1)
    await expectAccessible(page)
    await screenshot(page, 'handover-notice')
    await notice.getByRole('button', { name: /^Mark as read/ }).click()
    await expect.poll(() => myTasks.getByText('handed over to you').count()).toBe(0)
    expect(await myTasks.getByText('Chase GP letter').count()).toBe(1)
  })
})

describe('self-completion handover screen', () => {
  it('opens at the top with focus on its heading, with radios all one size, in one row per question', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    const button = page.getByRole('button', { name: 'Hand over to complete' })
    await button.scrollIntoViewIfNeeded()
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0)
    await button.click()
    await page.getByRole('button', { name: 'Hand over now' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Hello Rosa')
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Hello Rosa')
    const sizes = await page
      .locator('input[type="radio"]')
      .evaluateAll((radios) =>
        radios.map((radio) => `${Math.round(radio.getBoundingClientRect().width)}x${Math.round(radio.getBoundingClientRect().height)}`)
      )
    expect(sizes.length).toBeGreaterThan(20)
    expect(new Set(sizes).size).toBe(1)
    // Each question's answers sit in one row, never three and one left over.
    const rows = await page
      .locator('.handover__options')
      .evaluateAll((groups) =>
        groups.map((group) => new Set([...group.children].map((option) => Math.round(option.getBoundingClientRect().top))).size)
      )
    expect(rows.every((count) => count === 1)).toBe(true)
    await expectAccessible(page)
    await screenshot(page, 'self-completion-handover')
  })
})

describe('choosing what to hand over', () => {
  it('starts from the role’s questionnaires, refuses none at the field, and hands over only those chosen', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page, bridge } = app
    await page.goto(`${bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    await page.getByRole('button', { name: 'Hand over to complete' }).click()
    const choice = page.getByRole('region', { name: 'Hand over to complete' })
    const questionnaires = choice.getByRole('group', { name: 'Questionnaires to complete' })
    // Digital forensics: PHQ-9, GAD-7, PCL-5 and AUDIT-C, and nothing else, to start with.
    const ticked = async () =>
      (await questionnaires.getByRole('checkbox', { checked: true }).evaluateAll((boxes) => boxes.map((box) => box.id))).map((id) =>
        id.replace('handover-choose-', '')
      )
    expect(await ticked()).toEqual(['phq9', 'gad7', 'pcl5', 'auditc'])
    for (const id of await ticked()) await choice.locator(`#handover-choose-${id}`).uncheck()
    await choice.getByRole('button', { name: 'Hand over now' }).click()
    await choice.getByRole('link', { name: 'Choose at least one questionnaire' }).waitFor()
    expect(await questionnaires.getByText('Choose at least one questionnaire').count()).toBe(1)
    expect(bridge.vault.handover).toBeNull()
    await expectAccessible(page)
    await screenshot(page, 'handover-choice-error')
    await choice.locator('#handover-choose-gad7').check()
    await choice.locator('#handover-choose-itq').check()
    await screenshot(page, 'handover-choice')
    await choice.getByRole('button', { name: 'Hand over now' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Hello Rosa')
    expect(bridge.vault.handover?.instruments).toEqual(['gad7', 'itq'])
    expect(await page.locator('input[name^="gad7-"]').count()).toBeGreaterThan(0)
    expect(await page.locator('input[name^="itq-"]').count()).toBeGreaterThan(0)
    expect(await page.locator('input[name^="phq9-"]').count()).toBe(0)
  })
})

describe('disabling a clinician who holds work', () => {
  it('tells the administrator the work stays in sight, and Team caseload lists it until it is handed over', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await aCaseWithTasks(bridge)
        await must(bridge, 'cases:reassign', { id: ids.caseId, clinicianId: ids.priya, note: 'Priya knows Rosa.' })
      }
    })
    const { page } = app
    await page.getByRole('link', { name: 'Users', exact: true }).click()
    await page.getByRole('button', { name: 'Disable Priya Shah' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Disable Priya Shah' }).click()
    await page.getByText('Any open cases and tasks they hold stay on Team caseload', { exact: false }).waitFor()
    await page.getByRole('link', { name: 'Team caseload', exact: true }).click()
    const row = page.getByRole('row', { name: /Priya Shah/ })
    await row.waitFor()
    expect((await row.getByRole('cell').allTextContents()).map((text) => text.trim())).toEqual([
      'Priya Shah Disabled: hand over their work',
      '1',
      '0',
      '0',
      '4',
      '0'
    ])
    await expectAccessible(page)
    await screenshot(page, 'team-caseload-disabled')
  })
})
