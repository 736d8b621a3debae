import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { Role } from '../../shared/contract/session'
import { personFields } from '../fixtures/caseload'
import { gad7, phq9 } from '../fixtures/referrals'
import { manualClock } from '../fixtures/store'
import { expectAccessible, h1, must, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

async function enterDate(page: Page, legend: string, date: string) {
  const fieldset = page.locator('fieldset', { has: page.locator('legend', { hasText: legend }) })
  await fieldset.getByLabel('Day').fill(String(Number(date.slice(8))))
  await fieldset.getByLabel('Month').fill(String(Number(date.slice(5, 7))))
  await fieldset.getByLabel('Year').fill(date.slice(0, 4))
}

/**
 * Six people in Armed Policing screened green in November and one in Custody screened amber;
 * then the signed-in user holds only `roles`, in the store and the session.
 */
async function openWithScreenings(roles: Role[]) {
  const clock = manualClock()
  app = await openApp({
    clock: clock.now,
    prepare: async (bridge) => {
      const screened = async (staffNumber: string, department: string, results: unknown[]) => {
        const person = await must<{ id: string }>(
          bridge,
          'people:create',
          personFields({ staffNumber, department, givenName: 'Kit', familyName: `Lane${staffNumber}` })
        )
        await must(bridge, 'screening:save', { personId: person.id, sittingDate: '2026-11-02', mode: 'clinician-entered', results })
      }
      for (let i = 1; i <= 6; i++) await screened(`AP10${i}`, 'Armed Policing', [phq9(2), gad7(1)])
      await screened('CU201', 'Custody', [phq9(12), gad7(1)])
      const user = bridge.vault.status().user
      if (!user) throw new Error('expected a signed-in administrator')
      bridge.vault.sqlite.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(roles), user.id)
      bridge.vault.refreshSessionUser({ ...user, roles })
    }
  })
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your account' }).waitFor()
  return app
}

describe('governance reports', () => {
  it('shows the reporting role a report with its small count hidden as <5, a chart beside the table, and no names', async () => {
    const { page } = await openWithScreenings(['reporting'])
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Governance reports' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Governance reports')
    // The report naming clinicians is for administrators only.
    expect(await page.getByRole('option', { name: 'Caseload per clinician' }).count()).toBe(0)

    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'RAG distribution' })
    await enterDate(page, 'Start of the period', '2026-11-01')
    await enterDate(page, 'End of the period', '2026-11-30')
    await page.getByLabel('Group by').selectOption({ label: 'Department' })
    await page.getByRole('button', { name: 'Show report' }).click()

    const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Department' }) })
    await table.waitFor()
    const custody = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Custody' }) })
    // Custody's one amber screening is hidden, and so is what would give it away.
    expect(await custody.getByRole('cell').allTextContents()).toEqual(['0', '<5', '0', '<5'])
    const armed = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Armed Policing' }) })
    expect(await armed.getByRole('cell').allTextContents()).toEqual(['0', '0', '6', '6'])
    await page.getByText('Some figures are hidden to protect individuals').waitFor()
    expect(await page.locator('.report-chart .recharts-surface').count()).toBeGreaterThan(0)
    // The chart does not pass a hidden figure off as a zero: the row says so, and the note under it.
    // (recharts wraps a long axis label over two lines, so the words are compared without spaces)
    expect((await page.locator('.report-chart').first().textContent())?.replace(/\s/g, '')).toContain('Custody(1hidden)')
    expect(await page.locator('.report-chart__hidden').first().textContent()).toContain('One figure is hidden in the table, so not drawn')
    expect(await page.locator('main').textContent()).not.toContain('Lane')
    await expectAccessible(page)
    await screenshot(page, 'reports-suppressed')
  })

  it('says what is wrong with a period that ends before it starts, compares with the period before, and is not offered to a clinician', async () => {
    const { page, bridge } = await openWithScreenings(['admin'])
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Governance reports' }).click()
    await enterDate(page, 'Start of the period', '2026-11-30')
    await enterDate(page, 'End of the period', '2026-11-01')
    await page.getByRole('button', { name: 'Show report' }).click()
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'There is a problem' }).textContent()).toContain(
      'The end of the period must be on or after its start'
    )
    expect(await page.getByRole('table').count()).toBe(0)
    await screenshot(page, 'reports-bad-period')

    // Put right, and compared with the 30 days before (nothing screened then).
    await enterDate(page, 'Start of the period', '2026-11-01')
    await enterDate(page, 'End of the period', '2026-11-30')
    await page.getByLabel('Compare with the period before').check()
    await page.getByRole('button', { name: 'Show report' }).click()
    await page.getByText('The period before: 2 Oct 2026 to 31 Oct 2026').waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'There is a problem' }).count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'reports-compare')
    await app?.close()

    app = await openWithScreenings(['clinician'])
    expect(await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Governance reports' }).count()).toBe(0)
    void bridge
  })
})
