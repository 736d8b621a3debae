import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import { importColumns, requiredColumns } from '../../shared/contract/people-import'
import { columnForHeader } from '../../shared/hr-header-synonyms'
import { caseloadStore } from '../fixtures/caseload'
import { cli } from '../fixtures/cli'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()
const exports = resolve(__dirname, '../fixtures/hr-exports')

/** Realistic header rows from the HR systems UK forces use, with synthetic people (tests/fixtures/hr-exports). */
const layouts = [
  { file: 'oracle-hcm.csv', system: 'Oracle HCM', people: 3, unmapped: [] },
  { file: 'sap-hr.csv', system: 'SAP HR', people: 3, unmapped: [] },
  { file: 'sap-successfactors.csv', system: 'SAP SuccessFactors', people: 3, unmapped: [] },
  { file: 'mhr-itrent.csv', system: 'MHR iTrent', people: 3, unmapped: [] },
  { file: 'midland-hr.csv', system: 'Midland HR', people: 3, unmapped: [] },
  { file: 'esr.csv', system: 'an ESR-like export', people: 3, unmapped: ['Assignment Number', 'Middle Names'] },
  { file: 'force-spreadsheet.csv', system: "a force's own spreadsheet", people: 4, unmapped: [] }
]

const headersOf = (path: string) => (parse(readFileSync(path), { bom: true, to_line: 1 }) as string[][])[0] ?? []

async function storeIn(folder = tempFolder()) {
  const store = await caseloadStore(folder)
  return { store, call: callAs(store.host) }
}

describe('HR exports map with no manual mapping', () => {
  for (const layout of layouts) {
    it(`maps every column of ${layout.system} and imports it`, async () => {
      const path = join(exports, layout.file)
      const headers = headersOf(path)
      const { store, call } = await storeIn()
      const checked = await importPeople(call, { path, token: layout.file, commit: false })
      expect(checked.problems).toEqual([])
      // Every header is mapped to its column, bar those Harbour has no column for.
      const mapped = Object.values(checked.mapping)
      expect(headers.filter((header) => !mapped.includes(header))).toEqual(layout.unmapped)
      for (const column of requiredColumns) expect(checked.mapping[column]).toBeTruthy()
      expect(checked.appliedPreset).toBeNull()
      const imported = await importPeople(call, { path, token: layout.file, commit: true, checkId: checked.checkId })
      expect(imported).toMatchObject({ committed: true, created: layout.people, problems: [] })
      expect(store.host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: layout.people })
    })
  }

  it('reads each system’s own date and name forms into the right fields', async () => {
    const { store, call } = await storeIn()
    for (const layout of layouts) await importPeople(call, { path: join(exports, layout.file), token: layout.file, commit: true })
    const person = (staffNumber: string) =>
      store.host.vault.sqlite
        .prepare(
          'SELECT title, given_name, family_name, preferred_name, date_of_birth, employment_type, role_id, department, start_date, leaving_date FROM people WHERE staff_number = ?'
        )
        .get(staffNumber)
    // Oracle: DD-MON-YYYY, a leap day and a leaving date.
    expect(person('100872')).toMatchObject({
      given_name: 'Mei',
      family_name: 'Chen',
      date_of_birth: '1992-02-29',
      start_date: '2014-10-01',
      leaving_date: '2024-03-31',
      role_id: 'child-abuse-investigation'
    })
    // SAP: DD.MM.YYYY, "Nickname" is the preferred name.
    expect(person('00041388')).toMatchObject({
      preferred_name: 'Tom',
      employment_type: 'pcso',
      date_of_birth: '1995-12-09',
      start_date: '2019-08-15'
    })
    // iTrent: Forename(s), Surname, DOB and an apostrophe.
    expect(person('P0088154')).toMatchObject({
      given_name: 'Joanne',
      family_name: "O'Brien",
      preferred_name: 'Jo',
      date_of_birth: '1969-07-03',
      employment_type: 'police-staff'
    })
    // A force's own sheet: Payroll No, Rank, Dept and a quoted comma.
    expect(person('4502')).toMatchObject({ title: 'PCSO', department: 'Neighbourhood Policing, West', start_date: '2010-03-12' })
    // ESR-like: the employee number, not the assignment number.
    expect(person('20567341')).toMatchObject({ given_name: 'Erik', family_name: 'Lindqvist', department: 'Forensic Services' })
  })

  it('names each column of the fixtures by the synonym table, not by chance', () => {
    for (const layout of layouts) {
      const recognised = headersOf(join(exports, layout.file)).filter((header) => columnForHeader(header) !== null)
      expect(recognised.length + layout.unmapped.length).toBe(headersOf(join(exports, layout.file)).length)
      expect(new Set(recognised.map(columnForHeader)).size).toBe(recognised.length)
    }
    // Between them the layouts use every Harbour column.
    const used = new Set(layouts.flatMap((layout) => headersOf(join(exports, layout.file)).map(columnForHeader)))
    expect(importColumns.filter((column) => !used.has(column))).toEqual([])
  })
})

