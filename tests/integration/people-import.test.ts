import { readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import type { PersonSummary } from '../../shared/contract/people'
import { importColumns } from '../../shared/contract/people-import'
import { caseloadStore } from '../fixtures/caseload'
import { cli } from '../fixtures/cli'
import { storeWithRestrictedPerson } from '../fixtures/restricted'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()
const header = importColumns.join(',')

function csvFile(lines: string[], options: { bom?: boolean; crlf?: boolean } = {}): string {
  const path = join(tempFolder(), 'hr-export.csv')
  const text = lines.join(options.crlf ? '\r\n' : '\n') + (options.crlf ? '\r\n' : '\n')
  writeFileSync(path, (options.bom ? '\ufeff' : '') + text)
  return path
}

const good = [
  header,
  'PC1001,PC,Jane,Doe,,12/04/1985,Police Officer,firearms,"Armed Policing, Operations",Sgt A Smith,jane.doe@example.police.uk,,01/09/2008,',
  'PS2002,,Rhys,Owen,Rhi,1979-11-30,police staff,Digital Forensics,"Digital Forensics Unit\nBuilding 2",Mr B Jones,,01234 567890,2015-03-02,',
  'SC3003,,Priya,Shah,,03.07.1990,SPECIAL CONSTABLE,Response,North,Insp C Green,,,1 Jan 2020,'
]

async function run(path: string, commit: boolean, folder?: string) {
  const store = await caseloadStore(folder ?? tempFolder())
  const call = callAs(store.host)
  return { store, report: await importPeople(call, { path, token: 't', commit }) }
}

describe('HR import', () => {
  it('imports the Harbour template with BOM, CRLF, quoted commas and newlines, and day-first dates', async () => {
    const { store, report } = await run(csvFile(good, { bom: true, crlf: true }), true)
    expect(report).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0, committed: true, problems: [] })
    const rhys = await store.call<PersonSummary[]>('people:search', { query: 'PS2002' })
    expect(rhys[0]).toMatchObject({
      displayName: 'Owen, Rhys (Rhi)',
      roleName: 'Digital forensics',
      department: 'Digital Forensics Unit\nBuilding 2'
    })
    const jane = await store.call<{ dateOfBirth: string; employmentType: string; startDate: string }>('people:get', {
      id: (await store.call<PersonSummary[]>('people:search', { query: 'PC1001' }))[0]?.id
    })
    expect(jane).toMatchObject({ dateOfBirth: '1985-04-12', employmentType: 'police-officer', startDate: '2008-09-01' })
    const audit = store.host.vault.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'people.imported'").all()
    expect(audit).toEqual([{ detail: 'created=3,updated=0,unchanged=0' }])
  })

  it('updates by staff number, and changes nothing the second time', async () => {
    const folder = tempFolder()
    const first = await run(csvFile(good), true, folder)
    const call = callAs(first.store.host)
    const again = await importPeople(call, { path: csvFile(good), token: 't', commit: true })
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 })
    const changed = [...good]
    changed[1] = (changed[1] ?? '').replace('Sgt A Smith', 'Sgt D Brown')
    const third = await importPeople(call, { path: csvFile(changed), token: 't', commit: true })
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 2 })
  })

  it('reports every problem with its line number and imports nothing', async () => {
    const lines = [
      header,
      'PC1001,PC,Jane,Doe,,31/02/1985,police officer,firearms,,,,,,',
      ',,NoNumber,Person,,,police officer,,,,,,,',
      'PC1003,,Tom,Lee,,,contractor,astronaut,,,,,,',
      'PC1001,,Dup,Licate,,,pcso,,,,,,,',
      '"PC1005",,"Multi',
      'line",Name,,,volunteer,,,,not-an-email,,2020-01-01,2019-01-01'
    ]
    const { store, report } = await run(csvFile(lines), true)
    expect(report.committed).toBe(false)
    expect(report.problems).toEqual([
      { line: 2, message: 'date of birth "31/02/1985" is not a date (use DD/MM/YYYY or YYYY-MM-DD)', person: 'PC1001 Jane Doe' },
      { line: 3, message: 'staff number is missing', person: 'NoNumber Person' },
      {
        line: 4,
        message: 'employment type "contractor" is not one of police officer, police staff, special constable, PCSO, volunteer',
        person: 'PC1003 Tom Lee'
      },
      { line: 4, message: 'role "astronaut" is not in the role catalogue', person: 'PC1003 Tom Lee' },
      { line: 5, message: 'staff number PC1001 also appears on line 2', person: 'PC1001 Dup Licate' },
      { line: 6, message: 'leaving date is before the start date', person: 'PC1005 Multi\nline Name' }
    ])
    expect(store.host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 })
  })

  it('needs the required columns mapped, and uses a saved preset for other headers', async () => {
    // Collar No, Forename, Surname and Post are recognised; Contract is not a word for the employment type.
    const path = csvFile(['Collar No,Forename,Surname,Contract,Post', 'PC9,Ann,Bell,Police Officer,Custody'])
    const { store, report } = await run(path, false)
    expect(report.problems).toEqual([{ line: null, message: 'no column is mapped to employment type' }])
    expect(report.mapping).toEqual({ staff_number: 'Collar No', given_name: 'Forename', family_name: 'Surname', role: 'Post' })
    await store.call('people-import:savePreset', {
      name: 'Force HR',
      mapping: { staff_number: 'Collar No', given_name: 'Forename', family_name: 'Surname', employment_type: 'Contract', role: 'Post' }
    })
    const call = callAs(store.host)
    const mapped = await importPeople(call, { path, token: 't', preset: 'force hr', commit: true })
    expect(mapped).toMatchObject({ created: 1, problems: [] })
  })

  it('explains a file that is not CSV or is empty', async () => {
    await expect(run(csvFile(['staff_number,given_name', '"unclosed,quote']), false)).rejects.toMatchObject({ code: 'invalid-input' })
    const empty = join(tempFolder(), 'empty.csv')
    writeFileSync(empty, '')
    await expect(run(empty, false)).rejects.toMatchObject({ code: 'invalid-input', message: 'The file is empty.' })
  })
})

