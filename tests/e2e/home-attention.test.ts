import { afterEach, describe, expect, it } from 'vitest'
import { formatCalendarDate, todayInLondon } from '../../shared/calendar-date'
import { personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot } from './harness'

let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

const day = 86_400_000

describe('a clinician’s home', () => {
  it('points to a referral waiting past 6 weeks and a person on the caseload exposed lately, each a link into the work', async () => {
    let personId = ''
    let exposedOn = ''
    app = await openApp({
      prepare: async (bridge) => {
        personId = (
          await must<{ id: string }>(bridge, 'people:create', personFields({ staffNumber: 'PC4242', givenName: 'Jo', familyName: 'Reyes' }))
        ).id
        const held = await must<{ id: string }>(bridge, 'cases:open', {
          personId,
          reason: 'self-referral',
          priority: 'routine',
          nextReviewDate: null
        })
        const made = await must<{ id: string }>(bridge, 'referrals:create', {
          personId,
          caseId: held.id,
          destinationId: 'nhs-talking-therapies',
          reason: 'Low mood',
          urgency: 'routine'
        })
        const today = todayInLondon(bridge.core.clock())
        await must(bridge, 'referrals:recordConsent', { referralId: made.id, scope: 'Scores and the reason', givenOn: today })
        await must(bridge, 'referrals:recordStep', { referralId: made.id, status: 'sent', happenedOn: today })
        // The core's clock moves on 50 days; the clinician signs in again then, and logs an incident Jo attended.
        bridge.advanceClock(50 * day)
        bridge.vault.lock('manual')
        await bridge.vault.unlock(admin.username, admin.passphrase)
        exposedOn = todayInLondon(bridge.core.clock())
        await must(bridge, 'incidents:create', {
          occurredOn: exposedOn,
          categoryId: 'sudden-death',
          reference: 'CAD 77',
          attendees: [{ personId, part: 'attended', intensity: 'high', hoursReviewed: null }]
        })
      }
    })
    const { page, bridge } = app
    const needs = page.getByRole('region', { name: 'Also needs you' })
    await needs.waitFor()
    expect(await needs.getByRole('paragraph').first().textContent()).toBe('Waiting 1 of your referrals waiting for treatment past 6 weeks.')
    expect(await needs.getByRole('listitem').allTextContents()).toEqual([
      `Reyes, Jo (PC4242), sudden death on ${formatCalendarDate(exposedOn)}`
    ])
    expect(await needs.textContent()).not.toContain('Bereavement')
    await expectAccessible(page)
    await screenshot(page, 'home-needs-attention')

    await needs.getByRole('link', { name: 'Reyes, Jo (PC4242)' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Jo Reyes')
    await page.goto(`${bridge.url}/index.html#/`)
    await needs.getByRole('link', { name: '1 of your referrals waiting for treatment past 6 weeks' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Referrals')
  })
})
