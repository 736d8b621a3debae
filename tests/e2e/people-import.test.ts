import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { importColumns } from '../../shared/contract/people-import'
import type { ProgressUpdate } from '../../shared/contract/progress'
import { expectAccessible, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

/** Writes an HR file beside the app's data folder and makes it the next file the dialog picks. */
function nextFile(name: string, lines: string[]): string {
  if (!app) throw new Error('open the app first')
  const path = join(app.dataFolder, '..', name)
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  app.bridge.dialogAnswers.importFile = path
  return path
}

const people = () => (app?.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n
const problemItems = (page: AppUnderTest['page']) =>
  page.getByRole('alert').filter({ hasText: 'to fix' }).getByRole('listitem').allTextContents()

async function openImport(): Promise<AppUnderTest['page']> {
  app = await openApp()
  await app.page.getByRole('link', { name: 'Import people' }).click()
  return app.page
}

describe('importing next month’s HR file', () => {
  const header = 'Ident,Given,Family,Kind,Post held'

  it('applies the saved mapping that fits, says so, and clears stale problems when the mapping changes', async () => {
    const page = await openImport()
    nextFile('october.csv', [header, 'PC1,Ann,Bell,police officer,response'])
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    // None of these headers is a known one: every required field is a column-mapping problem.
    await page.getByRole('alert').filter({ hasText: 'to fix' }).waitFor()
    expect(await problemItems(page)).toEqual([
      'Column mapping: no column is mapped to staff number',
      'Column mapping: no column is mapped to given name',
      'Column mapping: no column is mapped to family name',
      'Column mapping: no column is mapped to employment type'
    ])
    await expectAccessible(page)
    await screenshot(page, 'import-column-mapping-problems')

    // Choosing a column makes the problems stale: they go, and the screen asks for a new check.
    await page.getByLabel('Staff or collar number (required)').selectOption('Ident')
    expect(await page.getByRole('alert').filter({ hasText: 'to fix' }).count()).toBe(0)
    await page.getByText('You have changed the mapping. Check the file again to see what it will import.').waitFor()
    await screenshot(page, 'import-mapping-changed')
    await page.getByLabel('Given name (required)').selectOption('Given')
    await page.getByLabel('Family name (required)').selectOption('Family')
    await page.getByLabel('Employment type (required)').selectOption('Kind')
    await page.getByLabel('Role', { exact: true }).selectOption('Post held')
    await page.getByLabel('Save this mapping as (optional)').fill('Monthly HR')
    await page.getByRole('button', { name: 'Save mapping' }).click()
    await page.getByText('Mapping saved as Monthly HR.').waitFor()
    await page.getByRole('button', { name: 'Check the file again' }).click()
    await page.getByRole('button', { name: 'Import 1 person' }).click()
    await page.getByRole('heading', { name: 'Import complete' }).waitFor()

    // November: the same layout. The saved mapping is applied by itself, and the screen says so.
    nextFile('november.csv', [header, 'PC1,Ann,Bell,police officer,response', 'PC2,Ben,Cole,pcso,neighbourhood'])
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    await page.getByRole('heading', { name: "Using your saved mapping 'Monthly HR'" }).waitFor()
    expect(await page.getByLabel('Staff or collar number (required)').inputValue()).toBe('Ident')
    expect(await page.getByLabel('Use a saved mapping').inputValue()).toBe('Monthly HR')
    await expectAccessible(page)
    await screenshot(page, 'import-saved-mapping-applied')
    // Checking again with it keeps saying so; changing a field means it is no longer that mapping.
    await page.getByRole('button', { name: 'Check the file again' }).click()
    await page.getByRole('button', { name: 'Import 1 person' }).waitFor()
    await expect.poll(() => page.getByRole('heading', { name: "Using your saved mapping 'Monthly HR'" }).count()).toBe(1)
    await page.getByLabel('Role', { exact: true }).selectOption('')
    expect(await page.getByRole('heading', { name: "Using your saved mapping 'Monthly HR'" }).count()).toBe(0)
    await page.getByLabel('Role', { exact: true }).selectOption('Post held')
    await page.getByRole('button', { name: 'Check the file again' }).click()
    await page.getByRole('button', { name: 'Import 1 person' }).click()
    await page.getByRole('heading', { name: 'Import complete' }).waitFor()
    expect(people()).toBe(2)
  })
})

describe('importing only the valid rows', () => {
  it('is a separate, confirmed choice that saves the rejected rows to the file chosen', async () => {
    const page = await openImport()
    const header = importColumns.join(',')
    const source = nextFile('hr.csv', [
      header,
      'PC1,,Ann,Bell,,12/04/1985,police officer,response,,,,,01/09/2008,',
      'PC2,,Bob,Cole,,12/04/1985,robot,response,,,,,01/09/2008,',
      'PC3,,Cat,Dunn,,12/04/1985,police staff,,,,,,01/09/1995,',
      'PC4,,Dev,Eze,,12/04/1985,pcso,,,,,,,'
    ])
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    await page.getByRole('alert').filter({ hasText: 'to fix' }).waitFor()
    expect(await problemItems(page)).toEqual([
      'Line 3 (PC2 Bob Cole): employment type "robot" is not one of police officer, police staff, special constable, PCSO, volunteer',
      'Line 4 (PC3 Cat Dunn): start date "01/09/1995" is before their 16th birthday (date of birth "12/04/1985")'
    ])
    // All or nothing by default: there is no plain Import button while any row is wrong.
    expect(await page.getByRole('button', { name: /^Import \d+ (person|people)$/ }).count()).toBe(0)
    await screenshot(page, 'import-problems-with-names')

    if (!app) throw new Error('the app is open')
    const destination = join(app.dataFolder, '..', 'rejected.csv')
    app.bridge.dialogAnswers.rejectedRowsDestination = destination
    await page.getByRole('button', { name: 'Import the 2 valid rows and save the 2 rows with problems to a file' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import only the 2 rows that are valid?' })
    await dialog.waitFor()
    await expectAccessible(page)
    await screenshot(page, 'import-valid-rows-confirm')
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(people()).toBe(0)
    // Nor does choosing the file being imported as the place for the rejected rows.
    app.bridge.dialogAnswers.rejectedRowsDestination = source
    await page.getByRole('button', { name: 'Import the 2 valid rows and save the 2 rows with problems to a file' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Choose where to save them, then import' }).click()
    await page
      .getByRole('alert')
      .filter({ hasText: 'Nothing was imported' })
      .getByText('Choose another file: the rejected rows cannot replace the file being imported.')
      .waitFor()
    expect(people()).toBe(0)
    expect(readFileSync(source, 'utf8')).toContain('PC2,,Bob,Cole')
    await screenshot(page, 'import-valid-rows-refused')
    app.bridge.dialogAnswers.rejectedRowsDestination = destination
    await page.getByRole('button', { name: 'Import the 2 valid rows and save the 2 rows with problems to a file' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Choose where to save them, then import' }).click()
    await page.getByRole('heading', { name: 'Import complete' }).waitFor()
    await page.getByText(`2 rows with problems were not imported. They are saved, with a Problem column, in ${destination}.`).waitFor()
    expect(people()).toBe(2)
    const rejected = parse(readFileSync(destination), { bom: true }) as string[][]
    expect(rejected.map((row) => row[1])).toEqual(['staff_number', 'PC2', 'PC3'])
    await expectAccessible(page)
    await screenshot(page, 'import-valid-rows-done')
  })

  it('imports nothing when the save dialog is cancelled', async () => {
    const page = await openImport()
    nextFile('hr.csv', [importColumns.join(','), 'PC1,,Ann,Bell,,,police officer,,,,,,,', 'PC2,,Bob,Cole,,,robot,,,,,,,'])
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    await page.getByRole('button', { name: 'Import the 1 valid row and save the 1 row with problems to a file' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Choose where to save them, then import' }).click()
    await page.getByRole('alert').filter({ hasText: 'to fix' }).waitFor()
    expect(people()).toBe(0)
    expect(existsSync(join(app?.dataFolder ?? '', '..', 'hr-rejected-rows.csv'))).toBe(false)
  })
})

describe('a large import', () => {
  it('saves what it checked, without checking again, and shows saving progress as it goes', async () => {
    const page = await openImport()
    const rows = Array.from({ length: 5000 }, (_, i) => `PC${10000 + i},,Given${i},Family${i},,01/02/1980,police officer,response,,,,,,`)
    nextFile('hr-large.csv', [importColumns.join(','), ...rows])
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    const importButton = page.getByRole('button', { name: 'Import 5000 people' })
    await importButton.waitFor()
    // Record every progress report, and every text the progress label shows, from here on.
    await page.evaluate(() => {
      const seen: unknown[] = []
      const labels: string[] = []
      Object.assign(window, { progressSeen: seen, labelsSeen: labels })
      window.harbour.on('progress:update', (update) => seen.push(update))
      new MutationObserver(() => {
        const label = document.querySelector('label[for="import-progress"]')?.textContent
        if (label && labels.at(-1) !== label) labels.push(label)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await importButton.click()
    await page.getByRole('heading', { name: 'Import complete' }).waitFor()
    const { seen, labels } = await page.evaluate(() => {
      const recorded = window as unknown as { progressSeen: ProgressUpdate[]; labelsSeen: string[] }
      return { seen: recorded.progressSeen, labels: recorded.labelsSeen }
    })
    expect(seen.filter((update) => update.phase === 'checking')).toEqual([])
    expect(seen.filter((update) => update.phase === 'saving' && update.done > 0 && update.done < 5000).length).toBeGreaterThan(0)
    expect(seen.at(-1)).toEqual({ task: 'people-import', phase: 'done', done: 5000, total: 5000 })
    expect(labels.some((label) => /^Saving: [1-4],\d{3} of 5,000$/.test(label))).toBe(true)
    expect(people()).toBe(5000)
  })
})
