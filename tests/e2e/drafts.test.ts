import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { todayInLondon } from '../../shared/calendar-date'
import type { Bridge } from '../bridge/server'
import { admin } from '../fixtures/store'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, signIn } from './harness'

let app: AppUnderTest | null = null
let personId = ''
let caseId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

/** A person with an open case, saved through the real core; the app opens on their page. */
async function withCase(extra?: (bridge: Bridge) => Promise<void>) {
  app = await openApp({
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
        department: 'Response',
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
      caseId = (
        (await must(bridge, 'cases:open', { personId, reason: 'self-referral', priority: 'routine', nextReviewDate: null })) as {
          id: string
        }
      ).id
      await extra?.(bridge)
    }
  })
  await openPerson(app.page)
  return app
}

async function openPerson(page: Page) {
  await page.goto(`${app?.bridge.url}/index.html#/people/${personId}`)
  await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
}

const leaveDialog = (page: Page) => page.getByRole('dialog', { name: 'Leave this page?' })
const caseCard = (page: Page) => page.getByRole('article', { name: 'Self-referral' })
const noteBox = (page: Page) => caseCard(page).getByLabel('Note', { exact: true })
const drafts = (bridge: Bridge) =>
  bridge.vault.sqlite.prepare('SELECT form, subject_id, content FROM drafts').all() as {
    form: string
    subject_id: string
    content: string
  }[]
const caseStatus = (bridge: Bridge) =>
  bridge.vault.sqlite.prepare('SELECT status, priority FROM cases WHERE id = ?').get(caseId) as { status: string; priority: string }

