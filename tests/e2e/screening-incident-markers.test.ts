import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import { addDays } from '../../shared/incidents/exposure-load'
import { personFields } from '../fixtures/caseload'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshotFolder } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('incidents on the screening charts', () => {
  it('marks an incident between two sittings on the chart, by name, and lists it in the table; not one from before the first sitting', async () => {
    const today = todayInLondon(new Date())
    const first = addDays(today, -120)
    const incidentOn = addDays(today, -60)
    const second = addDays(today, -10)
    const longAgo = addDays(today, -700)
    let personId = ''
    app = await openApp({
      prepare: async (bridge) => {
        personId = (
          await must<{ id: string }>(
            bridge,
            'people:create',
            personFields({ staffNumber: 'PC5150', givenName: 'Tom', familyName: 'Hale', roleId: 'response' })
          )
        ).id
        const other = (
          await must<{ id: string }>(
            bridge,
            'people:create',
            personFields({ staffNumber: 'PC6000', givenName: 'Ann', familyName: 'Rowe', roleId: 'response' })
          )
        ).id
        for (const [sittingDate, answers] of [
          [first, [1, 1, 0, 1, 0, 0, 1, 0, 0]],
          [second, [2, 2, 2, 2, 1, 2, 1, 1, 0]]
        ] as const) {
          await must(bridge, 'screening:save', {
            personId,
            sittingDate,
            mode: 'clinician-entered',
            results: [{ kind: 'items', instrument: 'phq9', answers }]
          })
        }
        const attended = (id: string) => ({ personId: id, part: 'attended', intensity: 'high', hoursReviewed: null })
        await must(bridge, 'incidents:create', {
          occurredOn: incidentOn,
          categoryId: 'fatal-road-collision',
          reference: 'CAD 5150',
          attendees: [attended(personId)]
        })
        // Long before the first sitting: in the exposure history, not on the chart.
        await must(bridge, 'incidents:create', {
          occurredOn: longAgo,
          categoryId: 'suicide',
          reference: 'CAD 12',
          attendees: [attended(personId)]
        })
        // Someone else's, between Tom's sittings: never on Tom's chart.
        await must(bridge, 'incidents:create', {
          occurredOn: addDays(today, -30),
          categoryId: 'suicide',
          reference: 'CAD 77',
          attendees: [attended(other)]
        })
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${personId}`)
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')

    const chart = page.getByRole('figure', { name: 'PHQ-9 over time' })
    const marker = chart.getByRole('img', { name: `Incident on ${formatCalendarDate(incidentOn)}: Fatal road collision, CAD 5150` })
    await marker.waitFor()
    expect(await chart.getByRole('img', { name: /^Incident on/ }).count()).toBe(1)
    expect(await chart.getByText(/CAD 12|CAD 77/).count()).toBe(0)

    // The marker's line sits between the two sittings' dots (centre to centre), in date order, on the time axis.
    const dots = await chart
      .locator('circle.chart__dot')
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().x + node.getBoundingClientRect().width / 2))
    const line = await marker.locator('line').boundingBox()
    const at = line ? line.x + line.width / 2 : Number.NaN
    expect(dots).toHaveLength(2)
    const [left = 0, right = 0] = dots
    expect(at).toBeGreaterThan(left)
    expect(at).toBeLessThan(right)
    // 60 of the 110 days between the sittings: the marker is a little past half way, not at a category position.
    expect((at - left) / (right - left)).toBeCloseTo(60 / 110, 1)

    // Not only drawn: the table lists it among the sittings, in date order, and the key says what the line is.
    const rows = await chart.getByRole('table').getByRole('row').allTextContents()
    expect(rows.slice(1)).toEqual([
      `${formatCalendarDate(first)}4First`,
      `${formatCalendarDate(incidentOn)}Incident: Fatal road collision, CAD 5150`,
      `${formatCalendarDate(second)}13+9 (reliable change)`
    ])
    expect(await chart.getByText('Incidents the person was exposed to, also listed in the table below').count()).toBe(1)
    // The older incident is still in the exposure history.
    await page.getByRole('region', { name: 'Exposure' }).getByRole('cell', { name: 'CAD 12' }).waitFor()

    await expectAccessible(page)
    await chart.screenshot({ path: join(screenshotFolder, 'screening-incident-marker-light.png') })
    await must(app.bridge, 'preferences:set', { theme: 'dark' })
    await page.reload()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark')
    await marker.waitFor()
    await expectAccessible(page)
    await chart.screenshot({ path: join(screenshotFolder, 'screening-incident-marker-dark.png') })
  })
})
