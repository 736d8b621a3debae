import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { todayInLondon } from '../../shared/calendar-date'
import type { Bridge } from '../bridge/server'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, screenshotFolder } from './harness'

let app: AppUnderTest | null = null
let personId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

/** A person with no case, and whatever sittings the test needs, saved through the real core. */
async function withPerson(sittings: { results: unknown[]; date?: string }[] = [], extra?: (bridge: Bridge) => Promise<void>) {
  return openApp({
    prepare: async (bridge) => {
      const created = (await must(bridge, 'people:create', {
        staffNumber: 'PC5150',
        title: 'PC',
        givenName: 'Tom',
        familyName: 'Hale',
        preferredName: null,
        dateOfBirth: '1990-06-01',
        employmentType: 'police-officer',
        roleId: 'response',
        department: null,
        lineManager: null,
        email: null,
        phone: null,
        startDate: null,
        leavingDate: null,
        restricted: false,
        namedClinicianIds: [],
        adjustments: null
      })) as { id: string }
      personId = created.id
      for (const sitting of sittings)
        await must(bridge, 'screening:save', {
          personId,
          sittingDate: sitting.date ?? '2026-11-02',
          mode: 'clinician-entered',
          results: sitting.results
        })
      await extra?.(bridge)
    }
  })
}

async function openPerson(page: Page, url: string) {
  await page.goto(`${url}/index.html#/people/${personId}`)
  await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
}

async function answer(page: Page, instrument: string, values: (number | null)[]) {
  for (const [index, value] of values.entries()) {
    if (value !== null) await page.locator(`input[name="${instrument}-${index + 1}"][value="${value}"]`).check()
  }
}

describe('a PHQ-9 with item 9 left out and the other answers severe', () => {
  it('is red, showing what the answers given already reach, and still says risk was not assessed', async () => {
    app = await withPerson([
      {
        results: [
          {
            kind: 'items',
            instrument: 'phq9',
            answers: [3, 3, 3, 3, 3, 3, 3, 3, null],
            criticalNotAnswered: [{ item: 9, reason: 'declined' }]
          }
        ]
      }
    ])
    const { page } = app
    await openPerson(page, app.bridge.url)
    const sitting = page.getByRole('region', { name: 'Screening', exact: true }).getByRole('row', { name: /RED/ })
    await sitting.waitFor()
    expect(await sitting.textContent()).toContain('PHQ-9 at least 24 (severe) from 8 of 9 questions answered')
    expect(await sitting.textContent()).toContain('at least 24 (severe) from the 8 of 9 questions answered')
    expect(await sitting.textContent()).not.toContain('no score')
    await page.getByText('Not completed (item 9 unanswered): at least 24 (severe) from the 8 of 9 questions answered').first().waitFor()
    await expectAccessible(page)
    await screenshot(page, 'screening-incomplete-but-severe')
  })
})

