import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { Alert } from '../../../shared/contract/screening'
import { alertFollowUpSource, alertTaskSource } from '../../../shared/contract/tasks'
import { formatDateTime, londonInstant } from '../../../shared/dates'
import { instrumentName, instruments } from '../../../shared/instruments'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { requireActiveClinician } from './clinicians'
import { displayName } from './people'
import { missingOrRefused, requirePersonAccess, visibleTo } from '../access'
import { currentUser } from './session-helpers'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

export interface OpenCase {
  id: string
  clinicianId: string
  status: string
  /** False when the holder's account is disabled: nothing routed to them would be seen. */
  holderCanSignIn: boolean
}

/** The person's open case, newest first: its clinician owns whatever a result leads to. */
export async function openCaseOf(db: Db, personId: string): Promise<OpenCase | undefined> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.assigned_clinician_id')
    .select(['cases.id', 'cases.assigned_clinician_id', 'cases.status', 'users.status as holder_status'])
    .where('cases.person_id', '=', personId)
    .where('cases.status', '<>', 'closed')
    .orderBy('cases.opened_on', 'desc')
    .executeTakeFirst()
  return row
    ? { id: row.id, clinicianId: row.assigned_clinician_id, status: row.status, holderCanSignIn: row.holder_status === 'active' }
    : undefined
}

/**
 * Who a new task from a result goes to: the case holder, or, when there is no case or its
 * holder can no longer sign in, `fallback` (the clinician at hand), as when no one holds it.
 */
export const taskOwner = (openCase: OpenCase | undefined, fallback: string): string =>
  openCase?.holderCanSignIn ? openCase.clinicianId : fallback

/** The words for an answer ("Several days"), or the number when the item has no such option. */
export function answerLabel(instrument: string, item: number, answer: number | null): string {
  const option = instruments[instrument]?.items[item - 1]?.options.find((candidate) => candidate.value === answer)
  return option ? `“${option.label}”` : answer === null ? 'not known' : String(answer)
}

export function alertMessage(instrument: string, item: number, answer: number | null): string {
  return `${instrumentName(instrument)} item ${item} answered ${answerLabel(instrument, item, answer)}`
}

interface CriticalResult {
  instrument: string
  answers: (number | null)[] | null
  flags: { code: string; severity: string }[]
}

/**
 * Raises an alert and a top-priority task for each positive critical item, in the caller's
 * transaction. A correction does not raise again what an earlier version of the same sitting
 * already raised for the same answer (open or acknowledged): the clinician has seen it.
 */
export async function raiseAlerts(
  trx: Db,
  call: CallContext,
  sitting: { id: string; personId: string; earlierVersions: string[] },
  results: CriticalResult[]
): Promise<{ raised: number; earlier: number }> {
  const user = currentUser(call)
  const now = call.core.clock().toISOString()
  const positives = results.flatMap((result) =>
    result.flags
      .filter((flag) => flag.severity === 'critical')
      .map((flag) => {
        const item = Number(/^item-(\d+)$/.exec(flag.code)?.[1])
        return { result, flag, item, answer: result.answers?.[item - 1] ?? null }
      })
  )
  const earlier =
    sitting.earlierVersions.length > 0
      ? await trx
          .selectFrom('alerts')
          .select(['instrument_id', 'item', 'answer'])
          .where('screening_id', 'in', sitting.earlierVersions)
          .execute()
      : []
  if (positives.length === 0) return { raised: 0, earlier: earlier.length }
  const openCase = await openCaseOf(trx, sitting.personId)
  // A disabled holder would never see the task: it stays with whoever recorded the result,
  // and the open alert (on every clinician's caseload) says the holder cannot sign in.
  const owner = taskOwner(openCase, user.id)
  let raised = 0
  for (const { result, flag, item, answer } of positives) {
    if (earlier.some((alert) => alert.instrument_id === result.instrument && alert.item === item && alert.answer === answer)) continue
    const taskId = randomUUID()
    await trx
      .insertInto('tasks')
      // On the open case, so the urgent task shows on the case and in the caseload, not only in My tasks.
      .values({
        id: taskId,
        title: `Urgent: review risk (${instrumentName(result.instrument)} item ${item})`,
        due_date: todayInLondon(call.core.clock()),
        assignee_id: owner,
        person_id: sitting.personId,
        case_id: openCase?.id ?? null,
        source: alertTaskSource,
        rule_key: null,
        status: 'open',
        completed_at: null,
        completed_by: null,
        created_by: user.id,
        created_at: now,
        priority: 'top'
      })
      .execute()
    const alertId = randomUUID()
    await trx
      .insertInto('alerts')
      .values({
        id: alertId,
        person_id: sitting.personId,
        screening_id: sitting.id,
        code: `${result.instrument}:${flag.code}`,
        message: alertMessage(result.instrument, item, answer),
        status: 'open',
        task_id: taskId,
        acknowledged_by: null,
        acknowledged_at: null,
        action_note: null,
        created_at: now,
        instrument_id: result.instrument,
        item,
        answer,
        action_taken_by: null,
        action_taken_at: null,
        follow_up_date: null,
        follow_up_task_id: null
      })
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'alert.raised', entityType: 'alert', entityId: alertId }, call.core.clock())
    raised += 1
  }
  return { raised, earlier: earlier.length }
}

