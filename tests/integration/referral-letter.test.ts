import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import type { Referral, ReferralLetterTemplate } from '../../shared/contract/referrals'
import type { PrintableDocument } from '../../shared/documents/printable'
import { defaultReferralLetterTemplate } from '../../shared/referrals/letter-template'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { parsePdfFile } from '../fixtures/pdf-text'
import { phq9 } from '../fixtures/referrals'
import { storeWithRestrictedPerson } from '../fixtures/restricted'
import { manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

const distinctiveNote = 'Disclosed a gambling debt to the nurse'
const consentScope = 'The reason for referral and my contact details'

/** A store on 26 Nov 2026: a person with a case note and a screening, and a referral with consent. */
async function letterStore() {
  const clock = manualClock(new Date('2026-11-26T09:00:00Z'))
  const folder = tempFolder()
  const store = await caseloadStore(folder, clock.now)
  const saved: string[] = []
  let answer: string | null = join(folder, 'letter.pdf')
  store.host.core.dialogs = {
    chooseBackupDestination: async () => null,
    chooseBackupToRestore: async () => null,
    chooseDocumentDestination: async (suggestedName) => {
      saved.push(suggestedName)
      return answer
    }
  }
  const person = await store.call<Person>(
    'people:create',
    personFields({ givenName: 'Siân', familyName: 'Ó Dálaigh', staffNumber: 'PC7788' })
  )
  const opened = await store.call<CaseRecord>('cases:open', {
    personId: person.id,
    reason: 'self-referral',
    priority: 'soon',
    nextReviewDate: null
  })
  await store.call('notes:add', { caseId: opened.id, type: 'telephone', contactDate: '2026-11-25', text: distinctiveNote })
  await store.call('screening:save', { personId: person.id, sittingDate: '2026-11-24', mode: 'clinician-entered', results: [phq9(17)] })
  const referral = await store.call<Referral>('referrals:create', {
    personId: person.id,
    caseId: opened.id,
    destinationId: 'nhs-talking-therapies',
    reason: 'Low mood since the Harbour Road fatality',
    urgency: 'urgent'
  })
  await store.call('referrals:recordConsent', { referralId: referral.id, scope: consentScope, givenOn: '2026-11-25' })
  const audit = () =>
    store.host.vault.sqlite
      .prepare(`SELECT action, entity_type, entity_id, detail FROM audit_log WHERE action LIKE 'referral.letter%'`)
      .all()
  return {
    ...store,
    folder,
    person,
    referral,
    saved,
    audit,
    cancelNextSave: () => (answer = null),
    saveTo: (path: string) => (answer = path)
  }
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; code?: string; fields?: string[] }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown as { message: string; code?: string; fields?: string[] }
  )
  if (error === null) throw new Error('expected a refusal')
  return error
}

const squash = (text: string) => text.replace(/\s+/g, ' ')

