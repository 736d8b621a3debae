import type { Kysely, Transaction } from 'kysely'
import { draftRetentionDays, type DraftForm } from '../../../shared/contract/drafts'
import { appendAudit } from './audit'
import type { HarbourDatabase } from './schema'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/** The subject column for a form without one (a new person). */
export const noSubject = ''

/**
 * Deletes the user's draft of a form once it is saved, in the same transaction as the save,
 * so a draft can never be offered back (and saved twice) after its work reached the record.
 */
export async function clearDraft(db: Db, userId: string, form: DraftForm, subjectId: string | null): Promise<void> {
  await db
    .deleteFrom('drafts')
    .where('user_id', '=', userId)
    .where('form', '=', form)
    .where('subject_id', '=', subjectId ?? noSubject)
    .execute()
}

/**
 * Deletes drafts nobody has touched for `draftRetentionDays`: unsaved work does not linger in
 * the store indefinitely. Run at every sign-in; the audit entry gives the count only.
 */
export async function purgeStaleDrafts(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - draftRetentionDays * 86_400_000).toISOString()
  const result = await db.deleteFrom('drafts').where('saved_at', '<', cutoff).executeTakeFirst()
  const purged = Number(result.numDeletedRows)
  if (purged > 0) await appendAudit(db, { actorId: null, action: 'drafts.purged', entityType: 'draft', detail: String(purged) }, now)
  return purged
}
