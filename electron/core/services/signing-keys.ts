import type { Kysely, Transaction } from 'kysely'
import { appendAudit } from '../store/audit'
import { describeSigningKey, keyRegistration } from '../store/audit-signing'
import type { SlotSecrets } from '../store/keyring'
import type { HarbourDatabase } from '../store/schema'

type Executor = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/** The key the audit log holds as `holder`'s latest, or null if it has none. */
export async function latestKeyOf(db: Executor, holder: string): Promise<string | null> {
  const registration = keyRegistration(null, holder, '')
  const row = await db
    .selectFrom('audit_log')
    .select('entity_id')
    .where('action', '=', registration.action)
    .where('detail', '=', registration.detail)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.entity_id ?? null
}

/** Registers `key` for `holder` unless the log already has it as their latest. */
export async function registerKeyOnce(trx: Executor, actorId: string | null, holder: string, key: string, now: Date): Promise<void> {
  if ((await latestKeyOf(trx, holder)) !== key) await appendAudit(trx, keyRegistration(actorId, holder, key), now)
}

/**
 * At sign-in: a user whose signing key the audit log does not know yet (their first sign-in
 * since the update) registers it, signed with it; the first such entry in a store marks
 * where signing began. Both are ordinary chain entries, so the witnesses cover them.
 */
export async function registerOwnKey(
  trx: Transaction<HarbourDatabase>,
  userId: string,
  secrets: SlotSecrets | null,
  now: Date
): Promise<void> {
  if (!secrets?.signing) return
  await registerKeyOnce(trx, userId, userId, describeSigningKey(secrets.signing), now)
  const began = await trx.selectFrom('audit_log').select('seq').where('action', '=', 'audit.signing-began').limit(1).executeTakeFirst()
  if (!began) await appendAudit(trx, { actorId: userId, action: 'audit.signing-began', entityType: 'store' }, now)
}
