import { describe, expect, it } from 'vitest'
import type { Person, PersonSummary } from '../../shared/contract/people'
import { caseloadStore, nurse, personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('people', () => {
  it('creates a person, and every view of the record writes one audit entry with no content', async () => {
    const { call, host } = await caseloadStore(tempFolder())
    const created = await call<Person>('people:create', personFields())
    expect(created).toMatchObject({ staffNumber: 'PC4321', roleName: 'Firearms', givenName: 'Siân' })
    await call('people:get', { id: created.id })
    await call('people:get', { id: created.id })
    const views = host.vault.sqlite.prepare("SELECT actor_id, entity_id, detail FROM audit_log WHERE action = 'person.viewed'").all()
    expect(views).toEqual([
      { actor_id: host.vault.session?.id, entity_id: created.id, detail: null },
      { actor_id: host.vault.session?.id, entity_id: created.id, detail: null }
    ])
    const log = JSON.stringify(host.vault.sqlite.prepare('SELECT * FROM audit_log').all())
    for (const value of ['Siân', 'Evans', 'PC4321', '1985-04-12', 'Armed Policing']) expect(log).not.toContain(value)
  })

  it('audits edits by field name, never by value', async () => {
    const { call, host } = await caseloadStore(tempFolder())
    const created = await call<Person>('people:create', personFields())
    await call('people:update', { id: created.id, changes: personFields({ department: 'Roads Policing', phone: '01234 567890' }) })
    const entry = host.vault.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'person.updated'").get()
    expect(entry).toEqual({ detail: 'department,phone' })
  })

  it.each([
    [{ givenName: '' }, 'givenName'],
    [{ staffNumber: '' }, 'staffNumber'],
    [{ staffNumber: 'has space' }, 'staffNumber'],
    [{ dateOfBirth: '1985-02-30' }, 'dateOfBirth'],
    [{ dateOfBirth: '12/04/1985' }, 'dateOfBirth'],
    [{ dateOfBirth: '2099-01-01' }, 'dateOfBirth'],
    [{ roleId: 'astronaut' }, 'roleId'],
    [{ employmentType: 'contractor' }, 'employmentType'],
    [{ familyName: 'x'.repeat(81) }, 'familyName'],
    [{ adjustments: 'y'.repeat(4001) }, 'adjustments'],
    [{ email: 'not-an-email' }, 'email'],
    [{ startDate: '2020-01-01', leavingDate: '2019-12-31' }, 'leavingDate']
  ])('refuses %j, naming %s, and saves nothing', async (overrides, field) => {
    const { raw, host } = await caseloadStore(tempFolder())
    const result = await raw('people:create', personFields(overrides as never))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.fields).toContain(field)
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 })
  })

  it('refuses a duplicate staff number, whatever its case', async () => {
    const { call, raw } = await caseloadStore(tempFolder())
    await call('people:create', personFields())
    expect(await raw('people:create', personFields({ staffNumber: 'pc4321', givenName: 'Other' }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: ['staffNumber'] }
    })
  })

  it('keeps restricted records from other clinicians: refused and audited, and absent from search', async () => {
    const { call, raw, host } = await caseloadStore(tempFolder())
    const secret = await call<Person>('people:create', personFields({ restricted: true }))
    expect(secret.namedClinicianIds).toEqual([host.vault.session?.id])
    const added = await call<{ id: string }>('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
    host.vault.lock('manual')
    const signedIn = await host.vault.unlock(nurse.username, nurse.passphrase)
    host.vault.refreshSessionUser({ ...signedIn, mustChangePassphrase: false })
    expect(await raw('people:get', { id: secret.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await call('people:search', { query: 'evans' })).toEqual([])
    const refused = host.vault.sqlite.prepare("SELECT actor_id, entity_id FROM audit_log WHERE action = 'person.view-refused'").all()
    expect(refused).toEqual([{ actor_id: added.id, entity_id: secret.id }])
    host.vault.lock('manual')
    await host.vault.unlock(admin.username, admin.passphrase)
    expect((await call<PersonSummary[]>('people:search', { query: 'evans' })).map((p) => p.id)).toEqual([secret.id])
  })

  it('finds people by staff number, part of a name, or both, ignoring case and accents', async () => {
    const { call } = await caseloadStore(tempFolder())
    await call('people:create', personFields())
    await call(
      'people:create',
      personFields({ staffNumber: 'PS0099', givenName: 'John', familyName: 'Smithers', roleId: 'custody', employmentType: 'police-staff' })
    )
    await call('people:create', personFields({ staffNumber: 'PC1000', givenName: 'Joanna', familyName: 'Smith', preferredName: 'Jo' }))
    const names = async (query: string) => (await call<PersonSummary[]>('people:search', { query })).map((p) => p.displayName)
    expect(await names('sian')).toEqual(['Evans, Siân'])
    expect(await names('SMITH')).toEqual(['Smith, Joanna (Jo)', 'Smithers, John'])
    expect(await names('mith')).toEqual(['Smith, Joanna (Jo)', 'Smithers, John'])
    expect(await names('ps00')).toEqual(['Smithers, John'])
    expect(await names('PC1000')).toEqual(['Smith, Joanna (Jo)'])
    expect(await names('jo smith')).toEqual(['Smith, Joanna (Jo)', 'Smithers, John'])
    expect(await names('sm')).toEqual(['Smith, Joanna (Jo)', 'Smithers, John'])
    expect(await names('e')).toEqual(['Evans, Siân'])
    expect(await names('"; DROP TABLE people; --')).toEqual([])
    expect(await names('   ')).toEqual([])
  })
})
