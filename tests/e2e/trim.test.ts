import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import { addDays } from '../../shared/incidents/exposure-load'
import { personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, signIn } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

const tara = { username: 'tara.hughes', displayName: 'Tara Hughes', passphrase: 'copper kestrel over tidal flats' }

describe('TRiM', () => {
  it('a coordinator plans TRiM from an incident; the practitioner records an assessment scoring 3 and is told who was asked about a referral; the clinician has the task', async () => {
    const ids: Record<string, string> = {}
    const incidentDate = addDays(todayInLondon(new Date()), -1)
    app = await openApp({
      prepare: async (bridge) => {
        for (const [staffNumber, givenName, familyName] of [
          ['PC4242', 'Jo', 'Reyes'],
          ['PC5151', 'Priya', 'Shah']
        ] as const) {
          ids[staffNumber] = (
            await must<{ id: string }>(bridge, 'people:create', personFields({ staffNumber, givenName, familyName, roleId: 'response' }))
          ).id
        }
        const added = await must<{ id: string }>(bridge, 'users:add', { ...tara, roles: ['trim'], confirmPassphrase: tara.passphrase })
        bridge.vault.sqlite.prepare('UPDATE users SET must_change_passphrase = 0 WHERE id = ?').run(added.id)
        await must(bridge, 'incidents:create', {
          occurredOn: incidentDate,
          categoryId: 'fatal-road-collision',
          reference: 'CAD 4471',
          attendees: [ids['PC4242'], ids['PC5151']].map((personId) => ({
            personId,
            part: 'attended',
            intensity: 'high',
            hoursReviewed: null
          }))
        })
      }
    })
    const { page, bridge } = app
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Incidents')
    const recent = page.getByRole('region', { name: 'Recent incidents' })
    await recent.getByRole('button', { name: `TRiM for the incident on ${formatCalendarDate(incidentDate)}` }).click()
    const planForm = page.getByRole('form', { name: 'Record the TRiM planning decision' })
    await planForm.getByLabel('Jo Reyes (PC4242)').selectOption({ label: 'Offer TRiM, with Tara Hughes' })
    await expectAccessible(page)
    await screenshot(page, 'trim-plan-form')
    await planForm.getByRole('button', { name: 'Record the planning decision' }).click()
    const offered = page.getByRole('table', { name: 'People offered TRiM' })
    await offered.waitFor()
    const initialDue = addDays(incidentDate, 3)
    const followUpDue = addDays(incidentDate, 28)
    expect(await offered.getByRole('row').nth(1).textContent()).toBe(
      `Reyes, Jo (PC4242)Tara Hughes${formatCalendarDate(initialDue)}${formatCalendarDate(followUpDue)}`
    )
    await screenshot(page, 'trim-plan-recorded')
    expect(
      bridge.vault.sqlite.prepare("SELECT title, due_date FROM tasks WHERE source LIKE 'rule:trim-%' ORDER BY due_date").all()
    ).toEqual([
      { title: 'TRiM initial assessment', due_date: initialDue },
      { title: 'TRiM follow-up assessment', due_date: followUpDue }
    ])

    // The practitioner: only TRiM in the navigation, and only the person assigned.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(page, tara.username, tara.passphrase)
    const nav = page.getByRole('navigation', { name: 'Main' })
    // Home says what she owes and by when: only her person, not Priya Shah's (Tara is not assigned).
    const owed = page.getByRole('region', { name: 'Your TRiM assessments' })
    await owed.getByText('Initial assessment for Reyes, Jo (PC4242)').waitFor()
    expect(await owed.textContent()).toContain(`due ${formatCalendarDate(initialDue)}`)
    expect(await owed.textContent()).not.toContain('Overdue')
    expect(await owed.textContent()).not.toContain('Shah')
    await screenshot(page, 'trim-practitioner-home')
    await nav.getByRole('link', { name: 'TRiM' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('TRiM')
    expect(await nav.getByRole('link', { name: 'Tasks' }).count()).toBe(0)
    expect(await nav.getByRole('link', { name: 'Incidents' }).count()).toBe(0)
    const item = page.getByRole('region', { name: 'Reyes, Jo (PC4242)' })
    await item.waitFor()
    expect(await page.getByText('Shah').count()).toBe(0)
    await item.getByRole('button', { name: 'Record an assessment' }).click()
    const form = item.getByRole('form', { name: 'TRiM assessment for Reyes, Jo' })
    for (const factor of ['Perceived threat to life', 'Shame or guilt', 'Poor social support']) await form.getByLabel(factor).check()
    await form.getByLabel('Follow-up', { exact: true }).check()
    await expectAccessible(page)
    await screenshot(page, 'trim-assessment-form')
    await form.getByRole('button', { name: 'Record the assessment' }).click()
    await item.getByText('A referral is suggested').waitFor()
    expect(await item.textContent()).toContain('Score 3: Perceived threat to life; Shame or guilt; Poor social support.')
    expect(await item.textContent()).toContain('Referral prompted: Alex Morgan, the clinician who planned TRiM, has been given a task.')
    await screenshot(page, 'trim-assessment-recorded')
    // A clinical screen by its address is refused.
    await page.goto(`${bridge.url}/index.html#/tasks`)
    await expect.poll(() => h1(page).textContent()).toBe('This screen is not available to you')

    // The clinician who planned has the task and sees TRiM on the person page.
    await page.goto(`${bridge.url}/index.html#/`)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(page, admin.username, admin.passphrase)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click()
    await page.getByText('A TRiM assessment suggests a referral').first().waitFor()
    await screenshot(page, 'trim-clinician-task')
    await page.goto(`${bridge.url}/index.html#/people/${ids['PC4242']}`)
    const panel = page.getByRole('region', { name: 'TRiM' })
    await panel.getByText('Score 3').waitFor()
    await panel.getByRole('button', { name: 'Make a referral' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'trim-person-page')
  })

  it('a TRiM practitioner who coordinates plans TRiM from the TRiM screen, and the person offered joins her worklist', async () => {
    const ids: Record<string, string> = {}
    const incidentDate = addDays(todayInLondon(new Date()), -1)
    app = await openApp({
      prepare: async (bridge) => {
        for (const [staffNumber, givenName, familyName] of [
          ['PC4242', 'Jo', 'Reyes'],
          ['PC5151', 'Priya', 'Shah']
        ] as const) {
          ids[staffNumber] = (
            await must<{ id: string }>(bridge, 'people:create', personFields({ staffNumber, givenName, familyName, roleId: 'response' }))
          ).id
        }
        const added = await must<{ id: string }>(bridge, 'users:add', { ...tara, roles: ['trim'], confirmPassphrase: tara.passphrase })
        bridge.vault.sqlite.prepare('UPDATE users SET must_change_passphrase = 0 WHERE id = ?').run(added.id)
        await must(bridge, 'incidents:create', {
          occurredOn: incidentDate,
          categoryId: 'fatal-road-collision',
          reference: 'CAD 4471',
          attendees: [ids['PC4242'], ids['PC5151']].map((personId) => ({
            personId,
            part: 'attended',
            intensity: 'high',
            hoursReviewed: null
          }))
        })
      }
    })
    const { page } = app
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(page, tara.username, tara.passphrase)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'TRiM' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('TRiM')
    const awaiting = page.getByRole('region', { name: 'Incidents awaiting a TRiM decision' })
    const rows = awaiting.getByRole('table').getByRole('row')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.nth(1).textContent()).toBe(
      `${formatCalendarDate(incidentDate)}Fatal road collisionCAD 4471Jo Reyes (attended)Priya Shah (attended)Plan TRiM for the incident on ${formatCalendarDate(incidentDate)}`
    )
    await awaiting.getByRole('button', { name: `Plan TRiM for the incident on ${formatCalendarDate(incidentDate)}` }).click()
    const planForm = page.getByRole('form', { name: 'Record the TRiM planning decision' })
    await planForm.getByLabel('Jo Reyes (PC4242)').selectOption({ label: 'Offer TRiM, with Tara Hughes' })
    await expectAccessible(page)
    await screenshot(page, 'trim-coordinator-plan-form')
    await planForm.getByRole('button', { name: 'Record the planning decision' }).click()
    const offered = page.getByRole('table', { name: 'People offered TRiM' })
    await offered.waitFor()
    expect(await offered.getByRole('row').nth(1).textContent()).toBe(
      `Reyes, Jo (PC4242)Tara Hughes${formatCalendarDate(addDays(incidentDate, 3))}${formatCalendarDate(addDays(incidentDate, 28))}`
    )
    // Planned: the incident no longer awaits a decision, and Jo is on her worklist; Priya was not offered.
    await awaiting.getByText('Every incident logged has a TRiM decision').waitFor()
    await page.getByRole('region', { name: 'Reyes, Jo (PC4242)' }).waitFor()
    expect(await page.getByRole('region', { name: 'Shah, Priya (PC5151)' }).count()).toBe(0)
    await screenshot(page, 'trim-coordinator-planned')
  })

  it('a prompt with no clinician to go to waits on My caseload until a clinician takes it on, then it is their task', async () => {
    let owenId = ''
    const incidentDate = addDays(todayInLondon(new Date()), -1)
    app = await openApp({
      prepare: async (bridge) => {
        owenId = (
          await must<{ id: string }>(
            bridge,
            'people:create',
            personFields({ staffNumber: 'PC5555', givenName: 'Owen', familyName: 'Price', roleId: 'response' })
          )
        ).id
        const added = await must<{ id: string }>(bridge, 'users:add', { ...tara, roles: ['trim'], confirmPassphrase: tara.passphrase })
        bridge.vault.sqlite.prepare('UPDATE users SET must_change_passphrase = 0 WHERE id = ?').run(added.id)
        const incident = await must<{ id: string }>(bridge, 'incidents:create', {
          occurredOn: incidentDate,
          categoryId: 'sudden-death',
          reference: 'CAD 1234',
          attendees: [{ personId: owenId, part: 'attended', intensity: 'high', hoursReviewed: null }]
        })
        // Tara, a coordinator who is not a clinician, plans and assesses: no clinician holds a case or planned.
        bridge.vault.lock('manual')
        bridge.vault.refreshSessionUser({ ...(await bridge.vault.unlock(tara.username, tara.passphrase)), mustChangePassphrase: false })
        const plan = await must<{ offers: { id: string }[] }>(bridge, 'trim:plan', {
          incidentId: incident.id,
          decidedOn: todayInLondon(new Date()),
          decision: 'offered',
          notNeededReason: null,
          offers: [{ personId: owenId, practitionerId: added.id }]
        })
        const factors = await must<{ id: string }[]>(bridge, 'trim:riskFactors', {})
        await must(bridge, 'trim:assess', {
          offerId: plan.offers[0]?.id ?? '',
          kind: 'initial',
          assessedOn: todayInLondon(new Date()),
          factors: factors.map((factor, index) => ({ factorId: factor.id, present: index < 4 })),
          outcome: 'refer',
          persistentDifficulty: null
        })
        bridge.vault.lock('manual')
        await bridge.vault.unlock(admin.username, admin.passphrase)
      }
    })
    const { page, bridge } = app
    const panel = page.getByRole('region', { name: 'TRiM referral prompts for the team' })
    const row = panel.getByRole('row').filter({ hasText: 'Price, Owen' })
    await row.waitFor()
    expect(await row.textContent()).toContain(`Sudden death, ${formatCalendarDate(incidentDate)}`)
    expect(await row.textContent()).toContain('score 4')
    expect(bridge.vault.sqlite.prepare("SELECT count(*) AS n FROM tasks WHERE source = 'rule:trim-referral-prompt'").get()).toEqual({
      n: 0
    })
    await expectAccessible(page)
    await screenshot(page, 'trim-team-prompt')

    await row.getByRole('button', { name: 'Take on the referral prompt for Price, Owen' }).click()
    await panel.getByText('The referral prompt for Price, Owen is now yours, in your tasks.').waitFor()
    await expect.poll(() => panel.getByRole('table').count()).toBe(0)
    expect(
      bridge.vault.sqlite.prepare("SELECT title, assignee_id, person_id FROM tasks WHERE source = 'rule:trim-referral-prompt'").all()
    ).toEqual([{ title: 'A TRiM assessment suggests a referral', assignee_id: bridge.vault.session?.id, person_id: owenId }])
    await page.getByText('A TRiM assessment suggests a referral').first().waitFor()
    await screenshot(page, 'trim-team-prompt-taken')

    await page.goto(`${bridge.url}/index.html#/people/${owenId}`)
    await page
      .getByRole('region', { name: 'TRiM' })
      .getByText('Referral prompted: no clinician held a case or planned TRiM; Alex Morgan took it on and has the task.')
      .waitFor()
  })

  it('an administrator sets the TRiM timing and threshold, refused plainly when out of range, and sees the risk factor list marked as to be checked', async () => {
    app = await openApp()
    const { page, bridge } = app
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    const section = page.getByRole('region', { name: 'TRiM', exact: true })
    const initial = section.getByLabel('Days after the incident that the initial assessment is due')
    await expect.poll(() => initial.inputValue()).toBe('3')
    await initial.fill('30')
    await section.getByRole('button', { name: 'Save' }).click()
    await section.getByText('The follow-up must fall due after the initial assessment').first().waitFor()
    expect(await must(bridge, 'trim:settings', {})).toEqual({ initialAssessmentDays: 3, followUpDays: 28, referralThreshold: 3 })
    await initial.fill('2')
    await section.getByRole('button', { name: 'Save' }).click()
    await section.getByText('TRiM settings saved.').waitFor()
    expect(await must(bridge, 'trim:settings', {})).toEqual({ initialAssessmentDays: 2, followUpDays: 28, referralThreshold: 3 })
    const factors = page.getByRole('region', { name: 'TRiM risk factors' })
    await factors.getByText('Check them against your force’s licensed TRiM manual').waitFor()
    await factors.getByRole('button', { name: 'Retire Blaming others' }).click()
    await factors.getByRole('button', { name: 'Bring back Blaming others' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'trim-settings')
  })
})
