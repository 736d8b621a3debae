import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely'
import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import { handoverNoticeSource, howTaskCloses, type Task } from '../../../shared/contract/tasks'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { clearDraft } from '../store/drafts'
import type { HarbourDatabase } from '../store/schema'
import { requireActiveClinician } from './clinicians'
import { displayName } from './people'
import { missingOrRefused, personVisibleTo, requirePersonAccess } from '../access'
import { bringChasersUpToDate } from './referrals-chasers'
import { currentUser } from './session-helpers'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/**
 * An open task that is work. A handover notice is news for its reader, not work: no count or
 * list of work (caseloads, the leavers' handover, what moves with a case) includes it.
 * `table` is the tasks table's name or alias in the query.
 */
export function isOpenWork(table = 'tasks') {
  return sql<boolean>`(${sql.ref(`${table}.status`)} = 'open' AND ${sql.ref(`${table}.source`)} <> ${handoverNoticeSource})`
}

export function taskQuery(db: Db) {
  return withTaskColumns(db.selectFrom('tasks'))
}

/** What a task shows, joined onto a selection of tasks. */
function withTaskColumns<O>(tasks: SelectQueryBuilder<HarbourDatabase, 'tasks', O>) {
  return tasks
    .innerJoin('users', 'users.id', 'tasks.assignee_id')
    .leftJoin('people', 'people.id', 'tasks.person_id')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.due_date',
      'tasks.assignee_id',
      'users.display_name as assignee_name',
      'tasks.person_id',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'tasks.case_id',
      'tasks.source',
      'tasks.status',
      'tasks.completed_at',
      'tasks.outcome'
    ])
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>

/** A task as the window sees it; `today` (London) decides whether it is overdue. */
export function toTask(row: TaskRow, today: string): Task {
  return {
    id: row.id,
    title: row.title,
    dueDate: row.due_date,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    personId: row.person_id,
    personName:
      row.given_name && row.family_name
        ? displayName({ given_name: row.given_name, family_name: row.family_name, preferred_name: row.preferred_name })
        : null,
    caseId: row.case_id,
    source: row.source,
    status: row.status,
    overdue: row.status === 'open' && row.due_date < today,
    completedAt: row.completed_at,
    outcome: row.outcome
  }
}

/** toTask for one call: overdue as of today by the core's clock, whatever the window's clock says. */
export function taskAsOf(call: CallContext): (row: TaskRow) => Task {
  const today = todayInLondon(call.core.clock())
  return (row) => toTask(row, today)
}

/**
 * Creates or moves the task a rule keeps (e.g. "review due" for a case), or removes it when
 * its date is cleared. One task per rule key, so saving a case twice never duplicates it.
 */
export async function syncRuleTask(
  trx: Db,
  rule: { key: string; title: string; dueDate: string | null; assigneeId: string; personId: string; caseId: string; source: string },
  now: string
): Promise<void> {
  const existing = await trx.selectFrom('tasks').select(['id', 'status']).where('rule_key', '=', rule.key).executeTakeFirst()
  if (!rule.dueDate) {
    if (existing && existing.status === 'open')
      await trx.updateTable('tasks').set({ status: 'done', completed_at: now }).where('id', '=', existing.id).execute()
    return
  }
  if (existing) {
    await trx
      .updateTable('tasks')
      .set({
        title: rule.title,
        due_date: rule.dueDate,
        assignee_id: rule.assigneeId,
        status: 'open',
        completed_at: null,
        completed_by: null
      })
      .where('id', '=', existing.id)
      .execute()
  } else {
    await trx
      .insertInto('tasks')
      .values({
        id: randomUUID(),
        title: rule.title,
        due_date: rule.dueDate,
        assignee_id: rule.assigneeId,
        person_id: rule.personId,
        case_id: rule.caseId,
        source: rule.source,
        rule_key: rule.key,
        status: 'open',
        completed_at: null,
        completed_by: null,
        created_by: null,
        created_at: now
      })
      .execute()
  }
}

export async function createTask(
  call: CallContext,
  input: { title: string; dueDate: string; assigneeId?: string | undefined; personId: string | null; caseId: string | null }
): Promise<Task> {
  const { db, core } = call
  const user = currentUser(call)
  const assigneeId = input.assigneeId ?? user.id
  await requireActiveClinician(db, assigneeId, 'assigneeId')
  let personId = input.personId
  if (input.caseId) {
    const found = await db.selectFrom('cases').select('person_id').where('id', '=', input.caseId).executeTakeFirst()
    if (!found) return missingOrRefused(call, 'cases', input.caseId, 'There is no such case.')
    personId = found.person_id
  }
  if (personId) await requirePersonAccess(call, personId)
  const id = randomUUID()
  const now = core.clock().toISOString()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tasks')
      .values({
        id,
        title: input.title,
        due_date: input.dueDate,
        assignee_id: assigneeId,
        person_id: personId,
        case_id: input.caseId,
        source: 'manual',
        rule_key: null,
        status: 'open',
        completed_at: null,
        completed_by: null,
        created_by: user.id,
        created_at: now
      })
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'task.created', entityType: 'task', entityId: id }, core.clock())
  })
  return taskAsOf(call)(await taskQuery(db).where('tasks.id', '=', id).executeTakeFirstOrThrow())
}

