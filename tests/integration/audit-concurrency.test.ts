import { describe, expect, it } from 'vitest'
import { appendAudit, verifyAuditChain } from '../../electron/core/store/audit'
import { createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('audit entries appended at the same moment on a standalone store', () => {
  it('are all kept, each after the last, and the chain stays whole', async () => {
    const store = await createTestStore(tempFolder())
    const vault = store.host.vault
    const user = vault.session
    if (!user) throw new Error('expected the administrator to be signed in')
    const db = vault.parts.session.db
    const before = Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    )
    // Twenty calls each reading the head and appending after it, none waiting for the others.
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        appendAudit(db, { actorId: user.id, action: 'test.concurrent', entityType: 'test', detail: `n=${index}` }, new Date())
      )
    )
    const rows = await db.selectFrom('audit_log').select(['seq', 'detail']).where('action', '=', 'test.concurrent').orderBy('seq').execute()
    expect(rows).toHaveLength(20)
    expect(new Set(rows.map((row) => row.detail)).size).toBe(20)
    const total = Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    )
    expect(total).toBe(before + 20)
    expect(verifyAuditChain(vault.sqlite)).toMatchObject({ ok: true })
  })
})
