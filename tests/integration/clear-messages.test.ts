import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import { preferencesFileName } from '../../electron/core/services/preferences'
import type { Person, PersonSummary } from '../../shared/contract/people'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()
const canary = 'CANARY-7f3a'

/** Every refusal here must be a clear message the person can act on, never "Something went wrong". */
function refusal(result: { ok: boolean; error?: { code: string; message: string; fields?: string[] } }) {
  expect(result.ok).toBe(false)
  expect(result.error?.code).not.toBe('internal')
  expect(JSON.stringify(result)).not.toContain(canary)
  return result.error
}

describe('clear messages instead of internal errors', () => {
  it('searches sensibly when the query holds a NUL or other control characters', async () => {
    const { call, raw } = await caseloadStore(tempFolder())
    await call('people:create', personFields())
    const names = async (query: string) => (await call<PersonSummary[]>('people:search', { query })).map((p) => p.displayName)
    expect(await names('evans\u0000')).toEqual(['Evans, Siân'])
    expect(await names('\u0000sian\u0007 \u001bevans')).toEqual(['Evans, Siân'])
    expect(await names('\u0000')).toEqual([])
    expect(await raw('people:search', { query: 'sia\u0000n' })).toMatchObject({ ok: true })
  })

  it('asks for a role from the catalogue when the role is empty', async () => {
    const { call, raw, host } = await caseloadStore(tempFolder())
    const expected = {
      code: 'invalid-input',
      message: 'Choose a role from the catalogue.',
      fields: ['roleId'],
      problems: [{ field: 'roleId', message: 'Choose a role from the catalogue.' }]
    }
    expect(refusal(await raw('people:create', personFields({ roleId: '' })))).toEqual(expected)
    const person = await call<Person>('people:create', personFields())
    expect(refusal(await raw('people:update', { id: person.id, changes: personFields({ roleId: '' }) }))).toEqual(expected)
    expect((await call<Person>('people:get', { id: person.id })).roleId).toBe('firearms')
    // An empty role code names no role: nothing is retired, deleted or audited as if it were.
    for (const channel of ['roles:setRetired', 'roles:delete']) {
      expect(refusal(await raw(channel, { id: '', retired: true }))).toMatchObject({ code: 'invalid-input', fields: ['id'] })
    }
    expect(host.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'role.%'").get()).toEqual({ n: 0 })
  })

  it('refuses a preference given as undefined, naming the field, and keeps the file as it was', async () => {
    const { raw, host } = await caseloadStore(tempFolder())
    expect(await raw('preferences:set', { theme: 'dark' })).toMatchObject({ ok: true })
    const file = join(host.core.dataFolder, preferencesFileName)
    const before = readFileSync(file, 'utf8')
    for (const bad of [{ theme: undefined }, { textSize: undefined }, { reduceMotion: undefined, theme: 'light' }]) {
      expect(refusal(await raw('preferences:set', bad))).toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/^Choose the (theme|text size|reduce motion)\.$/),
        problems: [{ field: expect.stringMatching(/^(theme|textSize|reduceMotion)$/) }]
      })
    }
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('does not repeat an unknown questionnaire back in a handover', async () => {
    const { call, raw } = await caseloadStore(tempFolder())
    const person = await call<Person>('people:create', personFields())
    expect(refusal(await raw('handover:start', { personId: person.id, instruments: ['phq9', canary] }))).toEqual({
      code: 'invalid-input',
      message: 'One of the questionnaires chosen is not one Harbour has.',
      fields: ['instruments.1'],
      problems: [{ field: 'instruments.1', message: 'One of the questionnaires chosen is not one Harbour has.' }]
    })
  })

  it('does not repeat an unknown preset name back', async () => {
    const { host } = await caseloadStore(tempFolder())
    const path = join(tempFolder(), 'hr.csv')
    writeFileSync(path, 'staff_number,given_name,family_name,employment_type\nPC1,A,B,pcso\n')
    const call = callAs(host)
    await expect(importPeople(call, { path, token: 't', preset: canary, commit: false })).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no saved mapping with that name. Choose one from the list.'
    })
    expect(existsSync(path)).toBe(true)
  })

  it('does not name keys the contract does not have, wherever they are', async () => {
    const { call, raw } = await caseloadStore(tempFolder())
    const person = await call<Person>('people:create', personFields())
    expect(refusal(await raw('preferences:set', { [canary]: true }))).toEqual({
      code: 'invalid-input',
      message: 'This request has fields Harbour does not recognise. Nothing was changed.',
      fields: ['(input)']
    })
    expect(refusal(await raw('people-import:run', { token: 't', commit: false, mapping: { [canary]: 'Surname' } }))).toEqual({
      code: 'invalid-input',
      message: 'This request has fields Harbour does not recognise. Nothing was changed.',
      fields: ['mapping']
    })
    const external = {
      personId: person.id,
      sittingDate: '2026-01-01',
      mode: 'clinician-entered',
      results: [{ kind: 'external', instrument: 'iesr', total: 3, subscales: { [canary]: 'x' } }]
    }
    expect(refusal(await raw('screening:save', external))).toMatchObject({ code: 'invalid-input', fields: ['results.0.subscales'] })
    expect(refusal(await raw('people:update', { id: person.id, changes: { ...personFields(), [canary]: 1 } }))).toEqual({
      code: 'invalid-input',
      message: 'This request has fields Harbour does not recognise. Nothing was changed.',
      fields: ['changes']
    })
  })
})
