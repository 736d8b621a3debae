import type { Transaction } from 'kysely'
import type { RetentionPurged } from '../../../shared/contract/retention'
import { todayInLondon } from '../../../shared/calendar-date'
import type { RetentionKind } from '../../../shared/retention/kinds'
import { visibleTo } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { readSetting } from '../store/settings'
import { countsOf, dueFor, personFacts } from './retention'
import { currentUser } from './session-helpers'

/**
 * The purge of people past retention (docs/retention.md): administrators only, with their
 * passphrase again. In one transaction it checks again that each person chosen is still past
 * retention (refusing the whole purge, naming the first who is not), names them in
 * `retention_purges` so the append-only tables let their rows go (migration 0250), deletes
 * everything about them in an order the references allow, and writes one audit entry per
 * person: their id and the counts by kind, never a name, staff number or content. Audit entries
 * are never deleted. Unsaved drafts about them go with the person (ON DELETE CASCADE) and the
 * person search index with the person row (its trigger on SQLite, the row's own index on
 * PostgreSQL).
 */

/**
 * Every kind of record, in the order it is deleted: rows that point at others first. The kinds
 * are exactly shared/retention/kinds.ts's (a test checks this list against the tables that hold
 * rows about a person, and against the person record export's).
 */
export const purgeOrder: readonly RetentionKind[] = [
  'trim_prompt_claims',
  'trim_assessments',
  'trim_offers',
  'screening_follow_ups',
  'alerts',
  'screening_results',
  'referral_steps',
  'management_advice_reports',
  'referrals',
  'consents',
  'bereavement_counselling',
  'signposting_records',
  'exposures',
  'notes',
  'screenings',
  'tasks',
  'cases',
  'person_access',
  'people'
]

type Trx = Transaction<HarbourDatabase>

async function deleteKind(trx: Trx, kind: RetentionKind, ids: string[]): Promise<number> {
  let result
  if (kind === 'people') result = await trx.deleteFrom('people').where('id', 'in', ids).executeTakeFirst()
  else if (kind === 'screening_results')
    result = await trx
      .deleteFrom('screening_results')
      .where('screening_id', 'in', (eb) => eb.selectFrom('screenings').select('id').where('person_id', 'in', ids))
      .executeTakeFirst()
  else if (kind === 'tasks')
    result = await trx
      .deleteFrom('tasks')
      .where((eb) =>
        eb.or([eb('person_id', 'in', ids), eb('case_id', 'in', eb.selectFrom('cases').select('id').where('person_id', 'in', ids))])
      )
      .executeTakeFirst()
  else result = await trx.deleteFrom(kind).where('person_id', 'in', ids).executeTakeFirst()
  return Number(result.numDeletedRows)
}

async function checkPassphrase(call: CallContext, passphrase: string): Promise<void> {
  const user = currentUser(call)
  await call.keyRing.checkPassphrase(user.username, passphrase).catch(async (error: unknown) => {
    if (error instanceof CoreError && error.code === 'unauthenticated') {
      await appendAudit(
        call.db,
        { actorId: user.id, action: 'retention.purge-refused', entityType: 'retention', detail: 'passphrase not right' },
        call.clock()
      )
      throw new CoreError('invalid-input', 'That passphrase is not right. Enter your own passphrase to purge. Nothing was purged.', [
        'passphrase'
      ])
    }
    throw error
  })
}

export async function purgePastRetention(call: CallContext, input: { personIds: string[]; passphrase: string }): Promise<RetentionPurged> {
  const user = currentUser(call)
  if (!user.roles.includes('admin')) throw new CoreError('forbidden', 'Only an administrator can purge records past retention.')
  await checkPassphrase(call, input.passphrase)
  const ids = [...new Set(input.personIds)]

  return call.db.transaction().execute(async (trx) => {
    const now = call.clock()
    const today = todayInLondon(now)
    const periods = (await readSetting(trx, 'retentionPeriods')).value
    const people = await trx
      .selectFrom('people')
      .select(['id', 'staff_number', 'given_name', 'family_name', 'preferred_name', 'leaving_date'])
      .where('id', 'in', ids)
      .where(visibleTo(user.id))
      .execute()
    if (people.length !== ids.length)
      throw new CoreError(
        'conflict',
        'Someone chosen is no longer in Harbour, or is restricted to named clinicians. Show the list again. Nothing was purged.'
      )
    const facts = await personFacts(trx, ids)
    const byId = new Map(people.map((row) => [row.id, row]))
    for (const id of ids) {
      const person = byId.get(id)
      const entry = facts.get(id)
      if (!person || !entry) throw new CoreError('conflict', 'Someone chosen is no longer in Harbour. Nothing was purged.')
      if (!dueFor(person.leaving_date, entry, periods, today).due) {
        const name = `${person.preferred_name ?? person.given_name} ${person.family_name}`
        throw new CoreError(
          'conflict',
          `${name} (${person.staff_number}) is no longer past retention: something about them changed since the list was shown. Show the list again. Nothing was purged.`
        )
      }
    }

    await trx
      .insertInto('retention_purges')
      .values(ids.map((id) => ({ person_id: id })))
      .execute()
    const deleted = new Map<RetentionKind, number>()
    for (const kind of purgeOrder) deleted.set(kind, await deleteKind(trx, kind, ids))
    await trx.deleteFrom('retention_purges').where('person_id', 'in', ids).execute()

    // What went must be what was counted: anything else means a row the count did not see.
    for (const kind of purgeOrder) {
      const counted = ids.reduce((sum, id) => sum + (facts.get(id)?.counts.get(kind) ?? 0), 0)
      if (counted !== deleted.get(kind))
        throw new CoreError('conflict', 'What the purge would remove changed while it ran. Show the list again. Nothing was purged.')
    }

    const out: RetentionPurged['people'] = []
    for (const id of ids) {
      const entry = facts.get(id)
      if (!entry) continue
      const counts = countsOf(entry)
      out.push({ personId: id, counts })
      await appendAudit(
        trx,
        {
          actorId: user.id,
          action: 'retention.purged',
          entityType: 'person',
          entityId: id,
          detail: counts.map((count) => `${count.kind}=${count.count}`).join(',')
        },
        now
      )
    }
    return { people: out }
  })
}
