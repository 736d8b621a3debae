import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import type { Bridge } from '../bridge/server'
import { join } from 'node:path'
import { exportThroughDialog } from './export-steps'
import { expectAccessible, h1, openApp, screenshot, screenshotFolder, type AppUnderTest } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

const dispatch = createDispatcher(handlers)

async function send(bridge: Bridge, channel: string, input: unknown): Promise<unknown> {
  const result = await dispatch(channel, input, { core: bridge.core, vault: bridge.vault })
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

function person(staffNumber: string, familyName: string, overrides: Record<string, unknown> = {}) {
  return {
    staffNumber,
    title: null,
    givenName: 'Sam',
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
    adjustments: null,
    ...overrides
  }
}

describe('lists say what they hold', () => {
  it('Tasks pages through every open task and says which are shown', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        for (let i = 1; i <= 60; i++)
          await send(bridge, 'tasks:create', {
            title: `Chase letter ${String(i).padStart(2, '0')}`,
            dueDate: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
            personId: null,
            caseId: null
          })
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/tasks`)
    await expect.poll(() => h1(page).textContent()).toBe('Tasks')
    const list = page.locator('.task-list > li')
    await page.getByText('Showing 1–50 of 60 open tasks').waitFor()
    await expect.poll(() => list.count()).toBe(50)
    await expect.poll(() => page.getByText('Page 1 of 2').count()).toBe(1)
    await expectAccessible(page)
    await screenshot(page, 'tasks-paged')
    await page.getByRole('navigation', { name: 'Pages of tasks' }).getByRole('button', { name: 'Next page' }).click()
    await page.getByText('Showing 51–60 of 60 open tasks').waitFor()
    await expect.poll(() => list.count()).toBe(10)
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true)
    // Every task is on one page or the other, once.
    await page.getByRole('button', { name: 'Previous page' }).click()
    await page.getByText('Showing 1–50 of 60 open tasks').waitFor()
    const firstPage = await page.locator('.task__title').allTextContents()
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.getByText('Showing 51–60 of 60 open tasks').waitFor()
    const secondPage = await page.locator('.task__title').allTextContents()
    expect(new Set([...firstPage, ...secondPage]).size).toBe(60)
  })

  it('Ctrl+K says how many match in all when it shows only the first 20', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        for (let i = 0; i < 57; i++)
          await send(
            bridge,
            'people:create',
            person(`PC${1000 + i}`, i % 3 ? 'Smith' : 'Collier-Smith', { givenName: `Given${i}`, roleId: null })
          )
        await send(bridge, 'people:create', person('PC9', "O'Brien", { givenName: 'Aoife', roleId: null }))
      }
    })
    const { page } = app
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await page.keyboard.press('Control+k')
    const dialog = page.getByRole('dialog', { name: 'Find a person' })
    await dialog.waitFor()
    await page.keyboard.type('smith')
    const status = dialog.getByRole('status')
    await expect
      .poll(() => status.textContent())
      .toBe('Showing the first 20 of 57 people found. Type more of the name or staff number to narrow it down.')
    await expect.poll(() => dialog.getByRole('option').count()).toBe(20)
    // The exact surname comes before the one that only contains it.
    expect(await dialog.locator('.search-result__name').first().textContent()).toMatch(/^Smith, /)
    await expectAccessible(page)
    await screenshot(page, 'search-capped')
    await page.keyboard.type(' given1')
    // Given1 and Given10 to Given19 with the surname Smith or Collier-Smith: all shown, so no cap.
    await expect.poll(() => status.textContent()).toBe('11 people found.')
    await page.getByLabel('Staff number or name').fill('obrien')
    await expect.poll(() => status.textContent()).toBe('1 person found.')
    expect(await dialog.getByRole('option').textContent()).toContain("O'Brien, Aoife")
  })

  it('prints the whole recall list, not the page on screen, saying how many it holds', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        for (let i = 0; i < 130; i++)
          await send(bridge, 'people:create', person(`PC${2000 + i}`, `Person${String(i).padStart(3, '0')}`, { department: 'Firearms' }))
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/recall`)
    await expect.poll(() => h1(page).textContent()).toBe('Screening recall')
    await page.getByText('Showing 1–100 of 130 people due').waitFor()
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(101)
    // The printer is the browser's; count the calls instead of opening a dialog.
    await page.evaluate(() => {
      const counter = window as unknown as { printed: number }
      counter.printed = 0
      window.print = () => {
        counter.printed++
      }
    })
    await page.getByRole('button', { name: 'Print the whole list (A4)' }).click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    const printView = page.locator('.recall-print')
    await expect.poll(() => printView.locator('tbody tr').count()).toBe(130)
    const printedNumbers = await printView.locator('tbody tr td:nth-child(2)').allTextContents()
    expect(new Set(printedNumbers)).toEqual(new Set(Array.from({ length: 130 }, (_, i) => `PC${2000 + i}`)))
    // On paper: the whole list and its count, and none of the screen's page or controls.
    await page.emulateMedia({ media: 'print' })
    await expect.poll(() => page.getByRole('table').count()).toBe(1)
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(131)
    expect(await page.getByText('130 people due, 0 overdue: all are listed.').isVisible()).toBe(true)
    expect(await page.getByText('Showing 1–100 of 130 people due').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Next page' }).isVisible()).toBe(false)
    await screenshot(page, 'recall-print')
    await page.screenshot({ path: join(screenshotFolder, 'recall-print-first-screen.png') })
    await page.emulateMedia({ media: 'screen' })
    expect(await printView.isVisible()).toBe(false)
    const printedAudit = app.bridge.vault.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'screening.due-printed'").all()
    expect(printedAudit).toEqual([{ detail: 'rows=130' }])
  })

  it('prints the whole recall list from Ctrl+P and from the menu’s Print too, never only the page on screen', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        for (let i = 0; i < 130; i++)
          await send(bridge, 'people:create', person(`PC${2000 + i}`, `Person${String(i).padStart(3, '0')}`, { department: 'Firearms' }))
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/recall`)
    await page.getByText('Showing 1–100 of 130 people due').waitFor()
    await page.evaluate(() => {
      const counter = window as unknown as { printed: number }
      counter.printed = 0
      window.print = () => {
        counter.printed++
      }
    })
    const printedTimes = () => page.evaluate(() => (window as unknown as { printed: number }).printed)
    const onPaper = async () => {
      await page.emulateMedia({ media: 'print' })
      const seen = {
        tables: await page.getByRole('table').count(),
        rows: await page.getByRole('table').getByRole('row').count(),
        listed: await page.getByText('130 people due, 0 overdue: all are listed.').isVisible()
      }
      await page.emulateMedia({ media: 'screen' })
      return seen
    }

    await page.keyboard.press('Control+p')
    await expect.poll(printedTimes).toBe(1)
    expect(await onPaper()).toEqual({ tables: 1, rows: 131, listed: true })

    const emit = (command: string) =>
      page.evaluate(
        (c) =>
          (window as unknown as { __harbourBridgeEmit: (e: string, p: unknown) => void }).__harbourBridgeEmit('menu:command', {
            command: c
          }),
        command
      )
    await emit('print')
    await expect.poll(printedTimes).toBe(2)
    expect(await onPaper()).toEqual({ tables: 1, rows: 131, listed: true })
    const printedAudit = app.bridge.vault.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'screening.due-printed'").all()
    expect(printedAudit).toEqual([{ detail: 'rows=130' }, { detail: 'rows=130' }])

    // Elsewhere Print prints the screen as it is.
    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await page.keyboard.press('Control+p')
    await expect.poll(printedTimes).toBe(3)
    expect(app.bridge.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'screening.due-printed'").get()).toEqual({
      n: 2
    })
  })

  it('filters recall by a department chosen from those on record, in any case, and says which filter emptied the list', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        await send(bridge, 'people:create', person('PC1', 'Able', { department: 'Firearms' }))
        await send(bridge, 'people:create', person('PC2', 'Baker', { department: 'firearms' }))
        await send(bridge, 'people:create', person('PC3', 'Cole', { department: 'Firearms' }))
        const roads = (await send(bridge, 'people:create', person('PC4', 'Dunn', { department: 'Roads Policing' }))) as { id: string }
        // Screened today: not due for a year.
        await send(bridge, 'screening:save', {
          personId: roads.id,
          sittingDate: new Date().toISOString().slice(0, 10),
          mode: 'clinician-entered',
          results: [{ kind: 'items', instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }]
        })
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/recall`)
    await page.getByText('3 people due').waitFor()
    const select = page.getByLabel('Department')
    expect(await select.locator('option').allTextContents()).toEqual(['All departments', 'Firearms', 'Roads Policing'])
    expect(await page.getByRole('columnheader').allTextContents()).toContain('Department')
    await select.selectOption('Firearms')
    await page.getByText('3 people due').waitFor()
    expect(await page.locator('.recall-table tbody td:nth-child(4)').allTextContents()).toEqual(['Firearms', 'firearms', 'Firearms'])
    await select.selectOption('Roads Policing')
    await page.getByText('No one in Roads Policing is due in this period.').waitFor()
    await page.getByText('3 people are due in this period altogether: choose all for the department to see them.').waitFor()
    await expectAccessible(page)
    await screenshot(page, 'recall-department-empty')
    await page.getByLabel('Due', { exact: true }).selectOption({ label: 'Due in the next year' })
    await page.getByText('1 person due').waitFor()
    await select.selectOption('')
    await page.getByText('4 people due').waitFor()
    await screenshot(page, 'recall-department')
  })
})

