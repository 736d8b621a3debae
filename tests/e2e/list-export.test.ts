import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { admin } from '../fixtures/store'
import { csvInZip } from './export-steps'
import { expectAccessible, must, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

function person(staffNumber: string, givenName: string, familyName: string) {
  return {
    staffNumber,
    title: null,
    givenName,
    familyName,
    preferredName: null,
    dateOfBirth: null,
    employmentType: 'police-officer',
    roleId: 'firearms',
    department: null,
    lineManager: null,
    email: null,
    phone: null,
    startDate: null,
    leavingDate: null,
    restricted: false,
    namedClinicianIds: [],
    adjustments: null
  }
}

describe('exporting a list', () => {
  it('exports my caseload as an encrypted zip after a reason and the passphrase, and shows the password once', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        for (const [staffNumber, givenName, familyName, priority] of [
          ['PC7001', 'Rosa', 'Marsh', 'urgent'],
          ['PC7002', 'Sam', '=HYPERLINK("x")', 'routine']
        ] as const) {
          const created = await must<{ id: string }>(bridge, 'people:create', person(staffNumber, givenName, familyName))
          await must(bridge, 'cases:open', { personId: created.id, reason: 'self-referral', priority, nextReviewDate: null })
        }
      }
    })
    const { page, bridge } = app
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(3)
    const file = join(app.dataFolder, '..', 'my-caseload.zip')
    bridge.dialogAnswers.encryptedExportDestination = file

    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export my caseload' })
    await dialog.waitFor()
    // Plaintext is not offered: no administrator has allowed it.
    expect(await dialog.getByText('How to save it').count()).toBe(0)
    await dialog.getByText('The file is saved as an encrypted zip, with a password shown once.').waitFor()

    // Nothing typed: both problems at the top and at their fields, and the save dialog never opens.
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    const summary = dialog.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter a reason for the export', 'Enter your passphrase'])
    expect(existsSync(file)).toBe(false)

    // Someone else's passphrase is refused at the field.
    await dialog.getByLabel('Reason for the export').fill('Caseload review with the service lead')
    await dialog.getByLabel('Your passphrase', { exact: true }).fill('not the right passphrase at all')
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByText('That passphrase is not right. Enter your own passphrase to export').first().waitFor()
    expect(existsSync(file)).toBe(false)
    await expectAccessible(page)
    await screenshot(page, 'list-export-dialog-errors')

    await dialog.getByLabel('Your passphrase', { exact: true }).fill(admin.passphrase)
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByRole('heading', { name: 'The export is saved' }).waitFor()
    await dialog.getByRole('heading', { name: 'This password is shown only once' }).waitFor()
    await dialog.getByText('Send it to the recipient separately from the file').waitFor()
    expect(await dialog.getByText('my-caseload.zip holds 2 rows').count()).toBe(1)
    const password = (await dialog.locator('.list-export__password code').textContent()) ?? ''
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/)
    await expectAccessible(page)
    await screenshot(page, 'list-export-password')

    // The file: encrypted, nothing readable in it, and the CSV inside parses back to the caseload.
    expect(readFileSync(file).includes(Buffer.from('Marsh'))).toBe(false)
    const inside = await csvInZip(file, password)
    expect(inside.encrypted).toBe(true)
    expect(inside.name).toMatch(/^harbour-caseload-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(inside.text.startsWith('\uFEFF')).toBe(true)
    const rows = parse(inside.text, { bom: true, columns: true }) as Record<string, string>[]
    const byStaffNumber = rows.map((row) => [row['Staff number'], row['Name'], row['Priority'], row['Reason'], row['Status']]).sort()
    expect(byStaffNumber).toEqual([
      ['PC7001', 'Marsh, Rosa', 'Urgent', 'Self-referral', 'Open'],
      // A name that would start a formula is neutralised.
      ['PC7002', `'=HYPERLINK("x"), Sam`, 'Routine', 'Self-referral', 'Open']
    ])
    await expect(csvInZip(file, 'WRON-GPAS-SWOR-DXXX-XXXX-XXXX')).rejects.toThrow(/password/i)

    // Escape, even pressed again and again, does not lose the password: the dialog stays, and says why.
    await page.keyboard.press('Escape')
    await dialog.getByRole('heading', { name: 'Take the password before you close this' }).waitFor()
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape')
    // (a close that gets through is undone at once, so the dialog may be shut for a moment)
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await dialog.locator('.list-export__password code').textContent()).toBe(password)
    await screenshot(page, 'list-export-password-escape')

    // Copy puts the password, and only it, on the clipboard.
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin })
    await dialog.getByRole('button', { name: 'Copy password' }).click()
    await dialog.getByText('Copied.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password)

    // Done forgets the password: opening the dialog again starts afresh.
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await page.getByText(password).count()).toBe(0)
  })

  it('offers a plain CSV only once an administrator allows it, and exports the register from the person search', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await must(bridge, 'people:create', person('PC7101', 'Rosa', 'Marsh'))
        await must(bridge, 'people:create', person('PC7102', 'Owen', 'Marsh'))
        await must(bridge, 'people:create', person('PC7103', 'Kai', 'Brook'))
      }
    })
    const { page, bridge } = app
    await page.getByRole('link', { name: 'Settings' }).click()
    const allow = page.getByLabel('Allow list exports without encryption')
    expect(await allow.isChecked()).toBe(false)
    await allow.check()
    await page.getByText('Setting saved.').waitFor({ state: 'attached' })
    await screenshot(page, 'list-export-setting')

    await page.keyboard.press('Control+k')
    const search = page.getByRole('dialog', { name: 'Find a person' })
    await search.getByLabel('Staff number or name').fill('Marsh')
    await search.getByText('2 people found.').waitFor()
    await screenshot(page, 'list-export-register-button')
    await search.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export people register' })
    await dialog.getByText('How to save it').waitFor()
    await dialog.getByLabel('Plain CSV file, not encrypted').check()
    await dialog.getByLabel('Reason for the export').fill('Checking the register against HR')
    await dialog.getByLabel('Your passphrase', { exact: true }).fill(admin.passphrase)
    const file = join(app.dataFolder, '..', 'register.csv')
    bridge.dialogAnswers.exportDestination = file
    await expectAccessible(page)
    await screenshot(page, 'list-export-plaintext-choice')
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByRole('heading', { name: 'This file is not encrypted' }).waitFor()
    expect(await dialog.locator('.list-export__password').count()).toBe(0)
    const text = readFileSync(file, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[]
    // The people the search found, not everyone on the register.
    expect(rows.map((row) => [row['Staff number'], row['Name'], row['Restricted record']]).sort()).toEqual([
      ['PC7101', 'Marsh, Rosa', 'No'],
      ['PC7102', 'Marsh, Owen', 'No']
    ])

    // The other lists have the same button, beside their filters.
    await dialog.getByRole('button', { name: 'Done' }).click()
    await search.getByRole('button', { name: 'Close' }).click()
    for (const [link, heading, name] of [
      ['Referrals', 'Referrals', 'list-export-referrals-button'],
      ['Screening recall', 'Screening recall', 'list-export-recall-button']
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      await page.getByRole('button', { name: 'Export…' }).waitFor()
      await screenshot(page, name)
    }
  })
})
