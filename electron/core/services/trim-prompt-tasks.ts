import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import { referralPromptTitle } from '../../../shared/trim/assessment'
import { trimReferralPromptSource } from '../../../shared/trim/planning'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/**
 * The task "A TRiM assessment suggests a referral": given when an assessment prompts one (to the
 * case holder or planner) or when a clinician takes on a team prompt, and done once a referral is
 * made for the person. The audit holds the task's id only.
 */
export async function addReferralPromptTask(
  trx: Db,
  task: { personId: string; assigneeId: string; caseId: string | null; actorId: string; now: Date }
): Promise<string> {
  const id = randomUUID()
  await trx
    .insertInto('tasks')
    .values({
      id,
      title: referralPromptTitle,
      due_date: todayInLondon(task.now),
      assignee_id: task.assigneeId,
      person_id: task.personId,
      case_id: task.caseId,
      source: trimReferralPromptSource,
      rule_key: null,
      status: 'open',
      completed_at: null,
      completed_by: null,
      created_by: task.actorId,
      created_at: task.now.toISOString()
    })
    .execute()
  await appendAudit(trx, { actorId: task.actorId, action: 'task.created', entityType: 'task', entityId: id }, task.now)
  return id
}

/** A referral made for the person answers every TRiM suggestion of one still open: their tasks are done. */
export async function closeReferralPromptTasks(trx: Db, done: { personId: string; actorId: string; now: Date }): Promise<void> {
  const open = await trx
    .selectFrom('tasks')
    .select('id')
    .where('person_id', '=', done.personId)
    .where('source', '=', trimReferralPromptSource)
    .where('status', '=', 'open')
    .execute()
  for (const task of open) {
    await trx
      .updateTable('tasks')
      .set({ status: 'done', completed_at: done.now.toISOString(), completed_by: done.actorId })
      .where('id', '=', task.id)
      .execute()
    await appendAudit(trx, { actorId: done.actorId, action: 'task.completed', entityType: 'task', entityId: task.id }, done.now)
  }
}
