import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import { importColumns } from '../../shared/contract/people-import'
import { caseloadStore } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()

/** A row of Harbour's template with the three dates given. */
const row = (staffNumber: string, name: string, dateOfBirth: string, startDate: string, leavingDate = '') =>
  `${staffNumber},,${name},Tester,,${dateOfBirth},police staff,,,,,,${startDate},${leavingDate}`

async function check(rows: string[]) {
  // Today is 26 November 2026 in London.
  const store = await caseloadStore(tempFolder(), manualClock(new Date('2026-11-26T09:00:00Z')).now)
  const path = join(tempFolder(), 'hr.csv')
  writeFileSync(path, `${importColumns.join(',')}\n${rows.join('\n')}\n`)
  const report = await importPeople(callAs(store.host), { path, token: 't', commit: true })
  return { store, report }
}

describe('implausible dates in an HR file', () => {
  it('are problems, in the user’s words with the field’s label, naming the person; nothing is imported', async () => {
    const { store, report } = await check([
      row('PS1', 'Young', '12/04/1985', '01/09/2000'),
      row('PS2', 'Leaver', '12/04/1985', '01/09/2008', '31/08/2008'),
      row('PS3', 'Unborn', '01/01/2027', ''),
      row('PS4', 'Ancient', '25/11/1926', ''),
      row('PS5', 'Starter', '12/04/1985', '27/11/2027'),
      row('PS6', 'Retiring', '12/04/1985', '01/09/2008', '27/11/2036'),
      row('PS7', 'Child', '12/04/1985', '', '01/01/1999')
    ])
    expect(report.committed).toBe(false)
    expect(report.problems).toEqual([
      {
        line: 2,
        person: 'PS1 Young Tester',
        message: 'start date "01/09/2000" is before their 16th birthday (date of birth "12/04/1985")'
      },
      { line: 3, person: 'PS2 Leaver Tester', message: 'leaving date is before the start date' },
      { line: 4, person: 'PS3 Unborn Tester', message: 'date of birth is in the future' },
      { line: 5, person: 'PS4 Ancient Tester', message: 'date of birth "25/11/1926" is more than 100 years ago' },
      { line: 6, person: 'PS5 Starter Tester', message: 'start date "27/11/2027" is more than a year from now' },
      { line: 7, person: 'PS6 Retiring Tester', message: 'leaving date "27/11/2036" is more than 10 years from now' },
      {
        line: 8,
        person: 'PS7 Child Tester',
        message: 'leaving date "01/01/1999" is before their 16th birthday (date of birth "12/04/1985")'
      }
    ])
    expect(store.host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 })
  })

  it('accept the edges of what is plausible', async () => {
    const { report } = await check([
      row('PS1', 'Sixteen', '12/04/1985', '12/04/2001'),
      row('PS2', 'Centenarian', '26/11/1926', ''),
      row('PS3', 'Starter', '12/04/1985', '26/11/2027'),
      row('PS4', 'Fixed', '12/04/1985', '01/09/2008', '26/11/2036'),
      row('PS5', 'Sameday', '12/04/1985', '01/09/2008', '01/09/2008')
    ])
    expect(report).toMatchObject({ problems: [], committed: true, created: 5 })
  })

  it('names a field by its label when the person form’s rules refuse it', async () => {
    const { report } = await check(['PS/1!,,Ann,Bell,,,police staff,,,,not-an-email,,,'])
    expect(report.problems.map((p) => p.message)).toEqual([
      'staff number: staff number can only use letters, numbers, hyphens and slashes',
      'email: enter an email address like name@force.police.uk'
    ])
  })
})
