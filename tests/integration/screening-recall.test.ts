import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { DueList } from '../../shared/contract/screening'
import { personSearchKey } from '../../electron/core/store/search-keys'
import { caseloadStore, nurse, personFields } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

async function recallStore() {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
  const store = await caseloadStore(tempFolder(), clock.now)
  let next = 1
  const add = (overrides: Parameters<typeof personFields>[0] = {}) =>
    store.call<Person>('people:create', personFields({ staffNumber: `PC${next++}`, ...overrides }))
  const due = (input: Record<string, unknown> = {}) => store.call<DueList>('screening:due', input)
  return { ...store, add, due }
}

async function signInAsNurse(store: Awaited<ReturnType<typeof recallStore>>) {
  await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
  store.host.vault.lock('manual')
  const signedIn = await store.host.vault.unlock(nurse.username, nurse.passphrase)
  store.host.vault.refreshSessionUser({ ...signedIn, mustChangePassphrase: false })
}

describe('the recall department filter', () => {
  it('matches the department in any case, with the department on each row', async () => {
    const store = await recallStore()
    await store.add({ familyName: 'Able', department: 'Firearms' })
    await store.add({ familyName: 'Baker', department: 'FIREARMS' })
    await store.add({ familyName: 'Cole', department: 'Roads Policing' })
    await store.add({ familyName: 'Dunn', department: null })
    for (const department of ['firearms', 'Firearms', 'FIREARMS', '  firearms ']) {
      const list = await store.due({ department })
      expect(
        list.rows.map((row) => [row.personName, row.department]),
        department
      ).toEqual([
        ['Able, Siân', 'Firearms'],
        ['Baker, Siân', 'FIREARMS']
      ])
      expect(list).toMatchObject({ total: 2, dueInPeriod: 4 })
    }
  })

  it('does not match part of a department, another department, or people with none', async () => {
    const store = await recallStore()
    await store.add({ familyName: 'Able', department: 'Firearms' })
    await store.add({ familyName: 'Cole', department: 'Roads Policing' })
    await store.add({ familyName: 'Dunn', department: null })
    for (const department of ['fire', 'Firearms Unit', 'roads', 'policing', '%', '_irearms']) {
      expect(await store.due({ department }), department).toMatchObject({ rows: [], total: 0, dueInPeriod: 3 })
    }
    // An empty department is no filter at all.
    expect(await store.due({ department: '  ' })).toMatchObject({ total: 3, dueInPeriod: 3 })
  })

  it('says how many are due with no filter, so an empty list can name the filter that emptied it', async () => {
    const store = await recallStore()
    // Screened today, so next due in a year: nobody is due in the next 30 days.
    const screened = await store.add({ familyName: 'Able', department: 'Firearms' })
    await store.call('screening:save', {
      personId: screened.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }]
    })
    expect(await store.due({ department: 'Firearms' })).toMatchObject({ total: 0, dueInPeriod: 0 })
    expect(await store.due({})).toMatchObject({ total: 0, dueInPeriod: 0 })
    await store.add({ familyName: 'Cole', department: 'Roads Policing', roleId: 'family-liaison' })
    expect(await store.due({ department: 'Firearms' })).toMatchObject({ total: 0, dueInPeriod: 1 })
    expect(await store.due({ roleId: 'firearms' })).toMatchObject({ total: 0, dueInPeriod: 1 })
    expect(await store.due({})).toMatchObject({ total: 1, dueInPeriod: 1 })
  })
})

describe('the departments to choose from', () => {
  it('lists each department on record once, in the spelling most people have, in order, leaving out blanks', async () => {
    const store = await recallStore()
    await store.add({ department: 'Firearms' })
    await store.add({ department: 'firearms' })
    await store.add({ department: 'Firearms' })
    await store.add({ department: 'Digital Forensics Unit', roleId: 'digital-forensics' })
    await store.add({ department: 'crime command', roleId: null })
    await store.add({ department: '   ' })
    await store.add({ department: null })
    expect(await store.call<string[]>('screening:dueDepartments', {})).toEqual(['crime command', 'Digital Forensics Unit', 'Firearms'])
  })

  it('leaves out departments only a restricted record the user may not open would show', async () => {
    const store = await recallStore()
    await store.add({ department: 'Firearms' })
    await store.add({ department: 'Professional Standards', restricted: true })
    await store.add({ department: 'firearms', restricted: true })
    await store.add({ department: 'firearms', restricted: true })
    // The administrator is named on both restricted records, so sees their spelling win.
    expect(await store.call<string[]>('screening:dueDepartments', {})).toEqual(['firearms', 'Professional Standards'])
    await signInAsNurse(store)
    expect(await store.call<string[]>('screening:dueDepartments', {})).toEqual(['Firearms'])
  })
})

describe('printing the recall list', () => {
  it('returns every row, not one page, with the totals, and audits the print by count only', async () => {
    const store = await recallStore()
    // 230 people due now: more than the largest page (200), inserted directly to keep the test quick.
    const insert = store.host.vault.sqlite.prepare(
      `INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, department, restricted, search_key, created_at, updated_at)
       VALUES (?, ?, 'Sam', ?, 'police-officer', 'firearms', 'Firearms', 0, ?, 't', 't')`
    )
    for (let i = 0; i < 230; i++) {
      const familyName = `Person${String(i).padStart(3, '0')}`
      insert.run(
        randomUUID(),
        `PC${1000 + i}`,
        familyName,
        personSearchKey({ staffNumber: `PC${1000 + i}`, givenName: 'Sam', familyName, preferredName: null })
      )
    }
    const page = await store.due({ page: { offset: 0, limit: 200 } })
    expect(page).toMatchObject({ total: 230 })
    expect(page.rows).toHaveLength(200)
    const printed = await store.call<DueList>('screening:printDue', { withinDays: 30 })
    expect(printed.total).toBe(230)
    expect(printed.rows).toHaveLength(230)
    expect(new Set(printed.rows.map((row) => row.staffNumber)).size).toBe(230)
    const filtered = await store.call<DueList>('screening:printDue', { withinDays: 30, department: 'firearms' })
    expect(filtered.rows).toHaveLength(230)
    const audit = store.host.vault.sqlite.prepare("SELECT entity_type, detail FROM audit_log WHERE action = 'screening.due-printed'").all()
    expect(audit).toEqual([
      { entity_type: 'print', detail: 'rows=230' },
      { entity_type: 'print', detail: 'rows=230' }
    ])
    expect(JSON.stringify(store.host.vault.sqlite.prepare('SELECT * FROM audit_log').all())).not.toContain('Person0')
  })

  it('refuses a bad filter with a clear message and prints nothing', async () => {
    const store = await recallStore()
    const result = await store.raw('screening:printDue', { withinDays: 400 })
    expect(result.ok).toBe(false)
    expect(store.host.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'screening.due-printed'").get()).toEqual({
      n: 0
    })
  })
})