describe('HR import from the CLI', () => {
  it('prints counts, supports --dry-run, and prints each problem as "line N: message" with a non-zero exit', () => {
    const store = join(tempFolder(), 'store')
    expect(cli(['init', '--store', store, '--admin', admin.username], `${admin.passphrase}\n`).code).toBe(0)
    const file = csvFile(good)
    const line = `${admin.passphrase}\n`
    expect(cli(['import', 'people', '--store', store, '--user', admin.username, file, '--dry-run'], line)).toMatchObject({
      code: 0,
      stdout: 'created 3, updated 0, unchanged 0 (dry run: nothing was saved)\n'
    })
    expect(cli(['import', 'people', '--store', store, '--user', admin.username, file], line)).toMatchObject({
      code: 0,
      stdout: 'created 3, updated 0, unchanged 0\n'
    })
    expect(cli(['import', 'people', '--store', store, '--user', admin.username, file], line)).toMatchObject({
      code: 0,
      stdout: 'created 0, updated 0, unchanged 3\n'
    })
    const bad = csvFile([header, 'PC7,,A,B,,,robot,,,,,,,'])
    const refused = cli(['import', 'people', '--store', store, '--user', admin.username, bad], line)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe(
      'line 2: employment type "robot" is not one of police officer, police staff, special constable, PCSO, volunteer\n'
    )
    expect(refused.stderr).toBe('harbour: 1 problem found; nothing was imported.\n')
    expect(readFileSync(bad, 'utf8')).toContain('robot')
  })
})

