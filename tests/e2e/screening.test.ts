import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { join } from 'node:path'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import { csvInZip, exportThroughDialog } from './export-steps'
import { contrastWithBackground, expectAccessible, h1, openApp, screenshot, screenshotFolder, type AppUnderTest } from './harness'

const todayLabel = () => formatCalendarDate(todayInLondon(new Date()))

let app: AppUnderTest | null = null
let personId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

async function answer(page: Page, instrument: string, values: number[]) {
  for (const [index, value] of values.entries()) {
    await page.locator(`input[name="${instrument}-${index + 1}"][value="${value}"]`).check()
  }
}

async function withPerson() {
  return openApp({
    prepare: async (bridge) => {
      const host = { core: bridge.core, vault: bridge.vault }
      const dispatch = createDispatcher(handlers)
      const created = await dispatch(
        'people:create',
        {
          staffNumber: 'PC7777',
          title: 'DC',
          givenName: 'Rosa',
          familyName: 'Marsh',
          preferredName: null,
          dateOfBirth: '1988-02-03',
          employmentType: 'police-officer',
          roleId: 'digital-forensics',
          department: null,
          lineManager: null,
          email: null,
          phone: null,
          startDate: null,
          leavingDate: null,
          restricted: false,
          namedClinicianIds: [],
          adjustments: null
        },
        host
      )
      if (!created.ok) throw new Error(created.error.message)
      personId = (created.value as { id: string }).id
      const opened = await dispatch('cases:open', { personId, reason: 'post-incident', priority: 'soon', nextReviewDate: null }, host)
      if (!opened.ok) throw new Error(opened.error.message)
      // Two earlier sittings so the history has a line to draw.
      for (const [date, answers] of [
        ['2025-11-20', [1, 1, 1, 1, 1, 0, 0, 0, 0]],
        ['2026-05-20', [2, 2, 2, 2, 2, 1, 1, 0, 0]]
      ] as const) {
        const saved = await dispatch(
          'screening:save',
          { personId, sittingDate: date, mode: 'clinician-entered', results: [{ kind: 'items', instrument: 'phq9', answers }] },
          host
        )
        if (!saved.ok) throw new Error(saved.error.message)
      }
    }
  })
}

