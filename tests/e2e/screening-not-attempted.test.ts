import { afterEach, describe, expect, it } from 'vitest'
import { type AppUnderTest, expectAccessible, h1, openApp, screenshot } from './harness'
import { aCaseWithTasks, ids } from './seed-team'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('a questionnaire with nothing answered', () => {
  it('asks whether it was not attempted, saves nothing until answered, and shows "Not attempted" in the history', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page } = app
    const sittings = () => (app?.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM screenings').get() as { n: number }).n
    await page.goto(`${app.bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    const before = sittings()
    await page.getByRole('button', { name: 'Record a screening' }).click()
    for (const box of await page.getByRole('group', { name: 'Questionnaires' }).getByRole('checkbox').all())
      await box.setChecked((await box.getAttribute('id'))?.endsWith('-gad7') === true)
    await page.getByRole('button', { name: 'Save screening' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.getByRole('link', { name: 'Nothing is answered on GAD-7: record that it was not attempted, or answer it' }).waitFor()
    expect(sittings()).toBe(before)
    await expectAccessible(page)
    await screenshot(page, 'screening-not-attempted-asked')

    await page.getByLabel('GAD-7 was not attempted').check()
    await page.getByRole('button', { name: 'Save screening' }).click()
    await page
      .getByText(/^(Screening saved|Correction saved)/)
      .first()
      .waitFor()
    expect(sittings()).toBe(before + 1)
    const history = page.getByRole('region', { name: 'Screening', exact: true })
    const row = history.getByRole('row').filter({ hasText: 'GAD-7 Not attempted' })
    await row.waitFor()
    expect(await row.textContent()).not.toContain('no score')
    await screenshot(page, 'screening-not-attempted-history')
  })
})
