import { afterEach, describe, expect, it } from 'vitest'
import { type AppUnderTest, expectAccessible, h1, openApp, screenshot } from './harness'
import { aCaseWithTasks, ids } from './seed-team'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('a red result for someone with a case, and Home', () => {
  it('the save notice names where the review went, and Home shows it there', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    await page.getByRole('button', { name: 'Record a screening' }).click()
    for (const box of await page.getByRole('group', { name: 'Questionnaires' }).getByRole('checkbox').all())
      await box.setChecked((await box.getAttribute('id'))?.endsWith('-phq9') === true)
    // Severe, with item 9 answered "Not at all": red, and no alert, so a review for the case holder.
    for (const [index, value] of [3, 3, 3, 3, 3, 3, 3, 3, 0].entries())
      await page.locator(`input[name="phq9-${index + 1}"][value="${value}"]`).check()
    await page.getByRole('button', { name: 'Save screening' }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'Screening saved: RED' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('A review task was sent to you: it is in My tasks on My caseload.')
    expect(await notice.textContent()).not.toContain('team’s list')

    await page.getByRole('link', { name: 'My caseload' }).click()
    const tasks = page.getByRole('complementary', { name: 'My tasks' })
    await tasks.getByText('Review a red screening result').waitFor()
    const decisions = page.getByRole('region', { name: 'Screening results that need a decision' })
    expect(await decisions.textContent()).toContain('A result for someone with an open case goes to the case holder as a task')

    // The tile counts urgent cases (Rosa's case is "Soon", though her alert task is urgent), says so, and shows them.
    const tiles = page.getByRole('list', { name: 'Caseload at a glance' })
    const urgent = tiles.getByRole('listitem').filter({ hasText: 'urgent case' })
    expect((await urgent.textContent())?.replace(/\s+/g, ' ').trim()).toBe('0urgent cases')
    await urgent.getByRole('button', { name: 'urgent cases' }).click()
    await expect.poll(() => page.getByLabel('Priority').inputValue()).toBe('urgent')
    await page.getByText('No cases match these filters.').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'home-urgent-cases')
  })
})
