import { afterEach, describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import { parseTeamAddress } from '../../electron/core/store/postgres/connection'
import { personFields } from '../fixtures/caseload'
import { useTeamServers } from '../fixtures/team-server'
import { expectAccessible, h1, openApp, screenshot, type AppUnderTest } from './harness'

const teamServer = useTeamServers()
const nurse = { username: 'nurse.jo', displayName: 'Jo Nurse', roles: ['clinician'], passphrase: 'harbour lantern evening tide' }
let app: AppUnderTest | null = null

afterEach(async () => {
  await app?.close()
  app = null
})

describe('joining a team server at first run', () => {
  it('takes the server’s details, says what is wrong in words, signs in, and shows other clinicians’ work as it is saved', async () => {
    const server = await teamServer()
    const { id: nurseId } = await server.addUser(nurse)
    const address = parseTeamAddress(server.url)
    app = await openApp({ start: 'fresh' })
    const { page, bridge } = app

    await expect.poll(() => h1(page).textContent()).toBe('Set up Harbour')
    await page.getByRole('radio', { name: 'Join a team server' }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Join your team’s server')

    // The blank form: every problem at once, the CA file among them, in the nurse's words.
    await page.getByRole('button', { name: 'Join and sign in' }).click()
    const blank = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await blank.waitFor()
    expect(await blank.getByRole('link').allTextContents()).toEqual([
      'Enter the server’s name, as the IT team gave it',
      'Choose the force’s CA certificate file (the IT team can tell you where it is)',
      'Enter your username',
      'Enter a passphrase'
    ])
    expect(await page.getByRole('main').textContent()).not.toMatch(/socket/i)

    // A server on the network needs the force's CA file: the field says so, by its own label.
    await page.getByLabel('Server').fill('harbour-db.force.example')
    await page.getByLabel('Username').fill(nurse.username)
    await page.getByLabel('Passphrase', { exact: true }).fill(nurse.passphrase)
    await page.getByRole('button', { name: 'Join and sign in' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await summary.waitFor()
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Choose the force’s CA certificate file (the IT team can tell you where it is)'
    ])
    // The native dialog fills the path in.
    bridge.dialogAnswers.caFile = '/nonexistent/force-ca.pem'
    await page.getByRole('button', { name: 'Choose the CA certificate file…' }).click()
    await expect.poll(() => page.getByLabel('CA certificate file').inputValue()).toBe('/nonexistent/force-ca.pem')
    await page.getByRole('button', { name: 'Join and sign in' }).click()
    await expect.poll(() => page.locator('#join-caFile-error').textContent()).toContain('There is no CA certificate file at that path')
    await expectAccessible(page)
    await screenshot(page, 'team-server-join-errors')

    // This server is a socket on this machine; a wrong passphrase is refused and nothing is kept.
    await page.getByLabel('Server').fill(address.host)
    await page.getByLabel('Port').fill(String(address.port))
    await page.getByLabel('Database').fill(address.database)
    await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase at all')
    await page.getByRole('button', { name: 'Join and sign in' }).click()
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'There is a problem' }).textContent())
      .toContain('The team server did not accept that username and passphrase.')
    expect(bridge.stores.teamStore).toBeNull()

    await page.getByLabel('Passphrase', { exact: true }).fill(nurse.passphrase)
    await page.getByRole('button', { name: 'Join and sign in' }).click()
    await expect.poll(() => page.getByRole('navigation').first().isVisible()).toBe(true)
    expect(bridge.stores.teamStore?.user?.username).toBe(nurse.username)
    // The masthead no longer says "Offline": this workstation reaches its team server.
    const badge = page.locator('.masthead .tag--offline')
    expect(await badge.textContent()).toBe('Team server')
    expect(await badge.getAttribute('title')).toContain(address.host)

    // The administrator, at another workstation, opens a case for this nurse: it appears without a reload.
    const person = await server.call<Person>(
      'people:create',
      personFields({ staffNumber: 'T3003', givenName: 'Carys', familyName: 'Vaughan' })
    )
    await server.call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'routine',
      assignedClinicianId: nurseId,
      nextReviewDate: null
    })
    await page.getByRole('link', { name: 'My caseload' }).first().click()
    await expect.poll(() => page.getByRole('main').textContent(), { timeout: 30_000 }).toContain('Vaughan')
    const second = await server.call<Person>(
      'people:create',
      personFields({ staffNumber: 'T3004', givenName: 'Dafydd', familyName: 'Morgan' })
    )
    await server.call<CaseRecord>('cases:open', {
      personId: second.id,
      reason: 'self-referral',
      priority: 'urgent',
      assignedClinicianId: nurseId,
      nextReviewDate: null
    })
    await expect.poll(() => page.getByRole('main').textContent(), { timeout: 30_000 }).toContain('Morgan')

    // Signed out, the sign-in screen names the server and sends a forgotten passphrase to the IT team.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
    expect(await page.getByRole('main').textContent()).toContain(`Team server: ${address.host}, database ${address.database}`)
    expect(await page.getByRole('button', { name: /recovery code/ }).count()).toBe(0)
    expect(await page.locator('.auth__footer').textContent()).toBe(
      'Works on the force network only. Records stay on the team server and travel encrypted.'
    )
    await expectAccessible(page)
    await screenshot(page, 'team-server-sign-in')
  })
})
