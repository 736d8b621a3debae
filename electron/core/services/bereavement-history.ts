import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { BereavementStatus } from '../../../shared/signposting/bereavement'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/**
 * A person's bereavement counselling history (offered, accepted, declined), read and written in
 * one place: recorded from the person page (signposting) and from a bereavement case
 * (bereavement-from-case), and read by both.
 */

/** The history, newest first (by the day it happened, then when it was recorded). */
export async function bereavementHistory(db: Db, personId: string) {
  return db
    .selectFrom('bereavement_counselling as b')
    .innerJoin('users as u', 'u.id', 'b.recorded_by')
    .select(['b.status', 'b.happened_on', 'b.case_id', 'b.recorded_at', 'u.display_name'])
    .where('b.person_id', '=', personId)
    .orderBy('b.happened_on', 'desc')
    .orderBy('b.recorded_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute()
}

/** One entry and its audit entry (the entry's id only: whether counselling was offered or taken up is not for the log). */
export async function addBereavementEntry(
  trx: Db,
  entry: { personId: string; caseId: string | null; status: BereavementStatus; happenedOn: string; userId: string; recordedAt: Date },
  now: Date
): Promise<string> {
  const id = randomUUID()
  await trx
    .insertInto('bereavement_counselling')
    .values({
      id,
      person_id: entry.personId,
      case_id: entry.caseId,
      status: entry.status,
      happened_on: entry.happenedOn,
      recorded_by: entry.userId,
      recorded_at: entry.recordedAt.toISOString()
    })
    .execute()
  await appendAudit(
    trx,
    { actorId: entry.userId, action: 'bereavement-counselling.recorded', entityType: 'bereavement-counselling', entityId: id },
    now
  )
  return id
}