describe('the referral letter', () => {
  it('fills the template with the person’s details and the referral’s consented content', async () => {
    const { call, referral } = await letterStore()
    const letter = await call<PrintableDocument>('referrals:letterPreview', { referralId: referral.id })
    expect(letter.title).toBe('Referral to NHS Talking Therapies')
    expect(letter.blocks[0]).toEqual({
      kind: 'fields',
      rows: [
        { label: 'Date', value: '26 Nov 2026' },
        { label: 'Name', value: 'Siân Ó Dálaigh' },
        { label: 'Date of birth', value: '12 Apr 1985' },
        { label: 'Staff number', value: 'PC7788' },
        { label: 'Urgency', value: 'Urgent' }
      ]
    })
    const text = JSON.stringify(letter)
    expect(text).toContain('Low mood since the Harbour Road fatality')
    expect(text).toContain(consentScope)
    expect(text).toContain('25 Nov 2026')
    expect(text).toContain('The referral is urgent.')
    expect(text).not.toMatch(/\{\{|\}\}/)
    expect(letter.blocks).toContainEqual({ kind: 'heading', text: 'Reason for referral' })
  })

  it('saves an A4 PDF holding the letter and nothing outside the consented scope', async () => {
    const { call, referral, folder, saved } = await letterStore()
    expect(await call('referrals:saveLetter', { referralId: referral.id })).toEqual({ fileName: 'letter.pdf' })
    expect(saved).toEqual(['referral-letter-2026-11-26.pdf'])
    const pdf = await parsePdfFile(join(folder, 'letter.pdf'))
    expect(pdf.sizes.every((page) => page.width === 595 && page.height === 842)).toBe(true)
    expect(pdf.title).toBe('Referral to NHS Talking Therapies')
    const text = squash(pdf.text)
    for (const expected of [
      'Siân Ó Dálaigh',
      'PC7788',
      '12 Apr 1985',
      'Low mood since the Harbour Road fatality',
      consentScope,
      'Page 1 of'
    ])
      expect(text).toContain(expected)
    // The case note, the screening and its score are on the record but never in the letter.
    expect(text).not.toContain('gambling')
    expect(text).not.toMatch(/PHQ|screening|score|17/i)
    expect(text).not.toContain('Armed Policing')
    // Nor the person's role, which can say what they were exposed to.
    expect(text).not.toContain('Firearms')
    expect(text).not.toContain('sian.evans@example.police.uk')
  })

  it('audits every save by the referral’s id alone, and a cancelled dialog saves and audits nothing', async () => {
    const { call, referral, folder, audit, cancelNextSave, saveTo, host } = await letterStore()
    await call('referrals:saveLetter', { referralId: referral.id })
    saveTo(join(folder, 'again.pdf'))
    await call('referrals:saveLetter', { referralId: referral.id })
    const entries = audit() as { action: string; entity_type: string; entity_id: string; detail: string | null }[]
    expect(entries).toEqual([
      { action: 'referral.letter-saved', entity_type: 'referral', entity_id: referral.id, detail: null },
      { action: 'referral.letter-saved', entity_type: 'referral', entity_id: referral.id, detail: null }
    ])
    const everything = JSON.stringify(host.vault.sqlite.prepare('SELECT * FROM audit_log').all())
    expect(everything).not.toContain('letter.pdf')
    expect(everything).not.toContain('Low mood')
    cancelNextSave()
    expect(await call('referrals:saveLetter', { referralId: referral.id })).toBeNull()
    expect(audit()).toHaveLength(2)
  })

  it('is refused while the referral has no consent recorded, before any dialog opens', async () => {
    const { call, person, saved, folder, audit } = await letterStore()
    const unconsented = await call<Referral>('referrals:create', {
      personId: person.id,
      caseId: null,
      destinationId: 'gp',
      reason: 'Sleep',
      urgency: 'routine'
    })
    for (const channel of ['referrals:letterPreview', 'referrals:saveLetter']) {
      const refused = await refusal(call(channel, { referralId: unconsented.id }))
      expect(refused.message).toMatch(/^Record what the person agreed may be shared before writing the letter/)
    }
    expect(saved).toEqual([])
    expect(existsSync(join(folder, 'letter.pdf'))).toBe(false)
    expect(audit()).toEqual([])
  })

  it('carries the consent record a sent referral was sent on, and is refused once that consent is withdrawn', async () => {
    const { call, referral, saved, audit } = await letterStore()
    await call('referrals:recordStep', { referralId: referral.id, status: 'sent', happenedOn: '2026-11-26' })
    const [sent] = (await call<Referral[]>('referrals:forPerson', { personId: referral.personId })).filter((r) => r.id === referral.id)
    expect(sent?.consent).toMatchObject({ givenOn: '2026-11-25', withdrawnOn: null })
    await call('consent:withdraw', { consentId: sent?.consent?.id, withdrawnOn: '2026-11-26' })
    for (const channel of ['referrals:letterPreview', 'referrals:saveLetter']) {
      const refused = await refusal(call(channel, { referralId: referral.id }))
      expect(refused.message).toBe(
        'The person withdrew their consent to share on 26 Nov 2026, so no letter can be written for this referral.'
      )
    }
    expect(saved).toEqual([])
    expect(audit()).toEqual([])
  })

  it('is refused to a clinician not named on a restricted person, and the refusal is audited', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    await store.signInAsAdmin()
    const referral = await store.call<Referral>('referrals:create', {
      personId: store.restricted.id,
      caseId: null,
      destinationId: 'gp',
      reason: 'Sleep',
      urgency: 'routine'
    })
    await store.call('referrals:recordConsent', { referralId: referral.id, scope: 'Reason only', givenOn: '2026-11-20' })
    let asked = false
    store.host.core.dialogs = {
      chooseBackupDestination: async () => null,
      chooseBackupToRestore: async () => null,
      chooseDocumentDestination: async () => {
        asked = true
        return null
      }
    }
    await store.signInAsSam()
    const refusedBefore = countRefusals(store)
    for (const channel of ['referrals:letterPreview', 'referrals:saveLetter']) {
      const refused = await refusal(store.call(channel, { referralId: referral.id }))
      expect(refused.message).toBe('This record is restricted to named clinicians.')
    }
    expect(asked).toBe(false)
    expect(countRefusals(store)).toBeGreaterThan(refusedBefore)
  })
})