describe('a PHQ-9 with items 8 and 9 left blank', () => {
  it('is never saved as green: the form asks why item 9 was not answered, and the result says so', async () => {
    app = await withPerson()
    const { page } = app
    await openPerson(page, app.bridge.url)
    await page.getByRole('button', { name: 'Record a screening' }).click()
    await page.getByLabel('GAD-7', { exact: true }).uncheck()
    await answer(page, 'phq9', [1, 1, 1, 1, 1, 1, 1, null, null])
    await page.getByText('Risk not assessed: item 9 not answered').waitFor()
    await page.getByRole('button', { name: 'Save screening' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.getByRole('link', { name: 'PHQ-9 item 9 is a safety question: answer it, or record why it was not answered' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'screening-risk-not-assessed-form')
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM screenings').get()).toEqual({ n: 0 })

    await page.getByLabel('The person declined to answer').check()
    await page.getByRole('button', { name: 'Save screening' }).click()
    // The sitting in the screening history (the overview at the top shows its colour too).
    const sitting = page.getByRole('region', { name: 'Screening', exact: true }).getByRole('row', { name: /AMBER/ })
    await sitting.waitFor()
    expect(await sitting.textContent()).toContain('Risk not assessed')
    expect(await sitting.textContent()).toContain('PHQ-9 item 9 not answered')
    expect(await sitting.textContent()).toContain('Item 9 (safety question): not answered — the person declined to answer')
    expect(await sitting.textContent()).not.toContain('GREEN')
    // No case is open, so the team must decide: the result waits on the person's page and on home.
    await page.getByRole('heading', { name: 'A screening result needs a decision' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'screening-risk-not-assessed-result')
  })
})

describe('a safety question asked aloud', () => {
  it('warns before saving when the answer given aloud is positive', async () => {
    app = await withPerson()
    const { page } = app
    await openPerson(page, app.bridge.url)
    await page.getByRole('button', { name: 'Record a screening' }).click()
    await page.getByLabel('GAD-7', { exact: true }).uncheck()
    await answer(page, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, null])
    await page.getByLabel('Asked verbally').check()
    await page.getByRole('group', { name: 'The answer given aloud' }).getByLabel('Nearly every day').check()
    await page.getByText('Item 9 is positive: review risk with the person today').waitFor()
    expect(await page.getByText('Risk not assessed: item 9 not answered').count()).toBe(0)
    await page.getByRole('button', { name: 'Save screening' }).click()
    // A red save is a warning, not the calm notice, and says where the core sent the follow-up.
    const notice = page.getByRole('alert').filter({ hasText: 'Screening saved: RED' })
    await notice.waitFor()
    expect(await notice.getAttribute('class')).toContain('notice--warning')
    expect(await notice.textContent()).toContain('An urgent task was sent to you: it is in My tasks on My caseload.')
    expect(await notice.textContent()).toContain('It is on the team’s list of screening results that need a decision, on My caseload.')
    expect(await page.getByRole('status').filter({ hasText: 'Screening saved' }).count()).toBe(0)
    await screenshot(page, 'screening-saved-notice')
    await page.getByRole('alert').filter({ hasText: 'Safety alert needs action' }).waitFor()
  })
})

describe('the follow-up after a safety alert', () => {
  it('closes only with what happened, which then shows beside the alert', async () => {
    app = await withPerson([{ results: [{ kind: 'items', instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] }] }], async (bridge) => {
      const [alert] = (await must(bridge, 'screening:alerts', {})) as { id: string }[]
      const due = todayInLondon(new Date())
      await must(bridge, 'screening:acknowledge', { alertId: alert?.id, actionNote: 'Phoned Tom; safe.', followUpDate: due })
    })
    const { page } = app
    await page.getByRole('link', { name: 'Tasks', exact: true }).click()
    await page.getByRole('button', { name: /^Record what happened/ }).click()
    await page.getByRole('button', { name: /^Record and close/ }).click()
    await page.getByText('Enter what happened at the follow-up').waitFor()
    await screenshot(page, 'task-follow-up-outcome-error')
    await page.getByLabel('What happened at the follow-up').fill('Seen in person; sleeping better; no thoughts of self-harm.')
    await page.getByRole('button', { name: /^Record and close/ }).click()
    await page.getByText('No open tasks.').waitFor()
    await openPerson(page, app.bridge.url)
    const history = page.getByRole('region', { name: 'Safety alerts and decisions on results' })
    await history.getByText('Seen in person; sleeping better; no thoughts of self-harm.').waitFor()
    expect(await history.textContent()).toMatch(/Follow-up due .*: done by Alex Morgan/)
    await expectAccessible(page)
  })
})

describe('a red result without a case', () => {
  it('reaches the team’s worklist on home, and leaves it when someone opens a case', async () => {
    app = await withPerson([{ results: [{ kind: 'items', instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 2, 2, 0] }] }])
    const { page } = app
    const worklist = page.getByRole('region', { name: 'Screening results that need a decision' })
    const entry = worklist.getByRole('row', { name: /Hale, Tom/ })
    await entry.waitFor()
    expect(await entry.textContent()).toContain('Red result PHQ-9 22: severe')
    await expectAccessible(page)
    await screenshot(page, 'home-team-decisions')

    await entry.getByRole('link', { name: 'Hale, Tom' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    const decision = page.getByRole('region', { name: 'A screening result needs a decision' })
    await decision.getByRole('button', { name: 'Open a case' }).click()
    expect(await decision.getByLabel('Reason').inputValue()).toBe('surveillance-result')
    await decision.getByRole('button', { name: 'Open case' }).click()
    await page.getByRole('status').filter({ hasText: 'Case opened' }).waitFor()
    await page.getByRole('region', { name: 'Safety alerts and decisions on results' }).getByText('Red result: Case opened').waitFor()
    // The result is now the new case's clinician's to review, with a task on the case.
    await decision.getByText('A review is with Alex Morgan.').waitFor()
    await page.getByText('Review a red screening result').first().waitFor()
    await page.getByRole('link', { name: 'My caseload' }).click()
    await worklist.getByText(/^No screening results without an open case are waiting for a team decision/).waitFor()
  })

  it('leaves the worklist when someone records why no case is needed', async () => {
    app = await withPerson([{ results: [{ kind: 'items', instrument: 'gad7', answers: [3, 3, 3, 3, 3, 3, 3] }] }])
    const { page } = app
    await openPerson(page, app.bridge.url)
    const decision = page.getByRole('region', { name: 'A screening result needs a decision' })
    await decision.getByRole('button', { name: 'Record: no case needed' }).click()
    await decision.getByRole('link', { name: 'Enter what was decided and why' }).waitFor()
    await decision.getByLabel('Why no case is needed').fill('Already under NHS Talking Therapies since October.')
    await decision.getByRole('button', { name: 'Record: no case needed' }).click()
    await page.getByRole('status').filter({ hasText: 'no case is needed' }).waitFor()
    expect(app.bridge.vault.sqlite.prepare('SELECT status, decision, decision_note AS note FROM screening_follow_ups').get()).toEqual({
      status: 'decided',
      decision: 'no-case',
      note: 'Already under NHS Talking Therapies since October.'
    })
  })
})

describe('correcting a sitting whose alert was acknowledged', () => {
  it('does not raise the same alert again', async () => {
    app = await withPerson([{ results: [{ kind: 'items', instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] }] }], async (bridge) => {
      const [alert] = (await must(bridge, 'screening:alerts', {})) as { id: string }[]
      await must(bridge, 'screening:acknowledge', { alertId: alert?.id, actionNote: 'Phoned Tom; safe.' })
    })
    const { page } = app
    await openPerson(page, app.bridge.url)
    await page.getByRole('button', { name: 'Correct the screening of 2 Nov 2026' }).click()
    await page.locator('input[name="phq9-7"][value="0"]').check()
    await page.getByLabel('Reason for the correction').fill('Item 7 was ticked in the wrong column')
    await page.getByRole('button', { name: 'Save correction' }).click()
    await page.getByText('Correction (version 2): Item 7 was ticked in the wrong column').waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'Safety alert' }).count()).toBe(0)
    expect(app.bridge.vault.sqlite.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 1 })
  })
})

