import { todayInLondon } from '../../../shared/calendar-date'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { LeftWork } from '../../../shared/contract/cases'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { caseQuery, toCase } from './cases'
import { moveCase } from './case-handover'
import { requireActiveClinician } from './clinicians'
import { displayName } from './people'
import { visibleTo } from '../access'
import { currentUser } from './session-helpers'
import { isOpenWork, taskAsOf, taskQuery } from './tasks'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/**
 * When a clinician leaves and their account is disabled, their open cases and tasks (reviews,
 * safety alerts) would otherwise sit with someone who can never see them. This lists that work
 * for any clinician, as far as need-to-know lets them see it, and hands it on in one step.
 */
export async function listLeftWork(call: CallContext): Promise<LeftWork[]> {
  const user = currentUser(call)
  const db = call.db
  const cases = await db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.assigned_clinician_id')
    .innerJoin('people', 'people.id', 'cases.person_id')
    .where('users.status', '=', 'disabled')
    .where('cases.status', '<>', 'closed')
    .where(visibleTo(user.id))
    .select([
      'cases.id',
      'cases.person_id',
      'cases.reason',
      'cases.next_review_date',
      'users.id as user_id',
      'users.display_name',
      'people.given_name',
      'people.family_name',
      'people.preferred_name'
    ])
    .orderBy('users.display_name')
    .orderBy('people.family_name')
    .execute()
  const tasks = (await visibleTasksOf(db, user.id, null).execute()).map(taskAsOf(call))
  const today = todayInLondon(call.clock())
  const byUser = new Map<string, LeftWork>()
  const entry = (userId: string, name: string): LeftWork => {
    const found = byUser.get(userId)
    if (found) return found
    const created: LeftWork = { userId, name, cases: [], tasks: [] }
    byUser.set(userId, created)
    return created
  }
  for (const row of cases) {
    entry(row.user_id, row.display_name).cases.push({
      id: row.id,
      personId: row.person_id,
      personName: displayName(row),
      reason: row.reason as LeftWork['cases'][number]['reason'],
      nextReviewDate: row.next_review_date,
      reviewOverdue: row.next_review_date !== null && row.next_review_date < today
    })
  }
  for (const task of tasks) entry(task.assigneeId, task.assigneeName).tasks.push(task)
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** Open work held by disabled users (or by one of them), that the viewer may see; notices are not work. */
function visibleTasksOf(db: Db, viewerId: string, userId: string | null) {
  let query = taskQuery(db)
    .where(isOpenWork())
    .where('users.status', '=', 'disabled')
    .where((eb) => eb.or([eb('tasks.person_id', 'is', null), visibleTo(viewerId)]))
  if (userId) query = query.where('tasks.assignee_id', '=', userId)
  return query.orderBy('tasks.due_date')
}

/**
 * Hands everything a disabled user still holds, as far as the caller may see it, to one
 * clinician: each case with the handover note and its tasks, then their remaining tasks.
 * Says how much is still held (restricted records the caller is not named on).
 */
export async function handOverLeftWork(
  call: CallContext,
  input: { fromUserId: string; clinicianId: string; note: string }
): Promise<{ fromName: string; toName: string; cases: number; tasks: number; stillHeld: number }> {
  const user = currentUser(call)
  const db = call.db
  const from = await db.selectFrom('users').select(['id', 'display_name', 'status']).where('id', '=', input.fromUserId).executeTakeFirst()
  if (!from) throw new CoreError('not-found', 'There is no such user.')
  if (from.status === 'active') {
    throw new CoreError(
      'conflict',
      `${from.display_name} can still sign in. Hand their cases over one at a time, or ask an administrator to disable their account first.`,
      ['fromUserId']
    )
  }
  await requireActiveClinician(db, input.clinicianId, 'clinicianId')
  const to = await db.selectFrom('users').select('display_name').where('id', '=', input.clinicianId).executeTakeFirstOrThrow()
  const moved = await db.transaction().execute(async (trx) => {
    const cases = await caseQuery(trx)
      .innerJoin('people', 'people.id', 'cases.person_id')
      .where('cases.assigned_clinician_id', '=', from.id)
      .where('cases.status', '<>', 'closed')
      .where(visibleTo(user.id))
      .execute()
    let tasks = 0
    for (const row of cases) tasks += await moveCase(trx, call, toCase(row), input.clinicianId, input.note)
    const rest = await visibleTasksOf(trx, user.id, from.id).execute()
    if (rest.length > 0) {
      await trx
        .updateTable('tasks')
        .set({ assignee_id: input.clinicianId })
        .where(
          'id',
          'in',
          rest.map((task) => task.id)
        )
        .execute()
      for (const task of rest)
        await appendAudit(
          trx,
          { actorId: user.id, action: 'task.reassigned', entityType: 'task', entityId: task.id, detail: 'left-work' },
          call.core.clock()
        )
    }
    await appendAudit(
      trx,
      {
        actorId: user.id,
        action: 'user.work-handed-over',
        entityType: 'user',
        entityId: from.id,
        detail: `${cases.length} cases, ${tasks + rest.length} tasks`
      },
      call.core.clock()
    )
    return { cases: cases.length, tasks: tasks + rest.length }
  })
  const still = await db
    .selectFrom('users')
    .where('users.id', '=', from.id)
    .select([
      sql<number>`(SELECT count(*) FROM cases WHERE cases.assigned_clinician_id = users.id AND cases.status <> 'closed')`.as('cases'),
      sql<number>`(SELECT count(*) FROM tasks WHERE tasks.assignee_id = users.id AND ${isOpenWork()})`.as('tasks')
    ])
    .executeTakeFirstOrThrow()
  return { fromName: from.display_name, toName: to.display_name, ...moved, stillHeld: Number(still.cases) + Number(still.tasks) }
}