describe('screening', () => {
  it('a positive PHQ-9 item 9 raises a red alert and a task at once; acknowledging needs an action', async () => {
    app = await withPerson()
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${personId}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    await page.getByRole('button', { name: 'Record a screening' }).click()
    // The role's battery is chosen for the clinician; keep only the PHQ-9 for this sitting.
    for (const other of ['GAD-7', 'PCL-5', 'AUDIT-C']) await page.getByLabel(other, { exact: true }).uncheck()
    await answer(page, 'phq9', [3, 3, 2, 2, 1, 1, 1, 1, 1])
    await page.getByText('Score 15: moderately severe').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'screening-form')
    await page.getByRole('button', { name: 'Save screening' }).click()

    const banner = page.getByRole('alert').filter({ hasText: 'Safety alert needs action' })
    await banner.waitFor()
    expect(await banner.textContent()).toContain(
      `PHQ-9 item 9 answered “Several days” — screening of ${todayLabel()}, entered by a clinician`
    )
    await page.getByRole('cell', { name: /^RED/ }).first().waitFor()
    await page.locator('figure.chart').first().waitFor()
    await expect.poll(() => page.locator('figure.chart .recharts-reference-area').count()).toBe(5)
    expect(
      (await page.getByRole('cell', { name: '+5' }).count()) + (await page.getByRole('cell', { name: /reliable change/ }).count())
    ).toBeGreaterThan(0)
    await expectAccessible(page)
    await screenshot(page, 'screening-alert-and-history')
    await page
      .locator('figure.chart')
      .first()
      .screenshot({ path: join(screenshotFolder, 'screening-chart.png') })

    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('alert').filter({ hasText: 'Safety alert needs action' }).waitFor()
    await page.getByText('Urgent: review risk (PHQ-9 item 9)').first().waitFor()
    // The caseload row says so too, though the case's priority is only "Soon".
    await page.getByRole('row').filter({ hasText: 'Marsh, Rosa' }).getByText('Safety alert', { exact: true }).waitFor()
    await screenshot(page, 'home-with-alert')
    expect(await page.getByRole('button', { name: 'Done: Urgent: review risk (PHQ-9 item 9)' }).count()).toBe(0)

    await page.getByRole('link', { name: 'Record the action taken on the safety alert for Marsh, Rosa' }).click()
    await banner.waitFor()
    await banner.getByRole('button', { name: /^Record the action taken/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Record the action taken' })
    await dialog.getByRole('button', { name: 'Acknowledge the alert' }).click()
    // The refusal is readable and announced: an error summary and the field's own message, on the dialog's plain background.
    const summary = dialog.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.getByRole('link', { name: 'Enter the action taken' }).waitFor()
    const fieldError = dialog.locator('.error-message', { hasText: 'Enter the action taken' })
    await fieldError.waitFor()
    expect(await contrastWithBackground(fieldError)).toBeGreaterThanOrEqual(4.5)
    await expectAccessible(page)
    await screenshot(page, 'alert-acknowledge-error')
    expect(app.bridge.vault.sqlite.prepare('SELECT status FROM alerts').get()).toEqual({ status: 'open' })
    await dialog.getByLabel('Action taken', { exact: true }).fill('Phoned Rosa: safe.\nSafety plan agreed; GP today.')
    await dialog.getByRole('button', { name: 'Acknowledge the alert' }).click()
    await banner.waitFor({ state: 'detached' })
    await page.getByRole('status').filter({ hasText: 'The safety alert for Marsh, Rosa is acknowledged' }).waitFor()
    expect(app.bridge.vault.sqlite.prepare('SELECT status, action_note FROM alerts').get()).toEqual({
      status: 'acknowledged',
      action_note: 'Phoned Rosa: safe.\nSafety plan agreed; GP today.'
    })
    // The action stays visible in the person's history and on the case as a note.
    const history = page.getByRole('region', { name: 'Safety alerts and decisions on results' })
    await history.getByText('Safety plan agreed; GP today.').waitFor()
    await page
      .getByText(/Safety alert acknowledged: PHQ-9 item 9 answered/)
      .first()
      .waitFor()
    await screenshot(page, 'alert-acknowledged-history')
  })
})

describe('correcting a screening', () => {
  it('saves a correction as a new version with its reason, and keeps the original in the history', async () => {
    app = await withPerson()
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${personId}`)
    await page.locator('figure.chart').first().waitFor()
    await expect.poll(() => page.getByText(/Marked on the chart: Post-incident case opened/).count()).toBe(1)
    await page.getByRole('button', { name: 'Correct the screening of 20 May 2026' }).click()
    await page.getByRole('heading', { name: 'Correct a screening' }).waitFor()
    await page.locator('input[name="phq9-7"][value="0"]').check()
    await page.getByLabel('Reason for the correction').fill('Item 7 was ticked in the wrong column')
    await page.getByRole('button', { name: 'Save correction' }).click()
    await page.getByText('Correction (version 2): Item 7 was ticked in the wrong column').waitFor()
    await page.getByText('Replaced by a correction').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'screening-correction')
    await page
      .locator('figure.chart')
      .first()
      .screenshot({ path: join(screenshotFolder, 'screening-chart-events.png') })
    expect(app.bridge.vault.sqlite.prepare("SELECT count(*) AS n FROM screenings WHERE sitting_date = '2026-05-20'").get()).toEqual({
      n: 2
    })
  })
})

describe('screening recall', () => {
  it('lists who is due, and exports the list as formula-safe CSV that parses back', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        const host = { core: bridge.core, vault: bridge.vault }
        const dispatch = createDispatcher(handlers)
        for (const [staffNumber, familyName, roleId] of [
          ['PC1', '=HYPERLINK("x")', 'firearms'],
          ['PC2', 'Bloggs', 'neighbourhood'],
          ['PC3', 'Cole', 'digital-forensics']
        ]) {
          const created = await dispatch(
            'people:create',
            {
              staffNumber,
              title: null,
              givenName: 'Sam',
              familyName,
              preferredName: null,
              dateOfBirth: null,
              employmentType: 'police-officer',
              roleId,
              department: null,
              lineManager: null,
              email: null,
              phone: null,
              startDate: null,
              leavingDate: null,
              restricted: false,
              namedClinicianIds: [],
              adjustments: null
            },
            host
          )
          if (!created.ok) throw new Error(created.error.message)
        }
      }
    })
    const { page } = app
    await page.getByRole('link', { name: 'Screening recall' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Screening recall')
    await page.getByRole('table').waitFor()
    await expect.poll(() => page.getByRole('row').count()).toBe(3)
    await expectAccessible(page)
    await screenshot(page, 'recall')
    const file = join(app.dataFolder, '..', 'recall.zip')
    const password = await exportThroughDialog(page, app.bridge, file, 'Export screening due list')
    const { parse } = await import('csv-parse/sync')
    const rows = parse((await csvInZip(file, password)).text, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r['Staff number']).sort()).toEqual(['PC1', 'PC3'])
    expect(rows.find((r) => r['Staff number'] === 'PC1')?.['Name']).toBe(`'=HYPERLINK("x"), Sam`)
  })
})

describe('handover for self-completion', () => {
  it('shows only the questionnaire, cannot be left without the clinician’s passphrase, and saves the answers', async () => {
    app = await withPerson()
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${personId}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    await page.getByRole('button', { name: 'Hand over to complete' }).click()
    await page.getByRole('button', { name: 'Hand over now' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Hello Rosa')
    expect(await page.getByText('MARSH').count()).toBe(0)
    expect(await page.getByRole('navigation').count()).toBe(0)
    await page.locator('input[name="phq9-1"]').first().check()
    await expectAccessible(page)
    await screenshot(page, 'handover')

    // Trying to leave: other addresses, the keyboard shortcuts, a wrong passphrase.
    await page.goto(`${app.bridge.url}/index.html#/people/${personId}`)
    await expect.poll(() => h1(page).textContent()).toBe('Hello Rosa')
    await page.keyboard.press('Control+k')
    expect(await page.getByRole('dialog', { name: 'Find a person' }).count()).toBe(0)
    await page.getByLabel('Your passphrase, to return to Harbour').fill('a guess at the passphrase')
    await page.getByRole('button', { name: 'Return to Harbour' }).click()
    await page.getByText('That passphrase is not right').waitFor()
    expect(app.bridge.vault.handover).not.toBeNull()

    for (const [index, value] of [1, 1, 0, 0, 0, 0, 0, 0, 0].entries()) {
      await page
        .locator(`input[name="phq9-${index + 1}"]`)
        .nth(value)
        .check()
    }
    await page.getByRole('button', { name: 'Save my answers' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Thank you, Rosa')
    expect(await page.getByText(/score|moderate|mild/i).count()).toBe(0)
    await page.getByLabel('Your passphrase, to return to Harbour').fill('tidal estuary lantern quiet pebble')
    await page.getByRole('button', { name: 'Return to Harbour' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    expect(app.bridge.vault.sqlite.prepare('SELECT mode FROM screenings ORDER BY created_at DESC LIMIT 1').get()).toEqual({
      mode: 'self-completed'
    })
  })
})

describe('importing provider results in the window', () => {
  it('shows problems by line, then imports the fixed file and raises its alert', async () => {
    app = await withPerson()
    const { page } = app
    const file = join(app.dataFolder, '..', 'provider.csv')
    const { writeFileSync } = await import('node:fs')
    const header = 'staff_number,date,instrument,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9'
    // Headers Harbour cannot place: the column mapping is at fault, not line 1.
    writeFileSync(file, `Collar,Taken,Form\r\nPC7777,01/11/2026,phq9\r\n`)
    app.bridge.dialogAnswers.importFile = file
    await page.getByRole('link', { name: 'Screening recall' }).click()
    await page.getByRole('button', { name: 'Choose a results file' }).click()
    const problems = page.getByRole('alert').filter({ hasText: 'to fix' }).getByRole('listitem')
    await expect
      .poll(() => problems.allTextContents())
      .toEqual([
        'Column mapping: no column is mapped to staff number',
        'Column mapping: no column is mapped to date',
        'Column mapping: no column is mapped to instrument'
      ])
    await screenshot(page, 'results-import-mapping-problems')

    writeFileSync(file, `${header}\r\nPC7777,01/11/2026,phq9,0,0,0,0,0,0,0,0,9\r\n`)
    await page.getByRole('button', { name: 'Choose a results file' }).click()
    // A row's problem names whose row it is, as people import does.
    await page
      .getByText('Line 2 (PC7777 Rosa Marsh): PHQ-9 (Patient Health Questionnaire) item 9: 9 is not an allowed answer (0, 1, 2, 3)')
      .waitFor()
    writeFileSync(file, `${header}\r\nPC7777,01/11/2026,phq9,0,0,0,0,0,0,0,0,2\r\n`)
    await page.getByRole('button', { name: 'Check the file again' }).click()
    await page.getByRole('button', { name: 'Import 1 screening' }).click()
    await page.getByRole('heading', { name: 'Results imported' }).waitFor()
    await expect.poll(() => page.getByText('1 screening saved; 1 safety alert raised.').count()).toBe(1)
    await expectAccessible(page)
    await screenshot(page, 'results-import')
  })
})
