import { afterEach, describe, expect, it } from 'vitest'
import { expectAccessible, h1, openApp, screenshot, type AppUnderTest } from './harness'
import { aCaseWithTasks, ids } from './seed-team'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('the person page', () => {
  it('leads with alerts, the open case, latest results, due tasks and what is due next; details come after', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${ids.person}`)
    await expect.poll(() => h1(page).textContent()).toBe('Rosa Marsh')
    const glance = page.getByRole('region', { name: 'At a glance' })
    await glance.waitFor()
    const part = (name: string) => glance.getByRole('region', { name })
    expect(await part('Open case').textContent()).toMatch(
      /Post-incident.*Open.*Soon.*Next review.*Held by\s*Alex Morgan.*Opened.*by Alex Morgan/
    )
    expect(await part('Latest results').getByRole('row', { name: /PHQ-9/ }).textContent()).toMatch(/PHQ-9.*15: Moderately severe.*RED/)
    expect(await part('Latest results').getByRole('row', { name: /GAD-7/ }).textContent()).toMatch(/GAD-7.*4: .*12 Jan 2026.*GREEN/)
    expect(await part('Due tasks').textContent()).toContain('Chase GP letter')
    expect(await part('Due tasks').textContent()).toContain('Urgent: review risk (PHQ-9 item 9)')
    expect(await part('Due next').textContent()).toMatch(/Case review.*\(post-incident\).*Screening/)

    // Alerts first, then the overview; contact and HR details only after the cases and screenings.
    const top = async (locator: ReturnType<typeof page.locator>) => (await locator.boundingBox())?.y ?? Number.NaN
    const alerts = await top(page.getByRole('alert').filter({ hasText: 'Safety alert needs action' }))
    const overview = await top(glance)
    const details = await top(page.getByRole('heading', { name: 'Contact and employment details' }))
    const cases = await top(page.getByRole('heading', { name: 'Cases', exact: true }))
    expect(alerts).toBeLessThan(overview)
    expect(overview).toBeLessThan(cases)
    expect(cases).toBeLessThan(details)
    // The overview starts on the first screen.
    expect(overview).toBeLessThan(820)
    await expect.poll(() => page.getByText('rosa.marsh@example.police.uk').count()).toBe(1)
    await expectAccessible(page)
    await screenshot(page, 'person-overview-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page)
    await screenshot(page, 'person-overview-dark')
    // Opening the record was one audited view.
    expect(
      app.bridge.vault.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'person.viewed' AND entity_id = ?")
        .get(ids.person)
    ).toEqual({ n: 1 })
  })

  it('keeps the overview up to date after a change further down the page', async () => {
    app = await openApp({ prepare: aCaseWithTasks })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${ids.person}`)
    const dueTasks = page.getByRole('region', { name: 'At a glance' }).getByRole('region', { name: 'Due tasks' })
    await dueTasks.getByText('Chase GP letter').waitFor()
    await page.getByRole('article', { name: 'Post-incident' }).getByRole('button', { name: 'Done: Chase GP letter' }).click()
    await expect.poll(() => dueTasks.getByText('Chase GP letter').count()).toBe(0)
  })
})
