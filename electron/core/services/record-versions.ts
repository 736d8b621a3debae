import { sql, type Kysely, type Transaction } from 'kysely'
import { formatDateTime } from '../../../shared/dates'
import { CoreError } from '../errors'
import type { HarbourDatabase } from '../store/schema'

type Executor = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/** The records two clinicians may edit at once; each counts its saves (migration 0230). */
export type VersionedTable = 'people' | 'cases'

const recordName: Record<VersionedTable, string> = { people: 'This person’s details were', cases: 'This case was' }

/** What every save of a versioned record also sets: one more save, and who made it. */
export function nextVersion(userId: string | null) {
  return { version: sql<number>`version + 1`, updated_by: userId }
}

/**
 * Saves a versioned record only if it is still the version its editor read (when they say
 * which): the row is changed under `WHERE version = …` in the save's own transaction, so of
 * two saves over the same version exactly one lands, whichever engine. The other is refused,
 * saying who saved in between and when, and nothing of it is written.
 */
export async function refuseIfChangedSince(
  trx: Executor,
  table: VersionedTable,
  id: string,
  readVersion: number | undefined,
  updated: { numUpdatedRows: bigint }
): Promise<void> {
  if (readVersion === undefined || updated.numUpdatedRows > 0n) return
  const now = await trx
    .selectFrom(table)
    .leftJoin('users', 'users.id', `${table}.updated_by`)
    .select([`${table}.updated_at as updatedAt`, 'users.display_name as by'])
    .where(`${table}.id`, '=', id)
    .executeTakeFirst()
  const who = now?.by ?? 'an HR import'
  const when = now ? ` on ${formatDateTime(new Date(now.updatedAt))}` : ''
  throw new CoreError(
    'conflict',
    `${recordName[table]} changed by ${who}${when}, after you opened it. Your change was not saved, so nothing of theirs was overwritten: look at what they changed, then make yours again if it is still needed.`
  )
}