function alertQuery(db: Db) {
  return db
    .selectFrom('alerts')
    .innerJoin('people', 'people.id', 'alerts.person_id')
    .innerJoin('screenings', 'screenings.id', 'alerts.screening_id')
    .leftJoin('users as acknowledger', 'acknowledger.id', 'alerts.acknowledged_by')
    .leftJoin('users as actor', 'actor.id', 'alerts.action_taken_by')
    .leftJoin('tasks as follow_up', 'follow_up.id', 'alerts.follow_up_task_id')
    .leftJoin('users as follower', 'follower.id', 'follow_up.completed_by')
    .selectAll('alerts')
    .select([
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'screenings.sitting_date',
      'screenings.mode as sitting_mode',
      'screenings.version as sitting_version',
      'acknowledger.display_name as acknowledged_by_name',
      'actor.display_name as action_taken_by_name',
      'follow_up.completed_at as follow_up_done_at',
      'follow_up.outcome as follow_up_outcome',
      'follower.display_name as follow_up_done_by_name',
      // The person's newest open case's holder, by name, when that holder can no longer sign in.
      (eb) =>
        eb
          .selectFrom('cases')
          .innerJoin('users as holder', 'holder.id', 'cases.assigned_clinician_id')
          .select(sql<string | null>`CASE WHEN holder.status = 'active' THEN NULL ELSE holder.display_name END`.as('name'))
          .whereRef('cases.person_id', '=', 'alerts.person_id')
          .where('cases.status', '<>', 'closed')
          .orderBy('cases.opened_on', 'desc')
          .limit(1)
          .as('disabled_holder_name')
    ])
}

