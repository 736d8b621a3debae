import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import type { ImportReport } from '../../shared/contract/people-import'
import { importColumns } from '../../shared/contract/people-import'
import { caseloadStore } from '../fixtures/caseload'
import { cli } from '../fixtures/cli'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()

const goodRow = (i: number) => `PC${5000 + i},PC,Given${i},Family${i},,12/04/1985,police officer,response,North,,,,01/09/2008,`

/** Six bad rows, as an HR export might have them: odd spacing, quotes, a comma and a line break inside a value, a formula-like cell. */
const badRows = [
  'PC9001,  PC ,Ann,Bell,,31/02/1985,police officer,response,North,,,,01/09/2008,',
  'PC9002,,"Ben ""Benny""",Cole,,12/04/1985,robot,response,"North, West",,,+44 1632 960000,01/09/2008,',
  'PC9003,,Cara,Dunn,,12/04/1985,police officer,astronaut,"Two\nlines",,,,01/09/2008,',
  ',,Dev,Eze,,12/04/1985,police officer,response,North,,,,01/09/2008,',
  'PC9005,,Eve,Ford,,12/04/1985,police officer,response,North,"=HYPERLINK(""x"")",,,01/09/1995,',
  'PC9006,,Finn,Gray,,12/04/1985,pcso,response,North,,,,01/09/2008,01/09/2007'
]
const rejectedNames = ['Ann', 'Bell', 'Benny', 'Cole', 'Cara', 'Dunn', 'Dev', 'Eze', 'Eve', 'Ford', 'Finn', 'Gray']

