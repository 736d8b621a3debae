import { describe, expect, it } from 'vitest'
import { appendAuditSync, entryHash, verifyAuditChain } from '../../electron/core/store/audit'
import { migrate } from '../../electron/core/store/migrate'
import type { SqliteDatabase } from '../../electron/core/store/open'
import { rawStore } from '../fixtures/raw-store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

function logWith(entries: number): SqliteDatabase {
  const db = rawStore(tempFolder()).open()
  migrate(db)
  const start = Date.parse('2026-11-26T09:00:00Z')
  for (let i = 0; i < entries; i++) {
    appendAuditSync(
      db,
      { actorId: `user-${i % 3}`, action: i % 2 ? 'person.viewed' : 'person.updated', entityType: 'person', entityId: `p-${i}` },
      new Date(start + i * 1000)
    )
  }
  return db
}

/** What someone with the key and raw SQL access could do once the triggers are out of the way. */
function tamper(db: SqliteDatabase, sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;')
  db.prepare(sql).run(...params)
}

describe('audit chain', () => {
  it('verifies an untouched log', () => {
    const db = logWith(50)
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 50 })
    db.close()
  })

  it.each([
    ['an edited action', "UPDATE audit_log SET action = 'person.exported' WHERE seq = 17", 17],
    ['an edited time', "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 30", 30],
    ['an edited actor', "UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 1", 1],
    ['a deleted entry', 'DELETE FROM audit_log WHERE seq = 23', 24],
    [
      'an inserted entry',
      "INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, detail, prev_hash, hash) VALUES (51, 't', 'x', 'forged', NULL, NULL, NULL, 'nope', 'nope')",
      51
    ]
  ])('detects %s and reports the first bad entry', (_case, sql, firstBad) => {
    const db = logWith(50)
    tamper(db, sql)
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: firstBad })
    db.close()
  })

  it('detects entries swapped into a different order', () => {
    const db = logWith(50)
    const a = db.prepare('SELECT * FROM audit_log WHERE seq = 10').get() as Record<string, unknown>
    const b = db.prepare('SELECT * FROM audit_log WHERE seq = 11').get() as Record<string, unknown>
    tamper(db, 'DELETE FROM audit_log WHERE seq IN (10, 11)')
    const insert = db.prepare(
      'INSERT INTO audit_log VALUES (@seq, @at, @actor_id, @action, @entity_type, @entity_id, @detail, @prev_hash, @hash, @signer_id, @signature)'
    )
    insert.run({ ...b, seq: 10 })
    insert.run({ ...a, seq: 11 })
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 10 })
    db.close()
  })

  it('detects a forged entry even when its own hash was recomputed', () => {
    const db = logWith(20)
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 5').get() as Parameters<typeof entryHash>[0]
    const forged = { ...row, action: 'person.deleted' }
    tamper(db, 'UPDATE audit_log SET action = ?, hash = ? WHERE seq = 5', forged.action, entryHash(forged))
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 6 })
    db.close()
  })
})
