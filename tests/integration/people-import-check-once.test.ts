import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import { verifyStore } from '../../electron/core/services/verify'
import type { PersonSummary } from '../../shared/contract/people'
import { importColumns } from '../../shared/contract/people-import'
import type { ProgressUpdate } from '../../shared/contract/progress'
import { caseloadStore } from '../fixtures/caseload'
import { admin, dispatch } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()

const rows = (count: number, from = 0) =>
  Array.from(
    { length: count },
    (_, i) => `PC${10000 + from + i},,Given${from + i},Family${from + i},,01/02/1980,police officer,response,,,,,,`
  )

function writeHr(path: string, lines: string[]): string {
  writeFileSync(path, `${importColumns.join(',')}\r\n${lines.join('\r\n')}\r\n`)
  return path
}

/** A store whose progress reports are recorded, and an optional hook run at each one. */
async function setUp() {
  const store = await caseloadStore(tempFolder())
  const seen: ProgressUpdate[] = []
  let onProgress: (update: ProgressUpdate) => void = () => undefined
  const core = {
    ...store.host.core,
    progress: (update: ProgressUpdate) => {
      seen.push(update)
      onProgress(update)
    }
  }
  const host = { core, vault: store.host.vault }
  const call = () => callAs({ core, vault: store.host.vault })
  const people = () => (store.host.vault.sqlite.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n
  return { store, host, call, seen, people, setOnProgress: (hook: typeof onProgress) => (onProgress = hook) }
}

describe('an HR file is checked once', () => {
  it('imports what it checked without checking every row again, reporting saving progress in batches', async () => {
    const { call, seen, people } = await setUp()
    const path = writeHr(join(tempFolder(), 'hr.csv'), rows(1200))
    const checked = await importPeople(call(), { path, token: 't', commit: false })
    expect(seen.filter((u) => u.phase === 'checking').length).toBeGreaterThan(0)
    seen.length = 0
    const imported = await importPeople(call(), { path, token: 't', commit: true, checkId: checked.checkId })
    expect(imported).toMatchObject({ committed: true, created: 1200, checkId: checked.checkId, changedSinceCheck: false })
    expect(seen.filter((u) => u.phase === 'checking')).toEqual([])
    expect(seen).toEqual([
      { task: 'people-import', phase: 'saving', done: 0, total: 1200 },
      { task: 'people-import', phase: 'saving', done: 500, total: 1200 },
      { task: 'people-import', phase: 'saving', done: 1000, total: 1200 },
      { task: 'people-import', phase: 'done', done: 1200, total: 1200 }
    ])
    expect(people()).toBe(1200)
  })

  it('checks a changed file again, and imports nothing the user has not seen', async () => {
    const { call, seen, people } = await setUp()
    const path = writeHr(join(tempFolder(), 'hr.csv'), rows(3))
    const checked = await importPeople(call(), { path, token: 't', commit: false })
    // Saved again under the same name with one row fewer and a bad one.
    writeHr(path, [...rows(2), 'PC1,,A,B,,,robot,,,,,,,'])
    seen.length = 0
    const again = await importPeople(call(), { path, token: 't', commit: true, checkId: checked.checkId })
    expect(again).toMatchObject({ committed: false, changedSinceCheck: true, rows: 3, rowsWithProblems: 1 })
    expect(again.checkId).not.toBe(checked.checkId)
    expect(seen.some((u) => u.phase === 'checking')).toBe(true)
    expect(people()).toBe(0)
    // Fixed, checked and imported as shown.
    writeHr(path, rows(4))
    const fixed = await importPeople(call(), { path, token: 't', commit: true, checkId: again.checkId })
    expect(fixed).toMatchObject({ committed: false, changedSinceCheck: true, created: 4 })
    expect(await importPeople(call(), { path, token: 't', commit: true, checkId: fixed.checkId })).toMatchObject({
      committed: true,
      created: 4
    })
    expect(people()).toBe(4)
  })

  it('checks again when the mapping changes', async () => {
    const { call } = await setUp()
    const path = writeHr(join(tempFolder(), 'hr.csv'), rows(2))
    const checked = await importPeople(call(), { path, token: 't', commit: false })
    const withoutRole = { ...checked.mapping, role: undefined }
    const remapped = await importPeople(call(), { path, token: 't', commit: false, mapping: withoutRole })
    expect(remapped.checkId).not.toBe(checked.checkId)
    expect(remapped.mapping.role).toBeUndefined()
  })

  it('forgets its checks when the store locks', async () => {
    const { store, call } = await setUp()
    const path = writeHr(join(tempFolder(), 'hr.csv'), rows(2))
    const checked = await importPeople(call(), { path, token: 't', commit: false })
    store.host.vault.lock('manual')
    await store.host.vault.unlock(admin.username, admin.passphrase)
    const after = await importPeople(call(), { path, token: 't', commit: true, checkId: checked.checkId })
    expect(after).toMatchObject({ changedSinceCheck: true, committed: false })
  })
})

describe('saving in batches', () => {
  it('keeps every other call out of its transaction until it has finished', async () => {
    const { call, host, setOnProgress, store } = await setUp()
    const path = writeHr(join(tempFolder(), 'hr.csv'), rows(1200))
    const searches: Promise<unknown>[] = []
    setOnProgress((update) => {
      // Mid-way through saving, the window searches for someone.
      if (update.phase === 'saving' && update.done === 500) searches.push(store.raw('people:search', { query: 'Family1199' }))
    })
    const imported = await importPeople(call(), { path, token: 't', commit: true })
    expect(imported.committed).toBe(true)
    // The search waited for the import, so it sees the last row written.
    expect(searches).toHaveLength(1)
    const result = (await searches[0]) as { ok: boolean; value: PersonSummary[] }
    expect(result.ok).toBe(true)
    expect(result.value.map((p) => p.staffNumber)).toContain('PC11199')
    expect((await dispatch('people:search', { query: 'Given0' }, host)).ok).toBe(true)
  })

  it('saves nothing if Harbour locks between batches, and the audit trail still verifies', async () => {
    const { store, call, setOnProgress, people } = await setUp()
    const path = writeHr(join(tempFolder(), 'hr.csv'), rows(1200))
    setOnProgress((update) => {
      if (update.phase === 'saving' && update.done === 500) store.host.vault.lock('idle')
    })
    await expect(importPeople(call(), { path, token: 't', commit: true })).rejects.toMatchObject({
      code: 'locked',
      message: 'Harbour locked before the import finished, so nothing was imported. Unlock it and import the file again.'
    })
    setOnProgress(() => undefined)
    await store.host.vault.unlock(admin.username, admin.passphrase)
    expect(people()).toBe(0)
    const audit = store.host.vault.sqlite
      .prepare("SELECT action FROM audit_log WHERE action IN ('people.imported', 'session.locked')")
      .all()
    expect(audit).toEqual([{ action: 'session.locked' }])
    expect(() => verifyStore(store.host.vault, store.host.core)).not.toThrow()
  })
})