describe('a note typed and then left', () => {
  it('asks before leaving, stays when asked to, keeps the note as a draft when leaving, and gives it back on return', async () => {
    const { page, bridge } = await withCase()
    const words = 'Telephone call: sleeping badly since the incident. Agreed GP visit.'
    // Nothing typed: leaving asks nothing.
    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(await leaveDialog(page).count()).toBe(0)
    await page.goBack()
    await noteBox(page).fill(words)

    await page.getByRole('link', { name: 'My caseload' }).click()
    const dialog = leaveDialog(page)
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Your changes to the note are kept as a draft.')
    await expectAccessible(page)
    await screenshot(page, 'leave-warning')
    await dialog.getByRole('button', { name: 'Stay on this page' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await h1(page).textContent()).toBe('Tom Hale')
    expect(await noteBox(page).inputValue()).toBe(words)

    await page.getByRole('link', { name: 'My caseload' }).click()
    await leaveDialog(page).getByRole('button', { name: 'Leave this page' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(drafts(bridge)).toEqual([{ form: 'case-note', subject_id: caseId, content: expect.stringContaining('sleeping badly') }])

    await page.goBack()
    await expect.poll(() => noteBox(page).inputValue()).toBe(words)
    const notice = caseCard(page)
      .getByRole('status')
      .filter({ hasText: /^Draft restored from \d\d:\d\d\./ })
    await notice.waitFor()
    await expectAccessible(page)
    await screenshot(page, 'draft-restored')

    // Saving the note deletes the draft with it; leaving then asks nothing.
    await caseCard(page).getByRole('button', { name: 'Add note' }).click()
    await caseCard(page).getByText('Agreed GP visit.', { exact: false }).waitFor()
    await notice.waitFor({ state: 'detached' })
    expect(drafts(bridge)).toEqual([])
    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(await leaveDialog(page).count()).toBe(0)
    expect(drafts(bridge)).toEqual([])
  })

  it('keeps the note through a lock and gives it back after signing in again', async () => {
    const { page, bridge } = await withCase()
    await noteBox(page).fill('Discussed shift pattern; wants a phased return.')
    // Locking at once: the draft is kept before the store closes.
    await page.keyboard.press('Control+l')
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    await expect.poll(() => noteBox(page).inputValue()).toBe('Discussed shift pattern; wants a phased return.')
    await caseCard(page).getByRole('status').filter({ hasText: 'Draft restored from' }).waitFor()
    expect(drafts(bridge)).toHaveLength(1)
  })

  it('keeps the note through the idle lock', async () => {
    const { page, bridge } = await withCase()
    await page.clock.install()
    await openPerson(page)
    await noteBox(page).fill('Left mid-sentence when the phone rang')
    // The draft is kept once typing pauses: move the window's clock past the pause.
    await page.clock.runFor(1500)
    await expect.poll(() => drafts(bridge).length).toBe(1)
    bridge.advanceClock(6 * 60_000)
    await expect.poll(() => h1(page).textContent(), { timeout: 10_000 }).toBe('Harbour is locked')
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    await expect.poll(() => noteBox(page).inputValue()).toBe('Left mid-sentence when the phone rang')
  })

  it('keeps the last words typed when the idle warning shows, before the pause that would keep them', async () => {
    const { page, bridge } = await withCase()
    // The window's clock stands still, so the draft's pause never ends by itself.
    await page.clock.install()
    await page.clock.pauseAt(Date.now() + 1000)
    await noteBox(page).fill('Typed just before walking away')
    expect(drafts(bridge)).toEqual([])
    // Four and a half minutes on: the window warns of the lock 30 s ahead, and keeps the draft.
    await page.clock.setSystemTime(Date.now() + 4.5 * 60_000)
    await page.getByRole('dialog', { name: /Harbour will lock/ }).waitFor()
    await expect
      .poll(() => drafts(bridge))
      .toEqual([{ form: 'case-note', subject_id: caseId, content: expect.stringContaining('walking away') }])
    // Keeping the draft is not activity: the core still locks on time.
    await page.clock.resume()
    bridge.advanceClock(5 * 60_000 + 1000)
    await expect.poll(() => h1(page).textContent(), { timeout: 10_000 }).toBe('Harbour is locked')
  })

  it('keeps the last words typed when the window closes, before the pause that would keep them', async () => {
    const { page, bridge } = await withCase()
    await page.clock.install()
    await page.clock.pauseAt(Date.now() + 1000)
    await page.evaluate(() => {
      const counter = window as unknown as { closeCalls: number }
      counter.closeCalls = 0
      window.close = () => {
        counter.closeCalls++
      }
    })
    await noteBox(page).fill('Closing the laptop lid now')
    expect(drafts(bridge)).toEqual([])
    // As the shell does when the window is closed: it asks the window first.
    await page.evaluate(() =>
      (window as unknown as { __harbourBridgeEmit: (e: string, p: unknown) => void }).__harbourBridgeEmit('window:closing', {})
    )
    await expect.poll(() => page.evaluate(() => (window as unknown as { closeCalls: number }).closeCalls)).toBe(1)
    expect(drafts(bridge)).toEqual([{ form: 'case-note', subject_id: caseId, content: expect.stringContaining('laptop lid') }])
  })

  it('asks before Back or Forward leaves the note, as a link does', async () => {
    const { page, bridge } = await withCase()
    // The person, then the caseload, then Back: Forward would go to the caseload again.
    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await page.evaluate(() => history.back())
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    await noteBox(page).fill('Mouse back button pressed by mistake')

    await page.evaluate(() => history.forward())
    const dialog = leaveDialog(page)
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Your changes to the note are kept as a draft.')
    // The screen and its address stay as they were until the user chooses.
    expect(await h1(page).textContent()).toBe('Tom Hale')
    expect(await page.evaluate(() => location.hash)).toBe(`#/people/${personId}`)
    await screenshot(page, 'leave-warning-history')
    await dialog.getByRole('button', { name: 'Leave this page' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(drafts(bridge)).toEqual([{ form: 'case-note', subject_id: caseId, content: expect.stringContaining('by mistake') }])

    // Back to the person: the note is given back, and Forward asks again; Stay stays.
    await page.evaluate(() => history.back())
    await expect.poll(() => noteBox(page).inputValue()).toBe('Mouse back button pressed by mistake')
    await page.evaluate(() => history.forward())
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click()
    await leaveDialog(page).waitFor({ state: 'hidden' })
    expect(await h1(page).textContent()).toBe('Tom Hale')
    expect(await page.evaluate(() => location.hash)).toBe(`#/people/${personId}`)
    expect(await noteBox(page).inputValue()).toBe('Mouse back button pressed by mistake')
  })

  it('leaves history exactly as it was after Stay, so the next Back goes where it should', async () => {
    const { page, bridge } = await withCase()
    const place = () => page.evaluate(() => ({ hash: location.hash, length: history.length, index: navigation.currentEntry?.index }))
    // Home, the person, the caseload; then Back to the person, with the caseload ahead.
    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    await page.evaluate(() => history.back())
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    const before = await place()
    expect(before).toMatchObject({ hash: `#/people/${personId}` })
    await noteBox(page).fill('Back pressed twice by mistake')

    await page.evaluate(() => history.back())
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click()
    await leaveDialog(page).waitFor({ state: 'hidden' })
    // Nothing added, nothing replaced, the same place in history, and the note as typed.
    await expect.poll(place).toEqual(before)
    expect(await h1(page).textContent()).toBe('Tom Hale')
    expect(await noteBox(page).inputValue()).toBe('Back pressed twice by mistake')

    // Back again, and leave this time: it goes to the entry before the person, home.
    await page.evaluate(() => history.back())
    await leaveDialog(page).getByRole('button', { name: 'Leave this page' }).click()
    await expect.poll(place).toMatchObject({ length: before.length, index: (before.index ?? 0) - 1 })
    expect((await place()).hash).not.toContain('people')
    await expect.poll(() => h1(page).textContent()).not.toBe('Tom Hale')
    expect(drafts(bridge)).toEqual([{ form: 'case-note', subject_id: caseId, content: expect.stringContaining('twice by mistake') }])
    // Forward comes back to the person, with the note, and the caseload is still ahead of it.
    await page.evaluate(() => history.forward())
    await expect.poll(() => noteBox(page).inputValue()).toBe('Back pressed twice by mistake')
    expect(await place()).toEqual(before)
  })

  it('gives a draft back only to the user who wrote it', async () => {
    const { page, bridge } = await withCase(async (b) => {
      await must(b, 'users:add', {
        username: 'sam.okafor',
        displayName: 'Sam Okafor',
        roles: ['clinician'],
        passphrase: 'copper kettle under winter rain',
        confirmPassphrase: 'copper kettle under winter rain'
      })
    })
    await noteBox(page).fill('Only for Alex')
    await page.keyboard.press('Control+l')
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
    // Sam signs in on the same computer (past his first-time passphrase change) and opens the same case.
    const sam = await bridge.vault.unlock('sam.okafor', 'copper kettle under winter rain')
    bridge.vault.refreshSessionUser({ ...sam, mustChangePassphrase: false })
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good \w+, Sam$/)
    expect(drafts(bridge)).toHaveLength(1)
    await openPerson(page)
    await caseCard(page).waitFor()
    await expect.poll(() => noteBox(page).inputValue()).toBe('')
    expect(await page.getByText('Draft restored from').count()).toBe(0)
  })
})

describe('every way out of a session keeps the note', () => {
  const lockEntries = (bridge: Bridge) =>
    (
      bridge.vault.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'session.locked' ORDER BY seq").all() as { detail: string }[]
    ).map((row) => row.detail)

  it('keeps the last words typed when the shell locks (menu, OS lock, sleep), then locks with its reason', async () => {
    const { page, bridge } = await withCase()
    // Paused, so the pause in typing that would keep a draft never comes: only the lock can keep it.
    await page.clock.install()
    await page.clock.pauseAt(Date.now() + 1000)
    await noteBox(page).fill('Screen locked mid-sentence')
    expect(drafts(bridge)).toEqual([])
    // As the shell does on the OS lock: it asks the window first.
    await page.evaluate(() =>
      (window as unknown as { __harbourBridgeEmit: (e: string, p: unknown) => void }).__harbourBridgeEmit('session:lockRequested', {
        reason: 'system'
      })
    )
    await expect.poll(() => bridge.vault.status()).toMatchObject({ state: 'locked', lockReason: 'system' })
    // The screen follows once the window's clock runs (its queries wait on timers).
    await page.clock.resume()
    await expect.poll(() => h1(page).textContent()).toBe('Harbour is locked')
    expect(await page.getByText('Harbour locked when this computer was locked or went to sleep.').isVisible()).toBe(true)
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => noteBox(page).inputValue()).toBe('Screen locked mid-sentence')
    // Kept before the lock: once locked, nothing more could have been written.
    expect(drafts(bridge)).toEqual([{ form: 'case-note', subject_id: caseId, content: expect.stringContaining('mid-sentence') }])
    expect(lockEntries(bridge)).toEqual(['system'])
  })

  it('signs out from beside Lock: keeps the note, ends the session, and asks for a username afresh', async () => {
    const { page, bridge } = await withCase()
    await page.clock.install()
    await page.clock.pauseAt(Date.now() + 1000)
    await noteBox(page).fill('Signed out before saving')
    expect(drafts(bridge)).toEqual([])
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => bridge.vault.status()).toMatchObject({ state: 'locked', lockReason: 'signed-out' })
    await page.clock.resume()
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
    expect(await page.getByText('You have signed out').isVisible()).toBe(true)
    // Not the lock screen: nobody's username is filled in, and nothing says it is only locked.
    expect(await page.getByLabel('Username').inputValue()).toBe('')
    expect(await page.getByText('Sign in as someone else').count()).toBe(0)
    expect(await page.getByText('Harbour is locked').count()).toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'signed-out')
    await signIn(page, admin.username, admin.passphrase)
    await expect.poll(() => noteBox(page).inputValue()).toBe('Signed out before saving')
    expect(drafts(bridge)).toEqual([{ form: 'case-note', subject_id: caseId, content: expect.stringContaining('before saving') }])
    expect(lockEntries(bridge)).toEqual(['signed-out'])
  })

  it('still fills in the username after Lock, unlike Sign out', async () => {
    const { page } = await withCase()
    await screenshot(page, 'header-lock-and-sign-out')
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Sign in to Harbour')
    expect(await page.getByLabel('Username').inputValue()).toBe(admin.username)
    expect(await page.getByText('You have signed out').count()).toBe(0)
  })
})

describe('the person’s details, half edited', () => {
  it('warns on Cancel, keeps the edit as a draft, restores it on return, and discards it when asked', async () => {
    const { page, bridge } = await withCase()
    await page.getByRole('link', { name: 'Edit details' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Edit Tom Hale')
    // Opening and leaving without a change asks nothing.
    await page.getByRole('link', { name: 'Cancel' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
    await page.getByRole('link', { name: 'Edit details' }).click()
    await page.getByLabel('Department or command (optional)').fill('Roads Policing')
    await page.getByRole('link', { name: 'Cancel' }).click()
    const dialog = leaveDialog(page)
    expect(await dialog.textContent()).toContain('Your changes to the person’s details are kept as a draft.')
    await dialog.getByRole('button', { name: 'Leave this page' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')

    await page.getByRole('link', { name: 'Edit details' }).click()
    await expect.poll(() => page.getByLabel('Department or command (optional)').inputValue()).toBe('Roads Policing')
    await page.getByRole('button', { name: /^Discard draft/ }).click()
    await page.getByText('Draft discarded.').waitFor()
    expect(await page.getByLabel('Department or command (optional)').inputValue()).toBe('Response')
    expect(drafts(bridge)).toEqual([])
    await page.getByRole('link', { name: 'Cancel' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Tom Hale')
  })
})

describe('every form with a draft', () => {
  it('asks before leaving the new case, the screening, its correction and the follow-up outcome, and gives each back', async () => {
    const { page, bridge } = await withCase(async (b) => {
      await must(b, 'screening:save', {
        personId,
        sittingDate: '2026-11-02',
        mode: 'clinician-entered',
        results: [{ kind: 'items', instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] }]
      })
      const [alert] = (await must(b, 'screening:alerts', {})) as { id: string }[]
      await must(b, 'screening:acknowledge', {
        alertId: alert?.id,
        actionNote: 'Phoned Tom; safe.',
        followUpDate: todayInLondon(new Date())
      })
    })
    const leaveAndReturn = async (label: string) => {
      await page.getByRole('link', { name: 'My caseload' }).click()
      const dialog = leaveDialog(page)
      expect(await dialog.textContent()).toContain(`Your changes to ${label} are kept as a draft.`)
      await dialog.getByRole('button', { name: 'Leave this page' }).click()
      await page.getByRole('heading', { name: 'My caseload' }).waitFor()
      await openPerson(page)
    }

    await page.getByRole('button', { name: 'Open a case' }).click()
    await page.getByLabel('Reason').selectOption('bereavement')
    await leaveAndReturn('the new case')
    await expect.poll(() => page.getByLabel('Reason').inputValue()).toBe('bereavement')

    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: 'Record a screening' }).click()
    await page.locator('input[name="phq9-1"][value="2"]').check()
    // Cancel closed the new case form; its draft waits for it to open again.
    await leaveAndReturn('the screening')
    await expect.poll(() => page.locator('input[name="phq9-1"][value="2"]').isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Cancel' }).first().click()

    await page
      .getByRole('button', { name: /^Correct/ })
      .first()
      .click()
    await page.getByLabel('Reason for the correction').fill('Item 1 was misheard')
    await page.getByRole('link', { name: 'My caseload' }).click()
    expect(await leaveDialog(page).textContent()).toContain('the screening correction')
    await leaveDialog(page).getByRole('button', { name: 'Leave this page' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(
      drafts(bridge)
        .map((draft) => draft.form)
        .sort()
    ).toEqual(['open-case', 'screening', 'screening-correction'])

    await page.getByRole('link', { name: 'Tasks', exact: true }).click()
    await page.getByRole('button', { name: /^Record what happened/ }).click()
    await page.getByLabel('What happened at the follow-up').fill('Seen in person; sleeping better.')
    await page.getByRole('link', { name: 'My caseload' }).click()
    expect(await leaveDialog(page).textContent()).toContain('Your changes to the follow-up outcome are kept as a draft.')
    await leaveDialog(page).getByRole('button', { name: 'Leave this page' }).click()
    await page.getByRole('link', { name: 'Tasks', exact: true }).click()
    await page.getByRole('button', { name: /^Record what happened/ }).click()
    await expect.poll(() => page.getByLabel('What happened at the follow-up').inputValue()).toBe('Seen in person; sleeping better.')
  })
})

describe('a case’s status and priority', () => {
  it('change only with Save: an arrow key in the select saves nothing, leaving warns, and Save is confirmed', async () => {
    const { page, bridge } = await withCase()
    const status = caseCard(page).getByLabel('Status', { exact: true })
    await status.focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => status.inputValue()).toBe('active')
    await caseCard(page).getByText('Not saved yet.').waitFor()
    expect(caseStatus(bridge)).toEqual({ status: 'open', priority: 'routine' })
    expect(await caseCard(page).locator('.case__header').textContent()).toContain('Open')

    await page.getByRole('link', { name: 'My caseload' }).click()
    expect(await leaveDialog(page).textContent()).toContain('Your changes to the case status and priority will be lost.')
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click()
    expect(caseStatus(bridge)).toEqual({ status: 'open', priority: 'routine' })

    await caseCard(page).getByLabel('Priority', { exact: true }).selectOption('urgent')
    await caseCard(page).getByRole('button', { name: 'Save status and priority' }).click()
    const saved = caseCard(page).getByRole('status').filter({ hasText: 'Status and priority saved' })
    await saved.waitFor()
    expect(await saved.textContent()).toContain('The case is now Active, priority urgent.')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Status and priority saved')
    expect(caseStatus(bridge)).toEqual({ status: 'active', priority: 'urgent' })
    await expect.poll(() => caseCard(page).locator('.case__header').textContent()).toContain('Active')
    await expectAccessible(page)
    await screenshot(page, 'case-status-saved')
    // Saved: leaving asks nothing.
    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(await leaveDialog(page).count()).toBe(0)
  })
})

describe('a case handover, half written', () => {
  it('asks before leaving with a note typed, keeps it as a draft, gives it back, and asks nothing when the form is untouched', async () => {
    const { page, bridge } = await withCase()
    const note = 'Weekly calls; next one Thursday.\nGP aware.'
    await caseCard(page).getByRole('button', { name: 'Hand over this case' }).click()
    const form = page.getByRole('region', { name: 'Hand over this case' })
    await form.waitFor()
    // Opened and left alone: leaving asks nothing, and keeps nothing.
    await page.getByRole('link', { name: 'My caseload' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(await leaveDialog(page).count()).toBe(0)
    expect(drafts(bridge)).toEqual([])

    await openPerson(page)
    await caseCard(page).getByRole('button', { name: 'Hand over this case' }).click()
    await form.getByLabel('Handover note').fill(note)
    await page.getByRole('link', { name: 'My caseload' }).click()
    const dialog = leaveDialog(page)
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Your changes to the handover are kept as a draft.')
    await expectAccessible(page)
    await screenshot(page, 'handover-leave-warning')
    await dialog.getByRole('button', { name: 'Stay on this page' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await form.getByLabel('Handover note').inputValue()).toBe(note)

    await page.getByRole('link', { name: 'My caseload' }).click()
    await leaveDialog(page).getByRole('button', { name: 'Leave this page' }).click()
    await page.getByRole('heading', { name: 'My caseload' }).waitFor()
    expect(drafts(bridge)).toEqual([{ form: 'case-handover', subject_id: caseId, content: expect.stringContaining('GP aware.') }])

    await openPerson(page)
    await caseCard(page).getByRole('button', { name: 'Hand over this case' }).click()
    await expect.poll(() => form.getByLabel('Handover note').inputValue()).toBe(note)
    await form
      .getByRole('status')
      .filter({ hasText: /^Draft restored from/ })
      .waitFor()
    await screenshot(page, 'handover-draft-restored')
  })
})
