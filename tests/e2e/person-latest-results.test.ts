import { afterEach, describe, expect, it } from 'vitest'
import { personFields } from '../fixtures/caseload'
import { type AppUnderTest, h1, must, openApp, screenshot } from './harness'

let app: AppUnderTest | null = null
let personId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

describe('Latest results on the person page', () => {
  it('shows what an unfinished questionnaire already reaches, with its own colour rather than its sitting’s', async () => {
    app = await openApp({
      prepare: async (bridge) => {
        personId = (
          await must<{ id: string }>(
            bridge,
            'people:create',
            personFields({ staffNumber: 'PC5150', givenName: 'Tom', familyName: 'Hale', dateOfBirth: '1990-06-01', roleId: 'response' })
          )
        ).id
        // PHQ-9 item 9 makes the sitting red; the GAD-7 beside it is unfinished and low.
        await must(bridge, 'screening:save', {
          personId,
          sittingDate: '2026-11-25',
          mode: 'clinician-entered',
          results: [
            { kind: 'items', instrument: 'phq9', answers: [3, 3, 2, 2, 1, 1, 1, 1, 1] },
            { kind: 'items', instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, null] }
          ]
        })
      }
    })
    const { page } = app
    await page.goto(`${app.bridge.url}/index.html#/people/${personId}`)
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    const panel = page.getByRole('table', { name: 'The latest result of each questionnaire' })
    const gad7 = panel.getByRole('row', { name: /^GAD-7/ })
    await gad7.waitFor()
    const cells = await gad7.getByRole('cell').allTextContents()
    expect(cells[0]).toBe('Not completed: at least 0 (minimal) from the 6 of 7 questions answered')
    expect(cells[2]).toBe('AMBER')
    expect(
      await panel
        .getByRole('row', { name: /^PHQ-9/ })
        .getByRole('cell')
        .last()
        .textContent()
    ).toBe('RED')
    await screenshot(page, 'person-latest-results-incomplete')
  })
})