describe('the recall list on paper', () => {
  it('prints only the list and its heading, never an earlier export’s file name', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        for (let i = 0; i < 3; i++) await send(bridge, 'people:create', person(`PC${3000 + i}`, `Printed${i}`, { department: 'Firearms' }))
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/recall`)
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(4)
    const file = join(app.dataFolder, '..', 'recall-before-printing.zip')
    await exportThroughDialog(page, app.bridge, file, 'Export screening due list')
    await page.getByRole('button', { name: 'Done' }).click()
    await page.evaluate(() => {
      window.print = () => undefined
    })
    await page.getByRole('button', { name: 'Print the whole list (A4)' }).click()
    await expect.poll(() => page.locator('.recall-print tbody tr').count()).toBe(3)

    await page.emulateMedia({ media: 'print' })
    const onPaper = await page.locator('body').innerText()
    await screenshot(page, 'recall-print-after-export')
    await page.emulateMedia({ media: 'screen' })
    expect(onPaper).not.toContain('The export is saved')
    expect(onPaper).not.toContain('recall-before-printing')
    // The heading and the whole list are there.
    expect(onPaper).toContain('Screening recall')
    expect(onPaper).toContain('3 people due, 0 overdue: all are listed.')
    for (let i = 0; i < 3; i++) expect(onPaper).toContain(`PC${3000 + i}`)
  })
})
