import { describe, expect, it } from 'vitest'
import { bulkWrites, type PeopleWrite } from '../../electron/core/store/bulk-writes'
import { testHost } from '../fixtures/core-context'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

const person = (i: number, roleId: string): PeopleWrite => ({
  kind: 'create',
  values: {
    staff_number: String(100000 + i),
    title: null,
    given_name: `Given${i}`,
    family_name: `Family${i}`,
    preferred_name: null,
    date_of_birth: '1980-03-05',
    employment_type: 'police-officer',
    role_id: roleId,
    department: 'North Division',
    line_manager: null,
    email: null,
    phone: null,
    start_date: null,
    leaving_date: null,
    search_key: `${100000 + i} given${i} family${i}`
  }
})

describe('a large people write', () => {
  it('merges the search index less often while writing, then leaves FTS5 at its defaults and every person findable', async () => {
    const host = testHost(tempFolder())
    await host.vault.setup(admin)
    const sqlite = host.vault.sqlite
    const roleId = (sqlite.prepare('SELECT id FROM roles LIMIT 1').get() as { id: string }).id
    const seen: unknown[] = []
    const changes = Array.from({ length: 5000 }, (_, i) => person(i, roleId))
    await bulkWrites(() => sqlite).writePeople(
      changes,
      { actorId: host.vault.session?.id ?? null, action: 'people.imported', entityType: 'people' },
      {
        now: new Date('2026-11-26T09:00:00Z'),
        batch: 1000,
        // Between batches, inside the write: the merge settings are raised.
        progress: (done) => {
          if (done === 1000) seen.push(...sqlite.prepare('SELECT k, v FROM people_search_config ORDER BY k').all())
        }
      }
    )
    expect(seen).toEqual(
      expect.arrayContaining([
        { k: 'automerge', v: 16 },
        { k: 'crisismerge', v: 64 }
      ])
    )
    expect(sqlite.prepare(`SELECT k, v FROM people_search_config WHERE k IN ('automerge', 'crisismerge') ORDER BY k`).all()).toEqual([
      { k: 'automerge', v: 4 },
      { k: 'crisismerge', v: 16 }
    ])
    const found = (word: string) =>
      sqlite.prepare(`SELECT count(*) AS n FROM people_search WHERE people_search MATCH ?`).get(`"${word}"`) as { n: number }
    expect(found('family4999').n).toBe(1)
    expect(found('given0 ').n + found('104321').n).toBe(2)
  })

  it('leaves the merge settings untouched when the write fails part-way, and saves nothing', async () => {
    const host = testHost(tempFolder())
    await host.vault.setup(admin)
    const sqlite = host.vault.sqlite
    const roleId = (sqlite.prepare('SELECT id FROM roles LIMIT 1').get() as { id: string }).id
    const changes = Array.from({ length: 5000 }, (_, i) => person(i, roleId))
    // The same staff number twice: the unique index refuses the last row.
    changes.push(person(0, roleId))
    await expect(
      bulkWrites(() => sqlite).writePeople(
        changes,
        { actorId: host.vault.session?.id ?? null, action: 'people.imported', entityType: 'people' },
        { now: new Date('2026-11-26T09:00:00Z'), batch: 1000 }
      )
    ).rejects.toThrow(/UNIQUE/)
    expect(sqlite.prepare(`SELECT k, v FROM people_search_config WHERE k IN ('automerge', 'crisismerge')`).all()).toEqual([])
    expect(sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 })
  })
})
