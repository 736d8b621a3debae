import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { maxDraftCharacters, type Draft } from '../../shared/contract/drafts'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Note } from '../../shared/contract/notes'
import type { Person } from '../../shared/contract/people'
import type { Screening } from '../../shared/contract/screening'
import type { Task } from '../../shared/contract/tasks'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import type { Vault } from '../../electron/core/vault'
import { testHost } from '../fixtures/core-context'
import { caseloadStore, nurse, personFields } from '../fixtures/caseload'
import { storeWithRestrictedPerson } from '../fixtures/restricted'
import { admin, dispatch, manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const canary = () => `CANARY${randomBytes(8).toString('hex')}`
const phq9 = (answers: (number | null)[]) => ({ kind: 'items', instrument: 'phq9', answers })

/** A store with one person and one open case, the administrator (a clinician) signed in. */
async function storeWithCase(clock = manualClock(new Date('2026-11-26T10:00:00Z'))) {
  const store = await caseloadStore(tempFolder(), clock.now)
  const person = await store.call<Person>('people:create', personFields())
  const record = await store.call<CaseRecord>('cases:open', {
    personId: person.id,
    reason: 'self-referral',
    priority: 'routine',
    nextReviewDate: null
  })
  return { ...store, clock, person, record }
}

/** A second clinician, signed in with their passphrase change already done. */
async function signInAs(vault: Vault, who: { username: string; passphrase: string }) {
  vault.lock('manual')
  const user = await vault.unlock(who.username, who.passphrase)
  vault.refreshSessionUser({ ...user, mustChangePassphrase: false })
}

describe('drafts', () => {
  it('keeps a draft per form and subject, replaces it as the user types, and gives it back after the lock and after a restart', async () => {
    const { call, host, folder, record, person, clock } = await storeWithCase()
    await call('drafts:save', {
      form: 'case-note',
      subjectId: record.id,
      content: { type: 'telephone', contactDate: '2026-11-26', text: 'Spoke about' }
    })
    clock.advance(60_000)
    const saved = await call<{ savedAt: string }>('drafts:save', {
      form: 'case-note',
      subjectId: record.id,
      content: { type: 'telephone', contactDate: '2026-11-26', text: 'Spoke about sleep' }
    })
    expect(saved.savedAt).toBe('2026-11-26T10:01:00.000Z')
    await call('drafts:save', { form: 'person-details', subjectId: person.id, content: { department: 'Roads Policing' } })
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 2 })

    host.vault.lock('idle')
    expect((await dispatch('drafts:get', { form: 'case-note', subjectId: record.id }, host)).ok).toBe(false)
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(await call<Draft>('drafts:get', { form: 'case-note', subjectId: record.id })).toEqual({
      content: { type: 'telephone', contactDate: '2026-11-26', text: 'Spoke about sleep' },
      savedAt: '2026-11-26T10:01:00.000Z'
    })

    // A restart: a new core and vault over the same folder.
    host.vault.lock('manual')
    const restarted = testHost(folder, clock.now)
    await restarted.vault.unlock(admin.username, admin.passphrase)
    const again = await dispatch('drafts:get', { form: 'person-details', subjectId: person.id }, restarted)
    expect(again).toEqual({ ok: true, value: { content: { department: 'Roads Policing' }, savedAt: '2026-11-26T10:01:00.000Z' } })
    expect(await dispatch('drafts:get', { form: 'open-case', subjectId: person.id }, restarted)).toEqual({ ok: true, value: null })
    restarted.vault.lock('manual')
  })

  it('keeps each user’s drafts to themselves: another clinician neither sees nor replaces them', async () => {
    const { call, host, record } = await storeWithCase()
    await call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
    await call('drafts:save', { form: 'case-note', subjectId: record.id, content: { text: 'Alex’s words' } })

    await signInAs(host.vault, nurse)
    expect(await call('drafts:get', { form: 'case-note', subjectId: record.id })).toBeNull()
    await call('drafts:save', { form: 'case-note', subjectId: record.id, content: { text: 'Sam’s words' } })
    expect(await call('drafts:discard', { form: 'case-note', subjectId: record.id })).toEqual({ discarded: true })
    expect(await call('drafts:discard', { form: 'case-note', subjectId: record.id })).toEqual({ discarded: false })

    await signInAs(host.vault, admin)
    expect(await call<Draft>('drafts:get', { form: 'case-note', subjectId: record.id })).toMatchObject({
      content: { text: 'Alex’s words' }
    })
  })

  it('offers a draft about a restricted person only while its author may still see them', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    const { call, raw, host, restricted, samId } = store
    // Sam is not named: he may not keep a draft about the restricted record, and the attempt is audited.
    const refused = await raw('drafts:save', { form: 'person-details', subjectId: restricted.id, content: { text: 'x' } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(
      host.vault.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'person.view-refused' AND entity_id = ?")
        .get(restricted.id)
    ).toEqual({ n: 1 })
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 })

    // Named, he keeps one; un-named again, it is no longer offered to him (and its content is not returned).
    await store.signInAsAdmin()
    await call('people:update', { id: restricted.id, changes: personFields({ restricted: true, namedClinicianIds: [samId] }) })
    await store.signInAsSam()
    await call('drafts:save', { form: 'screening', subjectId: restricted.id, content: { answers: { phq9: [1, 2] } } })
    expect(await call('drafts:get', { form: 'screening', subjectId: restricted.id })).toMatchObject({
      content: { answers: { phq9: [1, 2] } }
    })
    await store.signInAsAdmin()
    await call('people:update', { id: restricted.id, changes: personFields({ restricted: true, namedClinicianIds: [] }) })
    await store.signInAsSam()
    expect(await call('drafts:get', { form: 'screening', subjectId: restricted.id })).toBeNull()
  })

  it('deletes the draft in the same save that puts its work on the record, leaving other drafts alone', async () => {
    const { call, host, record, person } = await storeWithCase()
    const draftCount = () => (host.vault.sqlite.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n
    const keep = async (form: string, subjectId: string | null) =>
      call('drafts:save', { form, subjectId, content: { text: 'in progress' } })
    const gone = async (form: string, subjectId: string | null) => expect(await call('drafts:get', { form, subjectId })).toBeNull()

    await keep('case-note', record.id)
    await keep('open-case', person.id)
    const note = await call<Note>('notes:add', { caseId: record.id, type: 'telephone', contactDate: '2026-11-26', text: 'Called.' })
    await gone('case-note', record.id)
    expect(draftCount()).toBe(1)

    await keep('note-amendment', note.id)
    await call('notes:amend', { noteId: note.id, text: 'Called twice.', reason: 'Missed one' })
    await gone('note-amendment', note.id)

    await keep('person-details', person.id)
    await call('people:update', { id: person.id, changes: personFields({ department: 'Roads Policing' }) })
    await gone('person-details', person.id)
    // Saving with nothing changed still finishes the form.
    await keep('person-details', person.id)
    await call('people:update', { id: person.id, changes: personFields({ department: 'Roads Policing' }) })
    await gone('person-details', person.id)

    await keep('new-person', null)
    await call('people:create', personFields({ staffNumber: 'PC9999' }))
    await gone('new-person', null)

    await call('cases:close', { id: record.id, outcome: 'Resolved', closedOn: '2026-11-26' })
    await call('cases:open', { personId: person.id, reason: 'post-incident', priority: 'routine', nextReviewDate: null })
    await gone('open-case', person.id)

    await keep('screening', person.id)
    const sitting = await call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9([0, 0, 0, 0, 0, 0, 0, 0, 0])]
    })
    await gone('screening', person.id)

    await keep('screening-correction', sitting.id)
    await call('screening:correct', { screeningId: sitting.id, reason: 'Wrong answer', results: [phq9([1, 0, 0, 0, 0, 0, 0, 0, 0])] })
    await gone('screening-correction', sitting.id)

    const task = await call<Task>('tasks:create', { title: 'Chase GP letter', dueDate: '2026-12-01', personId: person.id, caseId: null })
    await keep('task-outcome', task.id)
    await call('tasks:complete', { id: task.id, outcome: 'Letter received' })
    await gone('task-outcome', task.id)
    expect(draftCount()).toBe(0)
  })

  it('keeps the draft when the save is refused, so nothing typed is lost', async () => {
    const { call, raw, record } = await storeWithCase()
    await call('drafts:save', { form: 'case-note', subjectId: record.id, content: { text: 'Still here' } })
    const refused = await raw('notes:add', { caseId: record.id, type: 'telephone', contactDate: '2099-01-01', text: 'Still here' })
    expect(refused.ok).toBe(false)
    expect(await call('drafts:get', { form: 'case-note', subjectId: record.id })).toMatchObject({ content: { text: 'Still here' } })
  })

  it.each([
    ['a form Harbour does not know', { form: 'diary', subjectId: null, content: {} }, 'form'],
    [
      'a subject for a form that has none',
      { form: 'new-person', subjectId: '00000000-0000-4000-8000-000000000000', content: {} },
      'subjectId'
    ],
    ['no subject for a form that needs one', { form: 'case-note', subjectId: null, content: {} }, 'subjectId'],
    ['content that is not an object', { form: 'new-person', subjectId: null, content: 'text' }, 'content'],
    ['content over the size limit', { form: 'new-person', subjectId: null, content: { text: 'x'.repeat(maxDraftCharacters) } }, 'content']
  ])('refuses %s, keeps nothing, and repeats none of it', async (_name, input, field) => {
    const { raw, host } = await storeWithCase()
    const result = await raw('drafts:save', input)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    if (!result.ok) {
      expect(result.error.fields).toContain(field)
      expect(result.error.message).not.toContain('xxxx')
    }
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 })
  })

  it('refuses a draft for a case that does not exist', async () => {
    const { raw } = await storeWithCase()
    expect(
      await raw('drafts:save', { form: 'case-note', subjectId: '00000000-0000-4000-8000-000000000000', content: { text: 'x' } })
    ).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('puts no draft content in the audit log, in error reports or in any file in plaintext', async () => {
    const { call, host, folder, record, person } = await storeWithCase()
    const words = [canary(), canary(), canary()]
    await call('drafts:save', { form: 'case-note', subjectId: record.id, content: { text: words[0] } })
    await call('drafts:save', { form: 'person-details', subjectId: person.id, content: { adjustments: words[1] } })
    await call('drafts:save', { form: 'new-person', subjectId: null, content: { givenName: words[2] } })
    await call('drafts:discard', { form: 'person-details', subjectId: person.id })
    await call('notes:add', { caseId: record.id, type: 'telephone', contactDate: '2026-11-26', text: 'Called.' })
    // A failure inside the core is reported without the input that caused it.
    const reported: unknown[] = []
    const failing = createDispatcher(
      {
        ...handlers,
        'drafts:save': () => {
          throw new Error('disk full')
        }
      },
      { onInternalError: (channel, error) => reported.push(channel, String(error)) }
    )
    const failed = await failing('drafts:save', { form: 'new-person', subjectId: null, content: { givenName: words[2] } }, host)
    expect(JSON.stringify([failed, reported])).not.toContain('CANARY')

    const audit = JSON.stringify(host.vault.sqlite.prepare('SELECT * FROM audit_log').all())
    expect(audit).not.toContain('CANARY')
    expect(audit).not.toContain('draft')
    const plaintext = () =>
      readdirSync(folder).flatMap((name) => {
        const bytes = readFileSync(join(folder, name))
        return words
          .filter((word) => bytes.includes(word) || bytes.includes(Buffer.from(word, 'utf16le')))
          .map((word) => `${name}: ${word}`)
      })
    // While open (the write-ahead log holds the latest pages) and after closing.
    expect(plaintext()).toEqual([])
    host.vault.lock('manual')
    expect(plaintext()).toEqual([])
  })

  it('deletes drafts untouched for 30 days at the next sign-in, auditing only how many', async () => {
    const { call, host, record, person, clock } = await storeWithCase()
    await call('drafts:save', { form: 'case-note', subjectId: record.id, content: { text: 'old' } })
    const signInAfter = async (days: number) => {
      host.vault.lock('manual')
      clock.advance(days * 86_400_000)
      await host.vault.unlock(admin.username, admin.passphrase)
    }
    await signInAfter(2)
    await call('drafts:save', { form: 'person-details', subjectId: person.id, content: { department: 'newer' } })
    expect(host.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'drafts.purged'").get()).toEqual({ n: 0 })
    await signInAfter(29)
    expect(await call('drafts:get', { form: 'case-note', subjectId: record.id })).toBeNull()
    expect(await call('drafts:get', { form: 'person-details', subjectId: person.id })).toMatchObject({ content: { department: 'newer' } })
    expect(
      host.vault.sqlite.prepare("SELECT actor_id, entity_type, entity_id, detail FROM audit_log WHERE action = 'drafts.purged'").all()
    ).toEqual([{ actor_id: null, entity_type: 'draft', entity_id: null, detail: '1' }])
    // Nothing stale the next time: no second entry.
    await signInAfter(0)
    expect(host.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'drafts.purged'").get()).toEqual({ n: 1 })
  })
})

describe('drafts and the idle lock', () => {
  it('keeping a draft does not put the idle lock off; other work does', async () => {
    const store = await storeWithCase()
    const key = { form: 'case-note', subjectId: store.record.id }
    store.clock.advance(4 * 60_000)
    // The window keeps its drafts as the lock nears: that is not someone using Harbour.
    expect((await store.raw('drafts:save', { ...key, content: { note: 'last words' } })).ok).toBe(true)
    store.clock.advance(60_000 + 1000)
    expect(store.host.vault.lockIfDue()).toBe('idle')

    // Real work does put it off.
    await store.host.vault.unlock(admin.username, admin.passphrase)
    store.clock.advance(4 * 60_000)
    expect((await store.raw('tasks:list', { view: 'mine' })).ok).toBe(true)
    store.clock.advance(60_000 + 1000)
    expect(store.host.vault.lockIfDue()).toBeNull()
  })
})

describe('a handover note kept as a draft', () => {
  it('is kept against the case and deleted by the handover that uses it, not by a refused one', async () => {
    const { call, raw, record } = await storeWithCase()
    const sam = await call<{ id: string }>('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
    const key = { form: 'case-handover', subjectId: record.id }
    await call('drafts:save', { ...key, content: { clinicianId: sam.id, note: 'Weekly calls;\nGP aware.' } })
    expect(await call<Draft>('drafts:get', key)).toMatchObject({ content: { clinicianId: sam.id, note: 'Weekly calls;\nGP aware.' } })
    // Refused (the note is required): the draft stays.
    expect((await raw('cases:reassign', { id: record.id, clinicianId: sam.id, note: '' })).ok).toBe(false)
    expect(await call('drafts:get', key)).not.toBeNull()
    await call('cases:reassign', { id: record.id, clinicianId: sam.id, note: 'Weekly calls;\nGP aware.' })
    expect(await call('drafts:get', key)).toBeNull()
  })
})
