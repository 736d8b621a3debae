import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { Referral } from '../../shared/contract/referrals'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { cli } from '../fixtures/cli'
import { parsePdfFile } from '../fixtures/pdf-text'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const line = `${admin.passphrase}\n`

describe('the referral letter from the CLI', () => {
  it('writes the same letter as the app, audited by the referral’s id, and refuses one without consent', async () => {
    const store = await caseloadStore(tempFolder())
    const person = await store.call<Person>('people:create', personFields({ givenName: 'Siân', familyName: 'Ó Dálaigh' }))
    const make = (destinationId: string) =>
      store.call<Referral>('referrals:create', {
        personId: person.id,
        caseId: null,
        destinationId,
        reason: 'Sleep',
        urgency: 'routine'
      })
    const consented = await make('gp')
    await store.call('referrals:recordConsent', { referralId: consented.id, scope: 'Reason only, with the GP', givenOn: '2026-11-20' })
    // Consent is to share with a destination: the GP consent does not cover NHS Talking Therapies.
    const unconsented = await make('nhs-talking-therapies')
    store.host.vault.lock('manual')

    const out = join(tempFolder(), 'letter.pdf')
    const written = cli(['letter', '--store', store.folder, '--user', admin.username, '--referral', consented.id, '--out', out], line)
    expect(written).toMatchObject({ code: 0, stdout: `Referral letter written: ${out}\n` })
    const text = (await parsePdfFile(out)).text.replace(/\s+/g, ' ')
    expect(text).toContain('Siân Ó Dálaigh')
    expect(text).toContain('Reason only, with the GP')

    const refusedOut = join(tempFolder(), 'refused.pdf')
    const refused = cli(
      ['letter', '--store', store.folder, '--user', admin.username, '--referral', unconsented.id, '--out', refusedOut],
      line
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^harbour: Record what the person agreed may be shared before writing the letter/)
    expect(existsSync(refusedOut)).toBe(false)

    await store.host.vault.unlock(admin.username, admin.passphrase)
    expect(store.host.vault.sqlite.prepare(`SELECT entity_id FROM audit_log WHERE action = 'referral.letter-saved'`).all()).toEqual([
      { entity_id: consented.id }
    ])
  })
})
