import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import type { CaseRecord } from '../../shared/contract/cases'
import { importColumns } from '../../shared/contract/people-import'
import { callAs } from '../fixtures/core-context'
import { personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { priya, teamStore } from '../fixtures/team'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

// Siân Evans (PC4321) as the team fixture made her, and Owen Price with no case.
const sian = (department: string, leaving: string) =>
  `PC4321,PC,Siân,Evans,,1985-04-12,police officer,firearms,${department},Sgt Patel,sian.evans@example.police.uk,,2008-09-01,${leaving}`
const owen = (leaving: string) =>
  `PC5555,PC,Owen,Price,,1990-01-01,police officer,firearms,Armed Policing,Sgt Patel,,,2010-09-01,${leaving}`

function csvFile(lines: string[]): string {
  const path = join(tempFolder(), 'hr-export.csv')
  writeFileSync(path, [importColumns.join(','), ...lines].join('\n') + '\n')
  return path
}

const leaverTasks = (team: Awaited<ReturnType<typeof teamStore>>) =>
  team.host.vault.sqlite.prepare("SELECT title, assignee_id, case_id, due_date FROM tasks WHERE source = 'rule:leaver'").all()

describe('an HR import that makes someone with an open case a leaver', () => {
  it('tells the case holder with a task, and the summary says who changed and which fields', async () => {
    const team = await teamStore(tempFolder())
    await team.call(
      'people:create',
      personFields({
        staffNumber: 'PC5555',
        givenName: 'Owen',
        familyName: 'Price',
        dateOfBirth: '1990-01-01',
        email: null,
        startDate: '2010-09-01'
      })
    )
    await team.signIn(priya)
    const opened = await team.call<CaseRecord>('cases:open', {
      personId: team.person.id,
      reason: 'post-incident',
      priority: 'soon',
      nextReviewDate: null
    })
    await team.signIn(admin)
    const path = csvFile([sian('Response', '2026-11-20'), owen('2026-11-24')])

    // The check says what will happen, and changes nothing.
    const check = await importPeople(callAs(team.host), { path, token: 't', commit: false })
    expect(check.changes).toEqual([
      { staffNumber: 'PC4321', name: 'Evans, Siân', fields: ['Department', 'Leaving date'], leaver: true, caseHoldersTold: ['Priya Shah'] },
      { staffNumber: 'PC5555', name: 'Price, Owen', fields: ['Leaving date'], leaver: true, caseHoldersTold: [] }
    ])
    expect(leaverTasks(team)).toEqual([])

    const report = await importPeople(callAs(team.host), { path, token: 't', commit: true })
    expect(report).toMatchObject({ committed: true, updated: 2, moreChanges: 0 })
    expect(report.changes[0]).toMatchObject({ staffNumber: 'PC4321', caseHoldersTold: ['Priya Shah'] })
    // One task, for Priya, on the case; none for Owen, who has no case.
    expect(leaverTasks(team)).toEqual([
      {
        title: 'Left the force on 20 Nov 2026: review the open case',
        assignee_id: team.ids.priya,
        case_id: opened.id,
        due_date: '2026-11-26'
      }
    ])
    const audit = await team.auditText()
    expect(audit).toContain('leaver-tasks=1')
    expect(audit).not.toContain('Evans')
    expect(audit).not.toContain('Left the force')

    // The same file again changes nothing and tells no one twice.
    const again = await importPeople(callAs(team.host), { path, token: 't', commit: true })
    expect(again).toMatchObject({ updated: 0, unchanged: 2, changes: [] })
    expect(leaverTasks(team)).toHaveLength(1)
  })

  it('tells no one when the case is closed', async () => {
    const team = await teamStore(tempFolder())
    const opened = await team.call<CaseRecord>('cases:open', {
      personId: team.person.id,
      reason: 'post-incident',
      priority: 'soon',
      nextReviewDate: null
    })
    await team.call('cases:close', { id: opened.id, outcome: 'Done' })
    const report = await importPeople(callAs(team.host), {
      path: csvFile([sian('Armed Policing', '2026-11-20')]),
      token: 't',
      commit: true
    })
    expect(report.changes).toEqual([
      { staffNumber: 'PC4321', name: 'Evans, Siân', fields: ['Leaving date'], leaver: true, caseHoldersTold: [] }
    ])
    expect(leaverTasks(team)).toEqual([])
  })
})
