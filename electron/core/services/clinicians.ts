import type { Kysely, Transaction } from 'kysely'
import { CoreError } from '../errors'
import type { HarbourDatabase } from '../store/schema'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/** Refuses anyone who is not an active clinician, naming the field that chose them. */
export async function requireActiveClinician(
  db: Db,
  userId: string,
  field: string,
  message = 'Choose an active clinician.'
): Promise<void> {
  const user = await db.selectFrom('users').select(['roles', 'status']).where('id', '=', userId).executeTakeFirst()
  if (!user || user.status !== 'active' || !(JSON.parse(user.roles) as string[]).includes('clinician')) {
    throw new CoreError('invalid-input', message, [field])
  }
}
