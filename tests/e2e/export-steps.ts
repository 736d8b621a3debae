import { readFileSync } from 'node:fs'
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js'
import type { Page } from 'playwright-core'
import type { Bridge } from '../bridge/server'
import { admin } from '../fixtures/store'

/**
 * Exports the list on screen through its Export… dialog as the signed-in administrator, the
 * save dialog answering `file`, and returns the password the dialog showed once (it stays open).
 */
export async function exportThroughDialog(page: Page, bridge: Bridge, file: string, dialogName: string): Promise<string> {
  bridge.dialogAnswers.encryptedExportDestination = file
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: dialogName })
  await dialog.getByLabel('Reason for the export').fill('Recall planning with the service lead')
  await dialog.getByLabel('Your passphrase', { exact: true }).fill(admin.passphrase)
  await dialog.getByRole('button', { name: 'Choose where to save' }).click()
  await dialog.getByRole('heading', { name: 'The export is saved' }).waitFor()
  return (await dialog.locator('.list-export__password code').textContent()) ?? ''
}

/** The one CSV inside an export's zip, opened with its password (@zip.js/zip.js), its byte order mark kept. */
export async function csvInZip(file: string, password: string): Promise<{ name: string; encrypted: boolean; text: string }> {
  const reader = new ZipReader(new Uint8ArrayReader(readFileSync(file)))
  try {
    const [entry] = await reader.getEntries()
    if (!entry || entry.directory) throw new Error('The zip holds no file')
    const bytes = await entry.getData(new Uint8ArrayWriter(), { password })
    return { name: entry.filename, encrypted: entry.encrypted, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }
  } finally {
    await reader.close()
  }
}