describe('the letter template', () => {
  it('starts as the default, and administrators can change it', async () => {
    const { call, referral, host } = await letterStore()
    const start = await call<ReferralLetterTemplate>('referrals:letterTemplate', {})
    expect(start).toMatchObject({ letterTemplate: defaultReferralLetterTemplate, isDefault: true })
    expect(start.placeholders.map((p) => p.name)).toContain('consentScope')
    const changed = await call<ReferralLetterTemplate>('referrals:setLetterTemplate', {
      letterTemplate: 'Dear {{ destination }},\n\nPlease see {{name}} ({{staffNumber}}) about: {{reason}}\n\n## Consent\n\n{{consentScope}}'
    })
    expect(changed.isDefault).toBe(false)
    const letter = await call<PrintableDocument>('referrals:letterPreview', { referralId: referral.id })
    expect(letter.blocks.slice(1)).toEqual([
      { kind: 'paragraph', text: 'Dear NHS Talking Therapies,' },
      { kind: 'paragraph', text: 'Please see Siân Ó Dálaigh (PC7788) about: Low mood since the Harbour Road fatality' },
      { kind: 'heading', text: 'Consent' },
      { kind: 'paragraph', text: consentScope }
    ])
    const audit = host.vault.sqlite.prepare(`SELECT entity_type, detail FROM audit_log WHERE action = 'settings.changed'`).all()
    expect(audit).toEqual([{ entity_type: 'settings', detail: 'referralLetterTemplate' }])
  })

  it('refuses a template with unknown placeholders, naming them, and keeps the one before', async () => {
    const { call, raw } = await letterStore()
    const result = await raw('referrals:setLetterTemplate', {
      letterTemplate: 'Dear {{name}}, your score was {{phq9Score}} and {{notes}}.'
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['letterTemplate'] } })
    const message = result.ok ? '' : result.error.message
    // Names exactly the unknown ones, then the ones Harbour has.
    expect(message).toMatch(
      /^The letter template has placeholders Harbour does not know: \{\{phq9Score\}\}, \{\{notes\}\}\. Use only the placeholders listed with the template\.$/
    )
    expect((await call<ReferralLetterTemplate>('referrals:letterTemplate', {})).letterTemplate).toBe(defaultReferralLetterTemplate)
    expect(await raw('referrals:setLetterTemplate', { letterTemplate: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' }
    })
  })

  it('is only for administrators', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    const result = await store.raw('referrals:setLetterTemplate', { letterTemplate: 'Dear {{name}}' })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

function countRefusals(store: Awaited<ReturnType<typeof storeWithRestrictedPerson>>): number {
  return (store.host.vault.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action LIKE '%refused%'`).get() as { n: number }).n
}
