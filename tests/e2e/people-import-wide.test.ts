import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expectAccessible, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('a wide HR file', () => {
  it('scrolls sideways in its own labelled, focusable region, never the whole page', async () => {
    app = await openApp()
    const { page } = app
    await page.getByRole('link', { name: 'Import people' }).click()
    // The template's columns plus many more a force's HR system adds, with long values.
    const extra = Array.from({ length: 24 }, (_, index) => `Organisational unit description ${index + 1}`)
    const header = ['staff_number', 'given_name', 'family_name', 'employment_type', ...extra]
    const row = ['PC1', 'Ann', 'Bell', 'police officer', ...extra.map((_, index) => `Territorial Policing Command North Area ${index + 1}`)]
    const path = join(app.dataFolder, '..', 'wide.csv')
    writeFileSync(path, `${header.join(',')}\r\n${row.join(',')}\r\n`)
    app.bridge.dialogAnswers.importFile = path
    await page.getByRole('button', { name: 'Choose a CSV file' }).click()
    const region = page.getByRole('region', { name: 'Preview of the first rows' })
    await region.getByRole('cell', { name: 'Territorial Policing Command North Area 24' }).waitFor()
    // The page never scrolls sideways…
    const pageWidths = await page.evaluate(() => {
      const root = document.scrollingElement as Element
      return { scroll: root.scrollWidth, client: root.clientWidth }
    })
    expect(pageWidths.scroll).toBeLessThanOrEqual(pageWidths.client)
    // …the preview does, and can be reached and scrolled from the keyboard.
    const regionWidths = await region.evaluate((node) => ({ scroll: node.scrollWidth, client: node.clientWidth }))
    expect(regionWidths.scroll).toBeGreaterThan(regionWidths.client)
    expect(await region.getAttribute('tabindex')).toBe('0')
    await region.focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => region.evaluate((node) => node.scrollLeft)).toBeGreaterThan(0)
    expect(await page.evaluate(() => (document.scrollingElement as Element).scrollLeft)).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'import-wide-file')
  })
})