export async function completeTask(call: CallContext, input: { id: string; outcome?: string | null | undefined }): Promise<Task> {
  const { db, core } = call
  const user = currentUser(call)
  const row = await taskQuery(db).where('tasks.id', '=', input.id).executeTakeFirst()
  if (!row) return missingOrRefused(call, 'tasks', input.id, 'There is no such task.')
  if (row.person_id) await requirePersonAccess(call, row.person_id)
  if (row.status === 'done') return taskAsOf(call)(row)
  const closing = howTaskCloses(row.source)
  if (closing === 'acknowledge-alert')
    throw new CoreError('conflict', "Acknowledge the safety alert on the person's page, with the action taken.")
  if (closing === 'record-decision') throw new CoreError('conflict', "Record your decision on the screening result on the person's page.")
  const outcome = input.outcome ?? null
  if (closing === 'record-outcome' && !outcome) throw new CoreError('invalid-input', 'Enter what happened at the follow-up.', ['outcome'])
  const now = core.clock().toISOString()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('tasks')
      .set({ status: 'done', completed_at: now, completed_by: user.id, outcome })
      .where('id', '=', input.id)
      .execute()
    const openCase =
      row.case_id && outcome
        ? await trx
            .selectFrom('cases')
            .select(['id', 'person_id'])
            .where('id', '=', row.case_id)
            .where('status', '<>', 'closed')
            .executeTakeFirst()
        : undefined
    if (openCase && outcome) {
      await trx
        .insertInto('notes')
        .values({
          id: randomUUID(),
          case_id: openCase.id,
          person_id: openCase.person_id,
          type: 'other',
          contact_date: todayInLondon(core.clock()),
          text: `${row.title} (due ${formatCalendarDate(row.due_date)}): done.\n${outcome}`,
          author_id: user.id,
          amends_note_id: null,
          amendment_reason: null,
          created_at: now
        })
        .execute()
    }
    await appendAudit(trx, { actorId: user.id, action: 'task.completed', entityType: 'task', entityId: input.id }, core.clock())
    await clearDraft(trx, user.id, 'task-outcome', input.id)
  })
  return taskAsOf(call)(await taskQuery(db).where('tasks.id', '=', input.id).executeTakeFirstOrThrow())
}

/** My open tasks, overdue ones (mine), or a person's or case's tasks; soonest first. */
export async function listTasks(
  call: CallContext,
  input: {
    view: 'mine' | 'overdue' | 'person' | 'case'
    personId?: string | undefined
    caseId?: string | undefined
    page: { offset: number; limit: number }
  }
): Promise<{ rows: Task[]; total: number }> {
  const user = currentUser(call)
  const today = todayInLondon(call.core.clock())
  // Chasers fall due with the passing of days, not with a write: bring them up to date first.
  await bringChasersUpToDate(call)
  // Filtered on the tasks table alone, visibility from the person's id (as the caseload does), so
  // the count reads no user or person row; the page joins them for its fifty rows only.
  let query = call.db
    .selectFrom('tasks')
    .where((eb) => eb.or([eb('tasks.person_id', 'is', null), personVisibleTo(user.id, sql.ref('tasks.person_id'))]))
  if (input.view === 'mine' || input.view === 'overdue')
    query = query.where('tasks.assignee_id', '=', user.id).where('tasks.status', '=', 'open')
  if (input.view === 'overdue') query = query.where('tasks.due_date', '<', today)
  // A handover notice is for its reader's own list, not part of the record's work.
  if (input.view === 'person' || input.view === 'case') query = query.where('tasks.source', '<>', handoverNoticeSource)
  if (input.view === 'person') {
    if (!input.personId) throw new CoreError('invalid-input', 'Choose a person.', ['personId'])
    query = query.where('tasks.person_id', '=', input.personId)
  }
  if (input.view === 'case') {
    if (!input.caseId) throw new CoreError('invalid-input', 'Choose a case.', ['caseId'])
    query = query.where('tasks.case_id', '=', input.caseId)
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  // Ties on the due date are broken for good (by row), so pages never repeat or skip a task.
  const rows = await withTaskColumns(query)
    .orderBy('tasks.status', 'desc')
    .orderBy('tasks.due_date')
    .orderBy(call.dialect.insertionOrder('tasks'))
    .limit(input.page.limit)
    .offset(input.page.offset)
    .execute()
  return { rows: rows.map((row) => toTask(row, today)), total: Number(total?.n ?? 0) }
}