describe('saved mappings for next month’s file', () => {
  const layout = ['Ident', 'Given', 'Family', 'Kind', 'Post held']
  const month = (rows: string[]) => {
    const path = join(tempFolder(), 'hr-monthly.csv')
    writeFileSync(path, `${layout.join(',')}\r\n${rows.join('\r\n')}\r\n`)
    return path
  }
  const monthlyHr = { staff_number: 'Ident', given_name: 'Given', family_name: 'Family', employment_type: 'Kind', role: 'Post held' }

  it('applies the saved mapping whose headers the file has, and says which', async () => {
    const { store, call } = await storeIn()
    await store.call('people-import:savePreset', { name: 'Monthly HR', mapping: monthlyHr })
    const october = await importPeople(call, { path: month(['PC1,Ann,Bell,police officer,response']), token: 'october', commit: false })
    expect(october).toMatchObject({ appliedPreset: 'Monthly HR', mapping: monthlyHr, problems: [] })
    // Next month the same layout, headers spelt a little differently, and a new column.
    const path = join(tempFolder(), 'november.csv')
    writeFileSync(
      path,
      'IDENT,given,Family ,KIND,Post Held,Notes\r\nPC1,Ann,Bell,police officer,response,\r\nPC2,Ben,Cole,pcso,neighbourhood,\r\n'
    )
    const november = await importPeople(call, { path, token: 'november', commit: true })
    expect(november).toMatchObject({ appliedPreset: 'Monthly HR', problems: [], committed: true, created: 2 })
    expect(november.mapping).toEqual({
      staff_number: 'IDENT',
      given_name: 'given',
      family_name: 'Family',
      employment_type: 'KIND',
      role: 'Post Held'
    })
  })

  it('does not apply a saved mapping when a header it needs is missing, or it leaves a required field empty', async () => {
    const { store, call } = await storeIn()
    await store.call('people-import:savePreset', { name: 'Monthly HR', mapping: { ...monthlyHr, department: 'Division name' } })
    await store.call('people-import:savePreset', { name: 'Incomplete', mapping: { staff_number: 'Ident', given_name: 'Given' } })
    const report = await importPeople(call, { path: month(['PC1,Ann,Bell,police officer,response']), token: 't', commit: false })
    expect(report.appliedPreset).toBeNull()
    expect(report.problems.map((p) => `${p.line}: ${p.message}`)).toContain('null: no column is mapped to staff number')
  })

  it('of two saved mappings that fit, uses the one that fills more columns', async () => {
    const { store, call } = await storeIn()
    const fewer = { staff_number: 'Ident', given_name: 'Given', family_name: 'Family', employment_type: 'Kind' }
    await store.call('people-import:savePreset', { name: 'Fewer', mapping: fewer })
    await store.call('people-import:savePreset', { name: 'More', mapping: monthlyHr })
    expect(await importPeople(call, { path: month(['PC1,Ann,Bell,police officer,response']), token: 't', commit: false })).toMatchObject({
      appliedPreset: 'More'
    })
  })

  it('says so on the command line, and calls mapping problems "column mapping", not line 1', () => {
    const storeFolder = join(tempFolder(), 'store')
    expect(cli(['init', '--store', storeFolder, '--admin', admin.username], `${admin.passphrase}\n`).code).toBe(0)
    const unmapped = join(tempFolder(), 'unmapped.csv')
    writeFileSync(unmapped, 'Ident,Given,Family\r\nPC1,Ann,Bell\r\n')
    const refused = cli(['import', 'people', '--store', storeFolder, '--user', admin.username, unmapped], `${admin.passphrase}\n`)
    expect(refused).toMatchObject({
      code: 1,
      stdout:
        'column mapping: no column is mapped to staff number\ncolumn mapping: no column is mapped to given name\ncolumn mapping: no column is mapped to family name\ncolumn mapping: no column is mapped to employment type\n'
    })
    const force = join(tempFolder(), 'force.csv')
    copyFileSync(join(exports, 'force-spreadsheet.csv'), force)
    expect(cli(['import', 'people', '--store', storeFolder, '--user', admin.username, force], `${admin.passphrase}\n`)).toMatchObject({
      code: 0,
      stdout: 'created 4, updated 0, unchanged 0\n'
    })
  })
})
