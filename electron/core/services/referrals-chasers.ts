import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import { addCalendarDays, todayInLondon } from '../../../shared/calendar-date'
import { referralChaseSource } from '../../../shared/contract/tasks'
import { awaitingServiceStatuses } from '../../../shared/referrals/status'
import type { CallContext } from '../context'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { readSetting, writeSetting } from '../store/settings'
import { onceADay } from './once-a-day'
import { currentUser } from './session-helpers'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/**
 * Chasers: a referral sent and waiting on the service (sent, acknowledged or assessed) that has
 * had no step for `referralChaseDays` days gets one open task, "Chase referral to <where>", for
 * the holder of its case, or whoever made it when it has no case. The task's rule key names the
 * referral and the date of its last step, so each quiet spell is chased once: reading the lists
 * again never adds a second, and a chaser marked done is not put back. The next step on the
 * referral starts a new spell and closes the chaser still open (recordReferralStep).
 *
 * Harbour has no background jobs. Chasers fall due with the passing of days, so the lists that
 * show them (tasks and the Referrals worklist) bring them up to date once a day in each signed-in
 * session (`bringChasersUpToDate`); a step, which may be backdated into a spell already past the
 * limit, and a change of the setting bring them up to date at once.
 */
export function chaserKey(referralId: string, lastStepOn: string): string {
  return `referral-chase:${referralId}:${lastStepOn}`
}

/** The referrals due a chaser today that do not have one for their current quiet spell. */
export function dueChasersQuery(db: Db, today: string, chaseDays: number) {
  return (
    db
      .selectFrom('referrals')
      .innerJoin('referral_destinations as d', 'd.id', 'referrals.destination_id')
      .leftJoin('cases', 'cases.id', 'referrals.case_id')
      // The case holder, if they can still sign in; else whoever made the referral.
      .leftJoin('users as holder', (join) => join.onRef('holder.id', '=', 'cases.assigned_clinician_id').on('holder.status', '=', 'active'))
      .select([
        'referrals.id',
        'referrals.person_id',
        'referrals.case_id',
        'referrals.created_by',
        'referrals.last_step_on',
        'd.name as destination_name',
        'holder.id as assigned_clinician_id'
      ])
      .where('referrals.status', 'in', [...awaitingServiceStatuses])
      .where('referrals.last_step_on', '<=', addCalendarDays(today, -chaseDays))
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM tasks t WHERE t.rule_key = 'referral-chase:' || referrals.id || ':' || referrals.last_step_on)`
      )
  )
}

export async function syncReferralChasers(call: CallContext): Promise<number> {
  const now = call.core.clock()
  const today = todayInLondon(now)
  const { value: chaseDays } = await readSetting(call.db, 'referralChaseDays')
  const due = await dueChasersQuery(call.db, today, chaseDays).execute()
  if (due.length === 0) return 0
  await call.db.transaction().execute(async (trx) => {
    for (const row of due) {
      const id = randomUUID()
      const inserted = await trx
        .insertInto('tasks')
        .values({
          id,
          title: `Chase referral to ${row.destination_name}`,
          due_date: addCalendarDays(row.last_step_on, chaseDays),
          assignee_id: row.assigned_clinician_id ?? row.created_by,
          person_id: row.person_id,
          case_id: row.case_id,
          source: referralChaseSource,
          rule_key: chaserKey(row.id, row.last_step_on),
          status: 'open',
          completed_at: null,
          completed_by: null,
          created_by: null,
          created_at: now.toISOString()
        })
        .onConflict((conflict) => conflict.column('rule_key').doNothing())
        .executeTakeFirst()
      // Written by whoever's reading brought it up to date; the task's id only.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
        await appendAudit(trx, { actorId: call.user.id, action: 'task.created', entityType: 'task', entityId: id }, now)
    }
  })
  return due.length
}

/** For the list reads: the first read of the day in a session does the work, later ones skip it. */
export async function bringChasersUpToDate(call: CallContext): Promise<void> {
  await onceADay(call, 'referral-chasers', todayInLondon(call.core.clock()), () => syncReferralChasers(call))
}

/** A new step on the referral ends its quiet spell: the chaser for that spell, if still open, is closed. */
export async function closeChaser(trx: Db, referralId: string, lastStepOn: string, now: string): Promise<void> {
  await trx
    .updateTable('tasks')
    .set({ status: 'done', completed_at: now })
    .where('rule_key', '=', chaserKey(referralId, lastStepOn))
    .where('status', '=', 'open')
    .execute()
}

export async function referralChaseSetting(call: CallContext): Promise<{ referralChaseDays: number }> {
  return { referralChaseDays: (await readSetting(call.db, 'referralChaseDays')).value }
}

export async function setReferralChaseSetting(
  call: CallContext,
  input: { referralChaseDays: number }
): Promise<{ referralChaseDays: number }> {
  const user = currentUser(call)
  await call.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'referralChaseDays', input.referralChaseDays)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: 'referralChaseDays' },
      call.core.clock()
    )
  })
  // A shorter wait may put referrals past it today.
  await syncReferralChasers(call)
  return referralChaseSetting(call)
}
