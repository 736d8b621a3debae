import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate } from '../../shared/calendar-date'
import { importColumns } from '../../shared/contract/people-import'
import { expectAccessible, h1, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

async function fillDate(page: AppUnderTest['page'], id: string, day: string, month: string, year: string) {
  await page.locator(`[id="${id}"]`).fill(day)
  await page.locator(`[id="${id}-month"]`).fill(month)
  await page.locator(`[id="${id}-year"]`).fill(year)
}

describe("a clinician's day", () => {
  it('adds a person, opens a case, writes and amends a note, and completes a task', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await page.getByRole('link', { name: 'Add a person', exact: true }).first().click()
    await expect.poll(() => h1(page).textContent()).toBe('Add a person')

    await page.getByLabel('Staff or collar number').fill('PC4321')
    await page.getByLabel('Given name').fill('Siân')
    await fillDate(page, 'person-dateOfBirth', '31', '2', '1985')
    await page.getByRole('button', { name: 'Add person' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter the family name', 'Enter a real date'])
    await expectAccessible(page)
    await screenshot(page, 'person-form-errors')

    await page.getByLabel('Family name', { exact: true }).fill('Evans')
    await fillDate(page, 'person-dateOfBirth', '12', '4', '1985')
    await page.getByLabel('Force role').selectOption({ label: 'Firearms' })
    await page.getByRole('button', { name: 'Add person' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Siân Evans')
    const banner = page.getByRole('region', { name: 'Person whose record is open' })
    expect(await banner.textContent()).toMatch(/EVANS, Siân.*PC4321.*Firearms.*12 Apr 1985 \(\d+ years\)/)

    await page.getByRole('button', { name: 'Open a case' }).click()
    await page.getByLabel('Reason').selectOption('bereavement')
    await page.getByRole('button', { name: 'Open case', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor()
    await page.getByLabel('Reason').selectOption('self-referral')
    await page.getByLabel('Priority').selectOption('soon')
    // A week from today: a review date in the past is refused.
    const review = new Date(Date.now() + 7 * 86_400_000)
    await fillDate(
      page,
      'case-nextReviewDate',
      String(review.getUTCDate()),
      String(review.getUTCMonth() + 1),
      String(review.getUTCFullYear())
    )
    await page.getByRole('button', { name: 'Open case', exact: true }).click()
    const caseCard = page.getByRole('article', { name: 'Self-referral' })
    await caseCard.waitFor()
    await caseCard.getByText('Case review', { exact: true }).first().waitFor()

    await caseCard.getByLabel('Note', { exact: true }).fill('Telephone call: sleeping badly since the incident. Agreed GP visit.')
    await caseCard.getByRole('button', { name: 'Add note' }).click()
    await caseCard.getByText('Agreed GP visit.', { exact: false }).waitFor()
    await caseCard.getByRole('button', { name: /^Amend/ }).click()
    await caseCard.getByLabel('Corrected note').fill('Telephone call: sleeping badly since the incident. Agreed GP visit and TRiM.')
    await caseCard.getByLabel('Reason for the amendment').fill('Left out TRiM')
    await caseCard.getByRole('button', { name: 'Save amendment' }).click()
    await caseCard.getByText('Left out TRiM', { exact: false }).waitFor()
    await expect.poll(() => caseCard.getByText('Agreed GP visit.', { exact: false }).count()).toBe(1)
    await expect.poll(() => caseCard.getByText('Agreed GP visit and TRiM.', { exact: false }).count()).toBe(1)

    await caseCard.getByLabel('What needs doing').fill('Chase GP letter')
    await fillDate(
      page,
      `case-${(await caseCard.getAttribute('aria-labelledby'))?.replace('case-heading-', '').slice(0, 8)}-task-due`,
      '1',
      '12',
      '2026'
    )
    await caseCard.getByRole('button', { name: 'Add task' }).click()
    await caseCard.getByText('Chase GP letter', { exact: true }).first().waitFor()
    await caseCard.getByRole('button', { name: 'Done: Chase GP letter' }).click()
    await expect.poll(() => caseCard.getByRole('button', { name: 'Done: Chase GP letter' }).count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'person-page')

    await page.getByRole('link', { name: 'My caseload' }).click()
    const row = page.getByRole('row', {
      name: new RegExp(`Evans, Siân PC4321 Self-referral Open Soon ${formatCalendarDate(review.toISOString().slice(0, 10))}`)
    })
    await row.waitFor()
    await expectAccessible(page)
    await screenshot(page, 'caseload')
    // "Match this computer" on a dark desktop: tags take the dark theme's colours too.
    await page.emulateMedia({ colorScheme: 'dark' })
    const tagColour = await page
      .locator('.tag--yellow')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(tagColour).toBe('rgb(74, 64, 0)')
    await expectAccessible(page)
    await screenshot(page, 'caseload-system-dark')
    const views = app.bridge.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'person.viewed'").get() as {
      n: number
    }
    expect(views.n).toBeGreaterThan(0)
  })

  it('finds a person from the keyboard with Ctrl+K', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        const host = { core: bridge.core, vault: bridge.vault }
        const { createDispatcher } = await import('../../electron/core/ipc/dispatch')
        const { handlers } = await import('../../electron/core/ipc/handlers')
        const dispatch = createDispatcher(handlers)
        for (const [staffNumber, givenName, familyName] of [
          ['PC1000', 'Joanna', 'Smith'],
          ['PS2000', 'John', 'Smithers'],
          ['PC3000', 'Ann', 'Jones']
        ]) {
          await dispatch(
            'people:create',
            {
              staffNumber,
              title: null,
              givenName,
              familyName,
              preferredName: null,
              dateOfBirth: null,
              employmentType: 'police-officer',
              roleId: null,
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
        }
      }
    })
    const { page } = app
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await page.keyboard.press('Control+k')
    const dialog = page.getByRole('dialog', { name: 'Find a person' })
    await dialog.waitFor()
    await page.keyboard.type('smi')
    await expect.poll(() => dialog.getByRole('option').count()).toBe(2)
    await expectAccessible(page)
    await screenshot(page, 'search')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => h1(page).textContent()).toBe('John Smithers')
  })

  it('refuses an HR file with errors, then imports it once fixed', async () => {
    app = await openApp()
    const { page } = app
    const header = importColumns.join(',')
    const bad = join(app.dataFolder, '..', 'hr-bad.csv')
    writeFileSync(bad, `${header}\r\nPC1,,Ann,Bell,,31/02/1980,police officer,firearms,,,,,,\r\nPC2,,Bob,Cole,,,robot,,,,,,,\r\n`)
    app.bridge.dialogAnswers.importFile = bad
    await page.getByRole('link', { name: 'Import people' }).click()
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    const problems = page.getByRole('alert').filter({ hasText: 'problems to fix' })
    await problems.waitFor()
    expect(await problems.getByRole('listitem').allTextContents()).toEqual([
      'Line 2 (PC1 Ann Bell): date of birth "31/02/1980" is not a date (use DD/MM/YYYY or YYYY-MM-DD)',
      'Line 3 (PC2 Bob Cole): employment type "robot" is not one of police officer, police staff, special constable, PCSO, volunteer'
    ])
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 })
    await expectAccessible(page)
    await screenshot(page, 'import-problems')

    writeFileSync(bad, `${header}\r\nPC1,,Ann,Bell,,28/02/1980,police officer,firearms,,,,,,\r\nPC2,,Bob,Cole,,,pcso,,,,,,,\r\n`)
    await page.getByRole('button', { name: 'Check the file again' }).click()
    await page.getByRole('button', { name: 'Import 2 people' }).click()
    await page.getByRole('heading', { name: 'Import complete' }).waitFor()
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 2 })
    await screenshot(page, 'import-done')
  })
})