describe('HR import and restricted records', () => {
  const row = (staffNumber: string, givenName: string, familyName: string) =>
    `${staffNumber},PC,${givenName},${familyName},,12/04/1985,police officer,firearms,Armed Policing,Sgt Patel,,,01/09/2008,`

  it('refuses to change a restricted person for a clinician not named on them, and imports nothing', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    const path = csvFile([header, row('PC4321', 'Changed', 'Name'), row('PC5555', 'Owen', 'Pryce')])
    const report = await importPeople(store.context(), { path, token: 't', commit: true })
    expect(report.committed).toBe(false)
    expect(report.problems).toEqual([
      {
        line: 2,
        message: 'staff number PC4321 is on a record you may not change, so this row cannot be imported',
        person: 'PC4321 Changed Name'
      }
    ])
    const names = store.host.vault.sqlite.prepare('SELECT staff_number, given_name, family_name FROM people ORDER BY staff_number').all()
    expect(names).toEqual([
      { staff_number: 'PC4321', given_name: 'Siân', family_name: 'Evans' },
      { staff_number: 'PC5555', given_name: 'Owen', family_name: 'Price' }
    ])
    // The attempt leaves a trace, as a refused read does.
    const refused = store.host.vault.sqlite
      .prepare("SELECT actor_id, entity_id FROM audit_log WHERE action = 'person.import-refused'")
      .all()
    expect(refused).toEqual([{ actor_id: store.samId, entity_id: store.restricted.id }])
  })

  it('still lets that clinician create people and update the records they can see', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    const path = csvFile([header, row('PC5555', 'Owen', 'Pryce'), row('PC6000', 'New', 'Starter')])
    expect(await importPeople(store.context(), { path, token: 't', commit: true })).toMatchObject({
      created: 1,
      updated: 1,
      problems: [],
      committed: true
    })
  })

  it('lets a clinician named on the restricted person update them, keeping the restriction', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    await store.signInAsAdmin()
    const path = csvFile([header, row('PC4321', 'Siân', 'Evans-Jones')])
    expect(await importPeople(store.context(), { path, token: 't', commit: true })).toMatchObject({
      updated: 1,
      problems: [],
      committed: true
    })
    const after = await store.call<{ familyName: string; restricted: boolean; namedClinicianIds: string[] }>('people:get', {
      id: store.restricted.id
    })
    expect(after).toMatchObject({ familyName: 'Evans-Jones', restricted: true, namedClinicianIds: [store.host.vault.session?.id] })
  })
})

describe('import limits', () => {
  it('refuses a file of a million columns from its first line, before reading it into rows', async () => {
    const path = csvFile([Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(','), 'a,b,c'])
    await expect(run(path, false)).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'Line 1 has more than 200 columns. Harbour reads at most 200: remove the columns it does not need, then try again.'
    })
  })

  it('refuses a row with more than 200 columns, naming its line', async () => {
    const path = csvFile([header, good[1] ?? '', `PC9,,A,"B\nC",${'x,'.repeat(200)}x`])
    await expect(run(path, false)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^Line 3 has more than 200 columns\./)
    })
  })

  it('refuses more than 100,000 rows', async () => {
    const path = csvFile([header, ...Array.from({ length: 100_001 }, (_, i) => `P${i},,A,B,,,pcso,,,,,,,`)])
    await expect(run(path, false)).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The file has more than 100,000 rows. Split it into smaller files and import each one.'
    })
  })

  it('refuses a value longer than 10,000 characters, naming its line after a value that spans lines', async () => {
    const path = csvFile([header, 'PC1,,"Two\nline",B,,,pcso,,,,,,,', `PC2,,A,"${'x'.repeat(10_001)}",,,pcso,,,,,,,`])
    await expect(run(path, false)).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'Line 4 has a value longer than 10,000 characters. Check this is the right file.'
    })
  })

  it('refuses a file over 50 MB without reading it', async () => {
    const path = csvFile([header])
    truncateSync(path, 50 * 1024 * 1024 + 1)
    await expect(run(path, false)).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The file is larger than 50 MB. Split it and import each part.'
    })
  })

  it('lists the first 500 problems and counts the rest', async () => {
    const path = csvFile([header, ...Array.from({ length: 600 }, (_, i) => `P${i},,A,B,,,robot,,,,,,,`)])
    const { report } = await run(path, true)
    expect(report.problems).toHaveLength(500)
    expect(report.problems[0]).toEqual({
      line: 2,
      message: 'employment type "robot" is not one of police officer, police staff, special constable, PCSO, volunteer',
      person: 'P0 A B'
    })
    expect(report.problems.at(-1)?.line).toBe(501)
    expect(report.moreProblems).toBe(100)
    expect(report.committed).toBe(false)
  })

  it('says how many more problems there are on the command line', () => {
    const store = join(tempFolder(), 'store')
    expect(cli(['init', '--store', store, '--admin', admin.username], `${admin.passphrase}\n`).code).toBe(0)
    const bad = csvFile([header, ...Array.from({ length: 503 }, (_, i) => `P${i},,A,B,,,robot,,,,,,,`)])
    const refused = cli(['import', 'people', '--store', store, '--user', admin.username, bad], `${admin.passphrase}\n`)
    expect(refused.code).toBe(1)
    const lines = refused.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(501)
    expect(lines.at(-1)).toBe('and 3 more problems')
    expect(refused.stderr).toBe('harbour: 503 problems found; nothing was imported.\n')
  })
})