/** What the alert says happened, without who must act: as it goes into a case note. */
function alertWords(row: AlertRow): string {
  const instrument = row.instrument_id ?? row.code.split(':')[0] ?? row.code
  // Alerts from before names were stored are worded from their item and answer.
  return row.item !== null ? alertMessage(instrument, row.item, row.answer) : row.message
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>

function toAlert(row: AlertRow, today: string): Alert {
  const instrument = row.instrument_id ?? row.code.split(':')[0] ?? row.code
  return {
    id: row.id,
    personId: row.person_id,
    personName: displayName(row),
    screeningId: row.screening_id,
    code: row.code,
    // An open alert on a case whose holder cannot sign in says so: the team must act on it.
    message:
      row.status === 'open' && row.disabled_holder_name
        ? `${alertWords(row)}. ${row.disabled_holder_name} holds the case but cannot sign in: the team must act on this alert`
        : alertWords(row),
    status: row.status,
    acknowledgedByName: row.acknowledged_by_name,
    acknowledgedAt: row.acknowledged_at,
    actionNote: row.action_note,
    createdAt: row.created_at,
    sittingDate: row.sitting_date,
    sittingMode: row.sitting_mode,
    sittingVersion: row.sitting_version,
    instrument,
    item: row.item,
    answer: row.answer,
    actionTakenByName: row.action_taken_by_name ?? row.acknowledged_by_name,
    actionTakenAt: row.action_taken_at ?? row.acknowledged_at,
    followUpDate: row.follow_up_date,
    followUpOverdue: row.follow_up_date !== null && row.follow_up_done_at === null && row.follow_up_date < today,
    followUpDoneAt: row.follow_up_done_at,
    followUpDoneByName: row.follow_up_done_by_name,
    followUpOutcome: row.follow_up_outcome
  }
}

/** Every alert for one person (open first, then their history), or every open alert the caller may see. */
export async function listAlerts(call: CallContext, input: { personId?: string | undefined }): Promise<Alert[]> {
  const user = currentUser(call)
  let query = alertQuery(call.db).where(visibleTo(user.id))
  if (input.personId) {
    await requirePersonAccess(call, input.personId)
    query = query.where('alerts.person_id', '=', input.personId)
  } else {
    query = query.where('alerts.status', '=', 'open')
  }
  const rows = await query
    .orderBy('alerts.status', 'desc')
    .orderBy('alerts.created_at', 'desc')
    .orderBy('screenings.sitting_date', 'desc')
    .execute()
  const today = todayInLondon(call.clock())
  return rows.map((row) => toAlert(row, today))
}

const modeWords = { 'clinician-entered': 'entered by a clinician', 'self-completed': 'self-completed', imported: 'imported' } as const

/**
 * An alert stays until a clinician records the action taken: who took it and when, and any
 * date to follow up. That completes its task, adds a note to the person's open case and, with
 * a follow-up date, a task for the case clinician.
 */
export async function acknowledgeAlert(
  call: CallContext,
  input: {
    alertId: string
    actionNote: string
    actionTakenBy?: string | undefined
    actionTakenOn?: string | undefined
    actionTakenTime?: string | undefined
    followUpDate?: string | null | undefined
  }
): Promise<Alert> {
  const user = currentUser(call)
  const row = await alertQuery(call.db).where('alerts.id', '=', input.alertId).executeTakeFirst()
  if (!row) return missingOrRefused(call, 'alerts', input.alertId, 'There is no such alert.')
  await requirePersonAccess(call, row.person_id)
  if (row.status === 'acknowledged') throw new CoreError('conflict', 'This alert has already been acknowledged.')
  const clock = call.core.clock()
  const today = todayInLondon(clock)
  const actorId = input.actionTakenBy ?? user.id
  if (actorId !== user.id)
    await requireActiveClinician(call.db, actorId, 'actionTakenBy', 'Choose an active clinician as the person who took the action.')
  if ((input.actionTakenOn === undefined) !== (input.actionTakenTime === undefined)) {
    throw new CoreError('invalid-input', 'Enter both the date and the time the action was taken.', [
      input.actionTakenOn === undefined ? 'actionTakenOn' : 'actionTakenTime'
    ])
  }
  const takenAt = input.actionTakenOn && input.actionTakenTime ? londonInstant(input.actionTakenOn, input.actionTakenTime) : clock
  if (takenAt.getTime() > clock.getTime())
    throw new CoreError('invalid-input', 'The time the action was taken cannot be in the future.', ['actionTakenOn'])
  if (input.actionTakenOn && input.actionTakenOn < row.sitting_date)
    throw new CoreError('invalid-input', 'The action cannot have been taken before the screening that raised the alert.', ['actionTakenOn'])
  if (input.followUpDate && input.followUpDate < today)
    throw new CoreError('invalid-input', 'The follow-up date must be today or later.', ['followUpDate'])
  const now = clock.toISOString()
  const openCase = await openCaseOf(call.db, row.person_id)
  const actorName = (await call.db.selectFrom('users').select('display_name').where('id', '=', actorId).executeTakeFirstOrThrow())
    .display_name
  await call.db.transaction().execute(async (trx) => {
    // A follow-up date becomes a task that closes only with what happened written down.
    const followUpTaskId = input.followUpDate ? randomUUID() : null
    if (input.followUpDate && followUpTaskId) {
      await trx
        .insertInto('tasks')
        .values({
          id: followUpTaskId,
          title: 'Follow up after a safety alert',
          due_date: input.followUpDate,
          assignee_id: taskOwner(openCase, actorId),
          person_id: row.person_id,
          case_id: openCase?.id ?? null,
          source: alertFollowUpSource,
          rule_key: null,
          status: 'open',
          completed_at: null,
          completed_by: null,
          created_by: user.id,
          created_at: now,
          priority: 'top'
        })
        .execute()
    }
    await trx
      .updateTable('alerts')
      .set({
        status: 'acknowledged',
        acknowledged_by: user.id,
        acknowledged_at: now,
        action_note: input.actionNote,
        action_taken_by: actorId,
        action_taken_at: takenAt.toISOString(),
        follow_up_date: input.followUpDate ?? null,
        follow_up_task_id: followUpTaskId
      })
      .where('id', '=', input.alertId)
      .execute()
    if (row.task_id)
      await trx
        .updateTable('tasks')
        .set({ status: 'done', completed_at: now, completed_by: user.id })
        .where('id', '=', row.task_id)
        .execute()
    if (openCase) {
      const lines = [
        `Safety alert acknowledged: ${alertWords(row)} (screening of ${formatCalendarDate(row.sitting_date)}, ${modeWords[row.sitting_mode]}).`,
        `Action taken by ${actorName} on ${formatDateTime(takenAt)}:`,
        input.actionNote,
        ...(input.followUpDate ? [`Follow up by ${formatCalendarDate(input.followUpDate)}.`] : [])
      ]
      await trx
        .insertInto('notes')
        .values({
          id: randomUUID(),
          case_id: openCase.id,
          person_id: row.person_id,
          type: 'other',
          contact_date: today,
          text: lines.join('\n'),
          author_id: user.id,
          amends_note_id: null,
          amendment_reason: null,
          created_at: now
        })
        .execute()
    }
    await appendAudit(
      trx,
      { actorId: user.id, action: 'alert.acknowledged', entityType: 'alert', entityId: input.alertId },
      call.core.clock()
    )
  })
  return toAlert(await alertQuery(call.db).where('alerts.id', '=', input.alertId).executeTakeFirstOrThrow(), todayInLondon(call.clock()))
}
