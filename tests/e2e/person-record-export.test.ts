import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readEncryptedZipBytes } from '../../electron/core/documents/encrypted-zip'
import { parsePdf } from '../fixtures/pdf-text'
import { admin } from '../fixtures/store'
import { expectAccessible, h1, openApp, screenshot, type AppUnderTest } from './harness'
import { aCaseWithTasks, ids } from './seed-team'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('a subject access request from the person page', () => {
  it('asks for a reason and the passphrase, lets the clinician cancel, and saves a zip whose PDF and JSON hold the record', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page, bridge, dataFolder } = app
    await page.goto(`${bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')

    await page.getByRole('button', { name: 'Export record…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export Rosa Marsh’s record' })
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    const summary = dialog.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').count()).toBe(2)
    // Before anything is released, the clinician is told to review it for third parties' information.
    await dialog.getByRole('heading', { name: 'Review it before it is released' }).waitFor()

    // A name typed as the request's reference is refused at its field: the reference is kept in the audit.
    await dialog.getByLabel('Request reference (optional)').fill('Rosa Marsh')
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await expect.poll(() => dialog.locator('#person-record-export-requestReference-error').textContent()).toContain('never a name')
    await dialog.getByLabel('Request reference (optional)').fill('SAR 2026/114')

    await dialog.getByLabel('Reason for the export').fill('SAR 2026/114 from the officer')
    await dialog.getByLabel('Your passphrase', { exact: true }).fill('not my passphrase at all')
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await expect
      .poll(() => dialog.locator('#person-record-export-passphrase-error').textContent())
      .toContain('That passphrase is not right')

    // Cancelling the save dialog writes nothing and says so.
    bridge.dialogAnswers.encryptedExportDestination = null
    await dialog.getByLabel('Your passphrase', { exact: true }).fill(admin.passphrase)
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByText('Nothing was written or recorded.').waitFor()

    const file = join(dataFolder, '..', 'rosa-marsh-sar.zip')
    bridge.dialogAnswers.encryptedExportDestination = file
    await dialog.getByRole('button', { name: 'Choose where to save' }).click()
    await dialog.getByRole('heading', { name: 'The record is exported' }).waitFor()
    const password = (await dialog.locator('.list-export__password code').textContent()) ?? ''
    expect(password.length).toBeGreaterThanOrEqual(16)
    await expectAccessible(page)
    await screenshot(page, 'person-record-export-saved')

    expect(existsSync(file)).toBe(true)
    await expect(readEncryptedZipBytes(readFileSync(file), 'wrong password')).rejects.toThrow()
    const entries = await readEncryptedZipBytes(readFileSync(file), password)
    expect(entries.map((entry) => [entry.name, entry.encrypted])).toEqual([
      ['record.json', true],
      ['record.pdf', true]
    ])
    const record = JSON.parse(new TextDecoder().decode(entries[0]?.bytes)) as {
      format: string
      person: { staffNumber: string }
      cases: unknown[]
    }
    expect(record).toMatchObject({ format: 'harbour-person-record', person: { staffNumber: 'PC7777' } })
    expect(record.cases.length).toBeGreaterThan(0)
    const pdf = await parsePdf(entries[1]?.bytes ?? new Uint8Array())
    expect(pdf.sizes[0]).toEqual({ width: 595, height: 842 })
    expect(pdf.text).toContain('Rosa Marsh')
    expect(pdf.text).toContain('for a subject access request')
    // The reason's words are on no file and in no audit entry.
    expect(pdf.text).not.toContain('SAR 2026/114')
    // Escape does not lose the password shown once.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await dialog.getByRole('heading', { name: 'Take the password before you close this' }).waitFor()
    expect(await dialog.locator('.list-export__password code').textContent()).toBe(password)
    await screenshot(page, 'person-record-export-escape')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    // The request's reference, and not the reason's words, is in the export's audit entry.
    const audit = bridge.vault.sqlite.prepare(`SELECT detail FROM audit_log WHERE action = 'export.person-record'`).all() as {
      detail: string
    }[]
    expect(audit.map((entry) => entry.detail.split('; ').slice(0, 2))).toEqual([['reason', 'request SAR 2026/114']])
  })
})
