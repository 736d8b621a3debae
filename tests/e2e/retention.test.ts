import { afterEach, describe, expect, it } from 'vitest'
import { personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { expectAccessible, h1, must, openApp, screenshot, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('records past retention', () => {
  it('lists a leaver past retention, purges them with the passphrase, and they are gone', async () => {
    const now = new Date('2026-11-26T09:00:00Z')
    app = await openApp({
      clock: () => now,
      prepare: async (bridge) => {
        await must(
          bridge,
          'people:create',
          personFields({ staffNumber: 'PC1001', givenName: 'Gwen', familyName: 'Morris', leavingDate: '2019-03-01' })
        )
        await must(bridge, 'people:create', personFields({ staffNumber: 'PC1002', givenName: 'Ifan', familyName: 'Rees' }))
      }
    })
    const { page } = app
    await page.getByRole('link', { name: 'Records past retention' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Records past retention')
    const row = page.getByRole('row', { name: /Gwen Morris PC1001 1 Mar 2019 None Leaver: kept until 1 Mar 2025 Person record: 1/ })
    await row.waitFor()
    expect(await page.getByRole('main').textContent()).not.toContain('Ifan Rees')
    await expectAccessible(page)
    await screenshot(page, 'retention-review')

    await page.getByLabel('Choose Gwen Morris').check()
    await page.getByRole('button', { name: 'Purge the people chosen' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Gwen Morris (PC1001): Person record: 1').waitFor()
    await dialog.getByLabel('Your passphrase').fill('not the passphrase')
    await dialog.getByRole('button', { name: 'Purge for good' }).click()
    await dialog.getByText('That passphrase is not right').waitFor()
    await screenshot(page, 'retention-purge-confirm')
    await dialog.getByLabel('Your passphrase').fill(admin.passphrase)
    await dialog.getByRole('button', { name: 'Purge for good' }).click()
    await page.getByText('1 person purged').waitFor()
    await page.getByText('No one is past retention today.').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'retention-purged')
    const left = await must<{ id: string }[]>(app.bridge, 'people:search', { query: 'Morris' })
    expect(left).toEqual([])
  })
})