/** 190 good rows with the six bad ones among them, as the file's lines. */
function hrFile(): { path: string; lines: string[] } {
  const lines = [importColumns.join(',')]
  for (let i = 0; i < 190; i++) {
    lines.push(goodRow(i))
    if (i % 30 === 5) lines.push(badRows[(i - 5) / 30] ?? '')
  }
  const path = join(tempFolder(), 'hr-export.csv')
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`)
  return { path, lines }
}

async function setUp(answer: () => string | null = () => null) {
  const store = await caseloadStore(tempFolder())
  const core = {
    ...store.host.core,
    dialogs: {
      chooseBackupDestination: async () => null,
      chooseBackupToRestore: async () => null,
      chooseRejectedRowsDestination: async () => answer()
    }
  }
  const call = callAs({ core, vault: store.host.vault })
  const people = () => (store.host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n
  const audit = () =>
    store.host.vault.sqlite.prepare('SELECT action, entity_type, entity_id, detail FROM audit_log ORDER BY seq').all() as Record<
      string,
      string | null
    >[]
  return { store, call, people, audit }
}

describe('importing the valid rows and saving the rejected ones', () => {
  it('by default imports nothing when any row is bad, and offers no file', async () => {
    const { call, people } = await setUp()
    const { path } = hrFile()
    const report = await importPeople(call, { path, token: 't', commit: true })
    expect(report).toMatchObject({ committed: false, rows: 196, rowsWithProblems: 6, rejectedRowsFile: null })
    expect(people()).toBe(0)
  })

  it('imports the 190 valid rows and writes exactly the 6 bad ones, as they were, with a Problem column', async () => {
    const destination = join(tempFolder(), 'rejected.csv')
    const { call, people, audit } = await setUp(() => destination)
    const { path } = hrFile()
    const checked = await importPeople(call, { path, token: 't', commit: false })
    expect(checked).toMatchObject({ rowsWithProblems: 6, created: 190 })
    const report: ImportReport = await importPeople(call, { path, token: 't', commit: true, checkId: checked.checkId, validRowsOnly: true })
    expect(report).toMatchObject({ committed: true, created: 190, rowsWithProblems: 6, rejectedRowsFile: destination })
    expect(people()).toBe(190)

    // Read back with csv-parse: the header is the file's own after Problem, and each rejected
    // row is the original record cell for cell (the original file parsed the same way).
    const original = parse(readFileSync(path), { bom: true, relax_column_count: true }) as string[][]
    const written = parse(readFileSync(destination), { bom: true, relax_column_count: true }) as string[][]
    expect(written[0]).toEqual(['Problem', ...(original[0] ?? [])])
    const badRecords = badRows.map((line) => (parse(line, { relax_column_count: true }) as string[][])[0])
    expect(written.slice(1).map((cells) => cells.slice(1))).toEqual(badRecords)
    expect(written.slice(1).map((cells) => cells[0])).toEqual([
      'Line 8: date of birth "31/02/1985" is not a date (use DD/MM/YYYY or YYYY-MM-DD)',
      'Line 39: employment type "robot" is not one of police officer, police staff, special constable, PCSO, volunteer',
      'Line 70: role "astronaut" is not in the role catalogue',
      'Line 102: staff number is missing',
      'Line 133: start date "01/09/1995" is before their 16th birthday (date of birth "12/04/1985")',
      'Line 164: leaving date is before the start date'
    ])
    expect(readFileSync(destination).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    if (process.platform !== 'win32') expect(statSync(destination).mode & 0o777).toBe(0o600)

    // Audited with counts only: no name, staff number or file name from the rows.
    const entry = audit().filter((row) => row['action']?.startsWith('people.imported'))
    expect(entry).toEqual([
      {
        action: 'people.imported-valid-rows',
        entity_type: 'import',
        entity_id: null,
        detail: 'created=190,updated=0,unchanged=0,rejected=6'
      }
    ])
    const everything = JSON.stringify(audit())
    for (const text of [...rejectedNames, 'PC9001', 'Given1', 'hr-export', 'rejected.csv']) expect(everything).not.toContain(text)
  })

  it('imports nothing and writes nothing when the user cancels the save dialog', async () => {
    const { call, people } = await setUp(() => null)
    const { path } = hrFile()
    const report = await importPeople(call, { path, token: 't', commit: true, validRowsOnly: true })
    expect(report).toMatchObject({ committed: false, rejectedRowsFile: null })
    expect(people()).toBe(0)
  })

  it('refuses to write over the file being imported or inside the data folder, and changes nothing', async () => {
    const { path } = hrFile()
    const before = readFileSync(path)
    const over = await setUp(() => path)
    await expect(importPeople(over.call, { path, token: 't', commit: true, validRowsOnly: true })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'Choose another file: the rejected rows cannot replace the file being imported.'
    })
    expect(readFileSync(path)).toEqual(before)
    expect(over.people()).toBe(0)
    const inside = await setUp()
    const intoStore = join(inside.store.host.core.dataFolder, 'rejected.csv')
    const call = {
      ...inside.call,
      core: { ...inside.call.core, dialogs: { ...inside.call.core.dialogs, chooseRejectedRowsDestination: async () => intoStore } }
    }
    await expect(importPeople(call, { path, token: 't', commit: true, validRowsOnly: true })).rejects.toMatchObject({
      message: 'Choose somewhere else: the rejected rows cannot be saved inside Harbour’s data folder.'
    })
    expect(existsSync(intoStore)).toBe(false)
    expect(inside.people()).toBe(0)
  })

  it('refuses when no row is valid or the mapping is wrong', async () => {
    const { call, people } = await setUp(() => join(tempFolder(), 'rejected.csv'))
    const path = join(tempFolder(), 'all-bad.csv')
    writeFileSync(path, `${importColumns.join(',')}\n${badRows[0]}\n`)
    await expect(importPeople(call, { path, token: 't', commit: true, validRowsOnly: true })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'No row can be imported as the file stands: fix the problems listed, then check the file again.'
    })
    const unmapped = join(tempFolder(), 'unmapped.csv')
    writeFileSync(unmapped, 'Ident,Given\nPC1,Ann\n')
    await expect(importPeople(call, { path: unmapped, token: 'u', commit: true, validRowsOnly: true })).rejects.toMatchObject({
      code: 'invalid-input'
    })
    expect(people()).toBe(0)
  })

  it('from the command line with --rejected-rows, printing counts and no names', () => {
    const storeFolder = join(tempFolder(), 'store')
    expect(cli(['init', '--store', storeFolder, '--admin', admin.username], `${admin.passphrase}\n`).code).toBe(0)
    const { path } = hrFile()
    const out = join(tempFolder(), 'rejected.csv')
    const all = cli(['import', 'people', '--store', storeFolder, '--user', admin.username, path], `${admin.passphrase}\n`)
    expect(all.code).toBe(1)
    expect(all.stdout.split('\n')[0]).toBe('line 8: date of birth "31/02/1985" is not a date (use DD/MM/YYYY or YYYY-MM-DD)')
    for (const name of rejectedNames) expect(all.stdout).not.toContain(name)
    const partial = cli(
      ['import', 'people', '--store', storeFolder, '--user', admin.username, path, '--rejected-rows', out],
      `${admin.passphrase}\n`
    )
    expect(partial).toMatchObject({
      code: 0,
      stdout: `created 190, updated 0, unchanged 0; 6 rows with problems not imported, written to ${out}\n`
    })
    expect((parse(readFileSync(out), { bom: true, relax_column_count: true }) as string[][]).length).toBe(7)
  })
})
