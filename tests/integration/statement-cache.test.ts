import Database from 'better-sqlite3-multiple-ciphers'
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { withStatementCache } from '../../electron/core/store/statement-cache'

interface Tables {
  notes: { id: Generated<number>; body: string }
}

describe('the query builder’s statement cache', () => {
  const open: Database.Database[] = []
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close()
  })

  function connection() {
    const sqlite = new Database(':memory:')
    open.push(sqlite)
    sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)')
    let prepared = 0
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((source: string) => {
      prepared++
      return prepare(source)
    }) as typeof sqlite.prepare
    return { sqlite, prepared: () => prepared }
  }

  it('prepares a query once and gives each run its own values', async () => {
    const { sqlite, prepared } = connection()
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    for (const body of ['first', 'second', 'third']) await db.insertInto('notes').values({ body }).execute()
    const read = (id: number) => db.selectFrom('notes').select('body').where('id', '=', id).executeTakeFirst()
    expect(await read(2)).toEqual({ body: 'second' })
    expect(await read(3)).toEqual({ body: 'third' })
    expect(await read(9)).toBeUndefined()
    // One insert and one select, however many times each ran.
    expect(prepared()).toBe(2)
  })

  it('keeps at most its size, dropping the least recently used', async () => {
    const { sqlite, prepared } = connection()
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, 2) }) })
    const limit = (n: number) => db.selectFrom('notes').select('id').limit(sql.lit(n)).execute()
    await limit(1)
    await limit(2)
    await limit(1) // 1 is now the most recent
    await limit(3) // drops 2
    expect(prepared()).toBe(3)
    await limit(1)
    expect(prepared()).toBe(3)
    await limit(2)
    expect(prepared()).toBe(4)
  })

  it('runs transactions and sees a table changed after its statement was kept', async () => {
    const { sqlite } = connection()
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ body: 'kept' }).execute()
    })
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ body: 'rolled back' }).execute()
        throw new Error('stop')
      })
    ).rejects.toThrow('stop')
    const all = () => db.selectFrom('notes').selectAll().orderBy('id').execute()
    expect(await all()).toEqual([{ id: 1, body: 'kept' }])
    sqlite.exec('ALTER TABLE notes ADD COLUMN extra TEXT')
    expect(await all()).toEqual([{ id: 1, body: 'kept', extra: null }])
  })

  it('closes the connection when the builder is destroyed', async () => {
    const { sqlite } = connection()
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    await db.selectFrom('notes').selectAll().execute()
    await db.destroy()
    expect(sqlite.open).toBe(false)
  })
})
