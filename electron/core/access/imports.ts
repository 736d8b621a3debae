import { sql, type Kysely } from 'kysely'
import type { CallContext } from '../context'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { visibleTo } from './visibility'

/**
 * Restricted people the user may not see, by lower-cased staff number, so imports can leave
 * them alone: an import must not reach a record that every other path keeps from this user.
 */
export async function hiddenPeopleByStaffNumber(db: Kysely<HarbourDatabase>, userId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'staff_number'])
    .where(sql<boolean>`NOT ${visibleTo(userId)}`)
    .execute()
  return new Map(rows.map((row) => [row.staff_number.toLowerCase(), row.id]))
}

/** Records that an import was refused for these people, as a refused read is (no content). */
export async function auditImportRefused(call: CallContext, personIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(personIds)]
  if (ids.length === 0) return
  await call.db.transaction().execute(async (trx) => {
    for (const id of ids)
      await appendAudit(trx, { actorId: call.user.id, action: 'person.import-refused', entityType: 'person', entityId: id }, call.clock())
  })
}