describe('a large HR import', () => {
  it('reports progress to the window while it checks and saves 5,000 rows', async () => {
    app = await openApp()
    const { page } = app
    const header = importColumns.join(',')
    const rows = Array.from({ length: 5000 }, (_, i) => `PC${10000 + i},,Given${i},Family${i},,01/02/1980,police officer,response,,,,,,`)
    const file = join(app.dataFolder, '..', 'hr-large.csv')
    writeFileSync(file, `${header}\r\n${rows.join('\r\n')}\r\n`)
    app.bridge.dialogAnswers.importFile = file
    await page.getByRole('link', { name: 'Import people' }).click()
    await page.evaluate(() => {
      const seen: unknown[] = []
      ;(window as unknown as { progressSeen: unknown[] }).progressSeen = seen
      window.harbour.on('progress:update', (update) => seen.push(update))
    })
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    await page.getByRole('button', { name: 'Import 5000 people' }).click()
    await page.getByRole('heading', { name: 'Import complete' }).waitFor()
    const seen =
      (await page.evaluate(() => (window as unknown as { progressSeen: { phase: string; done: number; total: number }[] }).progressSeen)) ??
      []
    expect(seen.some((u) => u.phase === 'checking' && u.done > 0 && u.total === 5000)).toBe(true)
    expect(seen.at(-1)).toEqual({ task: 'people-import', phase: 'done', done: 5000, total: 5000 })
  })
})
