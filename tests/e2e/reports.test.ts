import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js'
import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { Role } from '../../shared/contract/session'
import { personFields } from '../fixtures/caseload'
import { gad7, phq9 } from '../fixtures/referrals'
import { manualClock } from '../fixtures/store'
import { parsePdf } from '../fixtures/pdf-text'
import { csvInZip } from './export-steps'
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

  it('exports the report on screen as a PDF and as a CSV, encrypted, with the same hidden figures; shows outcome rates', async () => {
    const { page, bridge, dataFolder } = await openWithScreenings(['reporting'])
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Governance reports' }).click()
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'RAG distribution' })
    await enterDate(page, 'Start of the period', '2026-11-01')
    await enterDate(page, 'End of the period', '2026-11-30')
    await page.getByLabel('Group by').selectOption({ label: 'Department' })
    await page.getByRole('button', { name: 'Show report' }).click()
    await page.getByRole('table').first().waitFor()

    // The PDF, the first choice: the save dialog answers a file beside the store.
    const pdfFile = join(dataFolder, '..', 'rag.zip')
    bridge.dialogAnswers.encryptedExportDestination = pdfFile
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export the report' })
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor()
    expect(await dialog.getByRole('alert').filter({ hasText: 'There is a problem' }).textContent()).toContain(
      'Enter a reason for the export'
    )
    await dialog.getByLabel('Reason for the export').fill('Quarterly pack for the chief officer group')
    expect(await dialog.getByLabel('PDF').isChecked()).toBe(true)
    await expectAccessible(page)
    await screenshot(page, 'reports-export-dialog')
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByRole('heading', { name: 'The export is saved' }).waitFor()
    const password = (await dialog.locator('.list-export__password code').textContent()) ?? ''
    await screenshot(page, 'reports-export-saved')
    const reader = new ZipReader(new Uint8ArrayReader(readFileSync(pdfFile)))
    const [entry] = await reader.getEntries()
    const bytes = entry && !entry.directory ? await entry.getData(new Uint8ArrayWriter(), { password }) : new Uint8Array()
    await reader.close()
    expect(entry?.filename).toBe('harbour-report-rag-distribution-2026-11-01-to-2026-11-30.pdf')
    const pdf = await parsePdf(bytes)
    expect(pdf.text).toContain('RAG distribution')
    expect(pdf.text).toContain('Latest screening in the period, by RAG rating')
    expect(pdf.text).toContain('Custody')
    expect(pdf.text).toContain('<5')
    expect(pdf.text).not.toContain('Lane')
    await dialog.getByRole('button', { name: 'Done' }).click()

    // The CSV: Custody's one amber screening hidden as on screen.
    const csvFile = join(dataFolder, '..', 'rag-csv.zip')
    bridge.dialogAnswers.encryptedExportDestination = csvFile
    await page.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByLabel('CSV').check()
    await dialog.getByLabel('Reason for the export').fill('Quarterly pack for the chief officer group')
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByRole('heading', { name: 'The export is saved' }).waitFor()
    const csvPassword = (await dialog.locator('.list-export__password code').textContent()) ?? ''
    const csv = await csvInZip(csvFile, csvPassword)
    const records = (parse(csv.text, { bom: true }) as string[][]).map((record) => record.filter((cell) => cell !== ''))
    expect(records).toContainEqual(['Custody', '0', '<5', '0', '<5'])
    expect(records).toContainEqual(['Armed Policing', '0', '0', '6', '6'])
    await dialog.getByRole('button', { name: 'Done' }).click()

    // Outcome rates: nothing completed in November, so every column is 0.
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Outcomes of completed referrals' })
    await page.getByLabel('Group by').selectOption({ label: 'No grouping' })
    await page.getByRole('button', { name: 'Show report' }).click()
    await page.getByRole('heading', { name: 'Outcomes of completed referrals', level: 2, exact: true }).waitFor()
    const outcomes = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Reliable recovery' }) })
    expect(await outcomes.getByRole('columnheader').allTextContents()).toEqual([
      'People',
      'Reliable recovery',
      'Recovered',
      'Reliable improvement',
      'No reliable change',
      'Reliable deterioration',
      'Not classified (a score missing)',
      'Referrals completed'
    ])
    await screenshot(page, 'reports-outcomes')
  })
})
