import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { Result } from '../../shared/contract/result'
import { caseloadStore, nurse, personFields } from '../fixtures/caseload'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const clock = () => new Date('2026-06-01T12:00:00Z')

function problemsOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected a refusal')
  return Object.fromEntries((result.error.problems ?? []).map((problem) => [problem.field, problem]))
}

describe('adding a person: every problem in one pass', () => {
  it('reports format, a staff number in use and impossible dates together, and saves nothing', async () => {
    const { call, raw, host } = await caseloadStore(tempFolder(), clock)
    const first = await call<Person>('people:create', personFields())
    const result = await raw(
      'people:create',
      personFields({
        staffNumber: 'PC4321',
        givenName: 'Other',
        email: 'not-an-email',
        dateOfBirth: '2030-01-01',
        startDate: '2020-01-01',
        leavingDate: '2019-12-31'
      })
    )
    const problems = problemsOf(result)
    expect(Object.keys(problems).sort()).toEqual(['dateOfBirth', 'email', 'leavingDate', 'staffNumber', 'startDate'])
    expect(problems['staffNumber']).toEqual({ field: 'staffNumber', message: 'Someone already has that staff number', personId: first.id })
    expect(problems['dateOfBirth']?.message).toBe('Date of birth must be in the past')
    expect(problems['startDate']?.message).toBe('Start date must be on or after their 16th birthday')
    expect(problems['leavingDate']?.message).toBe('Leaving date must be on or after the start date')
    expect(result.ok ? '' : result.error.code).toBe('invalid-input')
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 1 })
  })

  it('reports every store and date problem at once when the format is right', async () => {
    const { call, raw, host } = await caseloadStore(tempFolder(), clock)
    await call<Person>('people:create', personFields())
    const problems = problemsOf(
      await raw(
        'people:create',
        personFields({ givenName: 'Other', dateOfBirth: '2010-05-01', startDate: '2025-01-01', leavingDate: '2024-01-01' })
      )
    )
    expect(Object.keys(problems).sort()).toEqual(['leavingDate', 'staffNumber', 'startDate'])
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 1 })
  })

  it('does not point to, or name, a holder of the staff number whom the user may not see', async () => {
    const { call, raw, host } = await caseloadStore(tempFolder(), clock)
    const secret = await call<Person>('people:create', personFields({ restricted: true }))
    await call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
    host.vault.lock('manual')
    const signedIn = await host.vault.unlock(nurse.username, nurse.passphrase)
    host.vault.refreshSessionUser({ ...signedIn, mustChangePassphrase: false })
    for (const input of [personFields({ givenName: 'Other' }), personFields({ givenName: 'Other', email: 'nope' })]) {
      const result = await raw('people:create', input)
      expect(problemsOf(result)['staffNumber']).toEqual({ field: 'staffNumber', message: 'Someone already has that staff number' })
      const told = JSON.stringify(result)
      for (const secretValue of [secret.id, 'Evans', 'Siân']) expect(told).not.toContain(secretValue)
    }
    expect(host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 1 })
  })

  it('does the same when editing, leaving the person unchanged', async () => {
    const { call, raw } = await caseloadStore(tempFolder(), clock)
    const first = await call<Person>('people:create', personFields())
    const second = await call<Person>('people:create', personFields({ staffNumber: 'PC9999', givenName: 'Other' }))
    const result = await raw('people:update', {
      id: second.id,
      changes: personFields({ givenName: 'Other', email: 'nope', startDate: '2020-01-01', leavingDate: '2019-01-01' })
    })
    const problems = problemsOf(result)
    expect(Object.keys(problems).sort()).toEqual(['changes.email', 'changes.leavingDate', 'changes.staffNumber'])
    expect(problems['changes.staffNumber']?.personId).toBe(first.id)
    expect(await call<Person>('people:get', { id: second.id })).toMatchObject({
      staffNumber: 'PC9999',
      email: second.email,
      leavingDate: null
    })
  })
})
