import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importScreenings } from '../../electron/core/services/screening-import'
import type { Screening } from '../../shared/contract/screening'
import type { Person } from '../../shared/contract/people'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { storeWithRestrictedPerson } from '../fixtures/restricted'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()
const header = 'staff_number,date,instrument,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9'

function file(lines: string[]): string {
  const path = join(tempFolder(), 'provider.csv')
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

async function setup() {
  const store = await caseloadStore(tempFolder())
  const person = await store.call<Person>('people:create', personFields())
  const host = store.host
  const run = (path: string, commit: boolean) => importScreenings(callAs(host), { path, token: 't', commit })
  return { ...store, person, run }
}

describe('importing results from an external screening provider', () => {
  it('re-scores every row, groups a person’s results for a date into one imported sitting, and raises alerts', async () => {
    const { call, person, run } = await setup()
    const report = await run(
      file([
        header,
        'PC4321,20/11/2026,PHQ-9,1,1,1,1,1,1,1,1,1',
        'PC4321,20/11/2026,gad7,0,0,0,1,1,1,1,,',
        'PC4321,2026-06-01,phq9,0,0,0,0,0,0,0,0,0'
      ]),
      true
    )
    expect(report).toMatchObject({ rows: 3, sittings: 2, problems: [], alerts: 1, committed: true })
    const sittings = await call<Screening[]>('screening:forPerson', { personId: person.id })
    expect(sittings.map((s) => [s.sittingDate, s.mode, s.rag, s.results.map((r) => `${r.instrument}=${r.total}`).join(' ')])).toEqual([
      ['2026-11-20', 'imported', 'red', 'phq9=9 gad7=4'],
      ['2026-06-01', 'imported', 'green', 'phq9=0']
    ])
  })

  it('reports every problem with its line number and imports nothing', async () => {
    const { run, host } = await setup()
    await run(file([header, 'PC4321,01/01/2026,phq9,0,0,0,0,0,0,0,0,0']), true)
    const report = await run(
      file([
        header,
        'PC4321,01/01/2026,phq9,0,0,0,0,0,0,0,0,0',
        'XX999,02/01/2026,phq9,0,0,0,0,0,0,0,0,0',
        'PC4321,31/02/2026,phq9,0,0,0,0,0,0,0,0,0',
        'PC4321,03/01/2026,phq9,0,0,0,0,0,0,0,0,4',
        'PC4321,04/01/2026,nonsense,0',
        'PC4321,05/01/2026,gad7,0,0,0,0,0,0,0,0,0',
        'PC4321,06/01/2026,phq9,0,0,0,0,0,0,0,0,0',
        'PC4321,06/01/2026,phq9,1,1,1,1,1,1,1,1,1'
      ]),
      true
    )
    expect(report.committed).toBe(false)
    expect(report.problems).toEqual([
      { line: 2, message: 'this result is already in Harbour', person: 'PC4321 Siân Evans' },
      { line: 3, message: 'no one in Harbour has staff number XX999', person: 'XX999' },
      { line: 4, message: 'date "31/02/2026" is not a date (use DD/MM/YYYY or YYYY-MM-DD)', person: 'PC4321 Siân Evans' },
      {
        line: 5,
        message: 'PHQ-9 (Patient Health Questionnaire) item 9: 4 is not an allowed answer (0, 1, 2, 3)',
        person: 'PC4321 Siân Evans'
      },
      {
        line: 6,
        message: '"nonsense" is not a questionnaire Harbour scores (use one of phq9, gad7, pcl5, itq, audit, auditc, core10, pcptsd5)',
        person: 'PC4321 Siân Evans'
      },
      { line: 7, message: 'GAD-7 (Generalised Anxiety Disorder) has 7 items, but item_8 has an answer', person: 'PC4321 Siân Evans' },
      { line: 9, message: 'the same result is also on line 8', person: 'PC4321 Siân Evans' }
    ])
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM screenings').get()).toEqual({ n: 1 })
  })

  it('uses a column mapping for provider headers', async () => {
    const { host, person } = await setup()
    const path = file(['Collar,Taken on,Form,item_1,item_2,item_3,item_4,item_5,item_6,item_7', 'PC4321,2026-11-01,GAD-7,1,1,1,1,1,1,1'])
    const call = callAs(host)
    const unmapped = await importScreenings(call, { path, token: 't', commit: false })
    expect(unmapped.problems.map((p) => p.message)).toEqual([
      'no column is mapped to staff number',
      'no column is mapped to date',
      'no column is mapped to instrument'
    ])
    // The column mapping is no one line's problem: reported as people import reports it.
    expect(unmapped.problems.every((p) => p.line === null)).toBe(true)
    const wrong = await importScreenings(call, {
      path,
      token: 't',
      mapping: { staffNumber: 'Badge', date: 'Taken on', instrument: 'Form' },
      commit: true
    })
    expect(wrong).toMatchObject({ committed: false, problems: [{ line: null, message: 'the file has no column "Badge"' }] })
    const mapped = await importScreenings(call, {
      path,
      token: 't',
      mapping: { staffNumber: 'Collar', date: 'Taken on', instrument: 'Form' },
      commit: true
    })
    expect(mapped).toMatchObject({ committed: true, sittings: 1 })
    expect(host.vault.sqlite.prepare('SELECT person_id, mode FROM screenings').get()).toEqual({ person_id: person.id, mode: 'imported' })
  })
})

describe('screening import and restricted records', () => {
  it('adds no sitting to a person the clinician cannot see, and words the problem as for a staff number no one has', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    const report = await importScreenings(store.context(), {
      path: file([
        header,
        'PC4321,01/01/2026,phq9,0,0,0,0,0,0,0,0,0',
        'XX999,01/01/2026,phq9,0,0,0,0,0,0,0,0,0',
        'PC5555,01/01/2026,phq9,0,0,0,0,0,0,0,0,0',
        'PC5555,01/01/2099,phq9,0,0,0,0,0,0,0,0,0'
      ]),
      token: 't',
      commit: true
    })
    expect(report.committed).toBe(false)
    expect(report.problems).toEqual([
      { line: 2, message: 'no one in Harbour has staff number PC4321', person: 'PC4321' },
      { line: 3, message: 'no one in Harbour has staff number XX999', person: 'XX999' },
      // Someone the clinician may see is named as Harbour knows them.
      { line: 5, message: 'date is in the future', person: 'PC5555 Owen Price' }
    ])
    expect(store.host.vault.sqlite.prepare('SELECT count(*) AS n FROM screenings').get()).toEqual({ n: 0 })
    const refused = store.host.vault.sqlite
      .prepare("SELECT actor_id, entity_id FROM audit_log WHERE action = 'person.import-refused'")
      .all()
    expect(refused).toEqual([{ actor_id: store.samId, entity_id: store.restricted.id }])
  })

  it('imports the sitting for a clinician named on the restricted person', async () => {
    const store = await storeWithRestrictedPerson(tempFolder())
    await store.signInAsAdmin()
    const report = await importScreenings(store.context(), {
      path: file([header, 'PC4321,01/01/2026,phq9,0,0,0,0,0,0,0,0,0']),
      token: 't',
      commit: true
    })
    expect(report).toMatchObject({ committed: true, sittings: 1, problems: [] })
    expect(store.host.vault.sqlite.prepare('SELECT person_id FROM screenings').get()).toEqual({ person_id: store.restricted.id })
  })
})

describe('screening import limits', () => {
  it('lists the first 500 problems and counts the rest, and shares the CSV limits', async () => {
    const { run } = await setup()
    const report = await run(file([header, ...Array.from({ length: 700 }, (_, i) => `XX${i},01/01/2026,phq9,0,0,0,0,0,0,0,0,0`)]), true)
    expect(report.problems).toHaveLength(500)
    expect(report.moreProblems).toBe(200)
    expect(report.committed).toBe(false)
    await expect(run(file([Array.from({ length: 300 }, (_, i) => `item_${i}`).join(',')]), false)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^Line 1 has more than 200 columns\./)
    })
  })
})
