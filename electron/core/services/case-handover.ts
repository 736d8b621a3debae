import { randomUUID } from 'node:crypto'
import { nextVersion } from './record-versions'
import type { Kysely, Transaction } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import { caseReasonNames, type CaseRecord, type CaseHandover } from '../../../shared/contract/cases'
import { handoverNoticeSource, type Task } from '../../../shared/contract/tasks'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { clearDraft } from '../store/drafts'
import type { HarbourDatabase } from '../store/schema'
import { requireVisibleCase } from './cases'
import { requireActiveClinician } from './clinicians'
import { currentUser } from './session-helpers'
import { isOpenWork, taskAsOf, taskQuery } from './tasks'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/** Open tasks that are work: a handover notice is not, so it never moves with a case. */
function openWork(db: Db) {
  return taskQuery(db).where(isOpenWork())
}

/**
 * The open tasks a handover moves to the new holder, so none is left with someone who no
 * longer holds the case: the case's tasks held by its holder or by anyone who can no longer
 * sign in; and the person's tasks on no case (an alert raised before the case was opened)
 * held by such a user, or by the holder when this is their only open case for the person.
 * Tasks a colleague was given on purpose stay with them.
 */
function movingTasks(db: Db, record: Pick<CaseRecord, 'id' | 'personId' | 'assignedClinicianId'>) {
  return openWork(db)
    .where((eb) => {
      const heldByHolder = eb('tasks.assignee_id', '=', record.assignedClinicianId)
      const heldByDisabled = eb('users.status', '=', 'disabled')
      const holderHasAnotherCase = eb.exists(
        eb
          .selectFrom('cases as other')
          .select('other.id')
          .where('other.person_id', '=', record.personId)
          .where('other.assigned_clinician_id', '=', record.assignedClinicianId)
          .where('other.status', '<>', 'closed')
          .where('other.id', '<>', record.id)
      )
      return eb.or([
        eb.and([eb('tasks.case_id', '=', record.id), eb.or([heldByHolder, heldByDisabled])]),
        eb.and([
          eb('tasks.case_id', 'is', null),
          eb('tasks.person_id', '=', record.personId),
          eb.or([heldByDisabled, eb.and([heldByHolder, eb.not(holderHasAnotherCase)])])
        ])
      ])
    })
    .orderBy('tasks.due_date')
}

/** What a handover of this case would move, and what stays with the colleagues who were given it. */
export async function handoverPreview(call: CallContext, input: { id: string }): Promise<{ moving: Task[]; staying: Task[] }> {
  const record = await requireVisibleCase(call, input.id)
  if (record.status === 'closed') throw new CoreError('conflict', 'This case is closed.')
  const db = call.db
  const moving = (await movingTasks(db, record).execute()).map(taskAsOf(call))
  const movingIds = new Set(moving.map((task) => task.id))
  const staying = (await openWork(db).where('tasks.case_id', '=', record.id).orderBy('tasks.due_date').execute())
    .map(taskAsOf(call))
    .filter((task) => !movingIds.has(task.id))
  return { moving, staying }
}

/**
 * Moves one case and its tasks to another clinician inside the caller's transaction, with the
 * handover note on the case, and tells the new holder with a notice naming the case and the
 * note (earlier notices about the case close: they were for whoever held it before). The audit
 * says what moved, never what the note says.
 */
export async function moveCase(
  trx: Transaction<HarbourDatabase>,
  call: CallContext,
  record: CaseRecord,
  clinicianId: string,
  note: string
): Promise<number> {
  const user = currentUser(call)
  const clock = call.core.clock()
  const now = clock.toISOString()
  const moving = await movingTasks(trx, record).execute()
  await trx
    .updateTable('cases')
    .set({ assigned_clinician_id: clinicianId, updated_at: now, ...nextVersion(user.id) })
    .where('id', '=', record.id)
    .execute()
  await trx
    .insertInto('notes')
    .values({
      id: randomUUID(),
      case_id: record.id,
      person_id: record.personId,
      type: 'other',
      contact_date: todayInLondon(clock),
      text: `Handover: ${note}`,
      author_id: user.id,
      amends_note_id: null,
      amendment_reason: null,
      created_at: now
    })
    .execute()
  if (moving.length > 0) {
    await trx
      .updateTable('tasks')
      .set({ assignee_id: clinicianId })
      .where(
        'id',
        'in',
        moving.map((task) => task.id)
      )
      .execute()
  }
  await notifyNewHolder(trx, call, record, clinicianId, note)
  await appendAudit(
    trx,
    {
      actorId: user.id,
      action: 'case.reassigned',
      entityType: 'case',
      entityId: record.id,
      detail: `assignedClinicianId; ${moving.length} tasks moved`
    },
    clock
  )
  for (const task of moving)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'task.reassigned', entityType: 'task', entityId: task.id, detail: 'case-handover' },
      clock
    )
  return moving.length
}

async function notifyNewHolder(
  trx: Transaction<HarbourDatabase>,
  call: CallContext,
  record: CaseRecord,
  clinicianId: string,
  note: string
): Promise<void> {
  const user = currentUser(call)
  const clock = call.core.clock()
  const now = clock.toISOString()
  const earlier = await trx
    .selectFrom('tasks')
    .select('id')
    .where('case_id', '=', record.id)
    .where('source', '=', handoverNoticeSource)
    .where('status', '=', 'open')
    .execute()
  if (earlier.length > 0) {
    await trx
      .updateTable('tasks')
      .set({ status: 'done', completed_at: now, completed_by: user.id })
      .where(
        'id',
        'in',
        earlier.map((task) => task.id)
      )
      .execute()
    for (const task of earlier)
      await appendAudit(
        trx,
        { actorId: user.id, action: 'task.completed', entityType: 'task', entityId: task.id, detail: 'case-handed-on' },
        clock
      )
  }
  const id = randomUUID()
  const title = `${caseReasonNames[record.reason]} case handed over to you by ${user.displayName}. Handover note: ${note}`
  await trx
    .insertInto('tasks')
    .values({
      id,
      title,
      due_date: todayInLondon(clock),
      assignee_id: clinicianId,
      person_id: record.personId,
      case_id: record.id,
      source: handoverNoticeSource,
      rule_key: null,
      status: 'open',
      completed_at: null,
      completed_by: null,
      created_by: user.id,
      created_at: now
    })
    .execute()
  await appendAudit(trx, { actorId: user.id, action: 'task.created', entityType: 'task', entityId: id, detail: 'handover-notice' }, clock)
}

/** Hands a case to another clinician: a handover note is required, and the case's open tasks go with it. */
export async function reassignCase(
  call: CallContext,
  input: { id: string; clinicianId: string; note: string }
): Promise<CaseRecord & { handover: CaseHandover }> {
  const { db } = call
  const before = await requireVisibleCase(call, input.id)
  if (before.status === 'closed') throw new CoreError('conflict', 'This case is closed.')
  await requireActiveClinician(db, input.clinicianId, 'clinicianId')
  if (input.clinicianId === before.assignedClinicianId)
    throw new CoreError('invalid-input', 'The case is already with that clinician.', ['clinicianId'])
  const tasksMoved = await db.transaction().execute(async (trx) => {
    const moved = await moveCase(trx, call, before, input.clinicianId, input.note)
    // The handover note is on the case now: its draft goes in the same transaction.
    await clearDraft(trx, currentUser(call).id, 'case-handover', before.id)
    return moved
  })
  const after = await requireVisibleCase(call, input.id)
  return { ...after, handover: { fromName: before.assignedClinicianName, toName: after.assignedClinicianName, tasksMoved } }
}