describe('trauma results', () => {
  it('show an ITQ Complex PTSD result by name in the history, with both dimensions charted', async () => {
    app = await withPerson([{ results: [{ kind: 'items', instrument: 'itq', answers: Array(18).fill(3) }] }])
    const { page } = app
    await openPerson(page, app.bridge.url)
    const sitting = page.getByRole('region', { name: 'Screening', exact: true }).getByRole('row', { name: /RED/ })
    await sitting.waitFor()
    expect(await sitting.textContent()).toContain('ITQ: Meets the ICD-11 criteria for Complex PTSD')
    expect(await sitting.textContent()).toContain('PTSD symptoms 18, Disturbances in self-organisation (DSO) 18')
    expect(await sitting.textContent()).not.toMatch(/itq-cptsd|ITQ –/)
    const chart = page.getByRole('figure', { name: 'ITQ over time' })
    await chart.waitFor()
    await chart.getByRole('columnheader', { name: 'PTSD symptoms' }).waitFor()
    await chart.getByRole('cell', { name: 'Meets the ICD-11 criteria for Complex PTSD' }).waitFor()
    await expect.poll(() => chart.locator('.recharts-line').count()).toBe(2)
    await expectAccessible(page)
    await screenshot(page, 'screening-itq-history')
  })
})

describe('charts in the dark theme', () => {
  it('keep their bands, lines and labels readable', async () => {
    app = await withPerson(
      [
        {
          date: '2026-05-02',
          results: [
            { kind: 'items', instrument: 'phq9', answers: [1, 1, 1, 1, 1, 0, 0, 0, 0] },
            { kind: 'items', instrument: 'itq', answers: Array(18).fill(1) }
          ]
        },
        {
          results: [
            { kind: 'items', instrument: 'phq9', answers: [3, 3, 2, 2, 2, 1, 1, 0, 0] },
            { kind: 'items', instrument: 'itq', answers: Array(18).fill(3) }
          ]
        }
      ],
      async (bridge) => {
        await must(bridge, 'preferences:set', { theme: 'dark' })
      }
    )
    const { page } = app
    await openPerson(page, app.bridge.url)
    const chart = page.getByRole('figure', { name: 'PHQ-9 over time' })
    await chart.waitFor()
    await expectAccessible(page)
    await chart.screenshot({ path: join(screenshotFolder, 'dark-chart-phq9.png') })
    await page.getByRole('figure', { name: 'ITQ over time' }).screenshot({ path: join(screenshotFolder, 'dark-chart-itq.png') })
  })
})
