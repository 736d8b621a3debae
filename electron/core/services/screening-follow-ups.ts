import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { FollowUp, SavedFollowUp } from '../../../shared/contract/screening'
import { alertTaskSource, screeningReviewSource } from '../../../shared/contract/tasks'
import { followUpFor, followUpSeverity, type AmberFollowUp, type FollowUpReason } from '../../../shared/instruments/follow-up'
import type { RagOutcome } from '../../../shared/instruments/rag'
import type { CallContext, Queries } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { readSetting, writeSetting } from '../store/settings'
import { displayName } from './people'
import { requirePersonAccess, visibleTo } from '../access'
import { openCaseOf } from './screening-alerts'
import { currentUser } from './session-helpers'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

const settingKey = 'amberFollowUp' as const

export async function readAmberFollowUp(db: Db): Promise<AmberFollowUp> {
  return (await readSetting(db, settingKey)).value
}

export async function setAmberFollowUp(call: CallContext, input: { amber: AmberFollowUp }): Promise<{ amber: AmberFollowUp }> {
  const user = currentUser(call)
  const before = await readAmberFollowUp(call.db)
  await call.db.transaction().execute(async (trx) => {
    await writeSetting(trx, settingKey, input.amber)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: `${settingKey}: ${before} -> ${input.amber}` },
      call.core.clock()
    )
  })
  return { amber: input.amber }
}

const reviewTitles = {
  red: 'Review a red screening result',
  'risk-not-assessed': 'Assess risk: a safety question was not answered',
  amber: 'Review an amber screening result'
} as const

/** The more serious of two reasons. */
const graver = (a: FollowUpReason, b: FollowUpReason): FollowUpReason => (followUpSeverity[a] >= followUpSeverity[b] ? a : b)

async function insertFollowUp(
  trx: Db,
  call: CallContext,
  values: {
    screeningId: string
    personId: string
    reason: FollowUpReason
    priority: 'top' | 'normal'
    openCase: { id: string; clinicianId: string; holderCanSignIn: boolean } | undefined
  }
): Promise<void> {
  const user = currentUser(call)
  const now = call.core.clock().toISOString()
  let taskId: string | null = null
  // A holder who cannot sign in would never see a review: the team decides, as with no case.
  const toHolder = values.openCase?.holderCanSignIn === true
  if (values.openCase && toHolder) {
    taskId = randomUUID()
    await trx
      .insertInto('tasks')
      .values({
        id: taskId,
        title: reviewTitles[values.reason],
        due_date: todayInLondon(call.core.clock()),
        assignee_id: values.openCase.clinicianId,
        person_id: values.personId,
        case_id: values.openCase.id,
        source: screeningReviewSource,
        rule_key: null,
        status: 'open',
        completed_at: null,
        completed_by: null,
        created_by: user.id,
        created_at: now,
        priority: values.priority
      })
      .execute()
  }
  const id = randomUUID()
  await trx
    .insertInto('screening_follow_ups')
    .values({
      id,
      screening_id: values.screeningId,
      person_id: values.personId,
      reason: values.reason,
      route: toHolder ? 'case-review' : 'team-decision',
      case_id: values.openCase?.id ?? null,
      task_id: taskId,
      status: 'open',
      decision: null,
      decision_note: null,
      decided_by: null,
      decided_at: null,
      created_at: now
    })
    .execute()
  await appendAudit(trx, { actorId: user.id, action: 'follow-up.raised', entityType: 'follow-up', entityId: id }, call.core.clock())
}

/**
 * Makes sure a red, amber or unassessed-risk result leads somewhere, in the caller's
 * transaction: a review task for the clinician of the open case or, with no open case (or one
 * whose holder cannot sign in), a
 * decision for the team. An alert (raised by this sitting or an earlier version of it) is the
 * case clinician's review. A correction keeps one follow-up per sitting: an open one moves to
 * the new version (at the graver of the two reasons, and stays open even if the correction is
 * no longer red, for a clinician to decide); a decided one is not raised again unless the
 * correction is graver.
 */
export async function raiseFollowUp(
  trx: Db,
  call: CallContext,
  sitting: { id: string; personId: string; earlierVersions: string[]; alertCovers: boolean },
  outcome: Pick<RagOutcome, 'rag' | 'riskNotAssessed'>
): Promise<void> {
  const need = followUpFor(outcome, await readAmberFollowUp(trx))
  if (sitting.earlierVersions.length > 0) {
    const earlier = await trx
      .selectFrom('screening_follow_ups')
      .select(['id', 'reason', 'status', 'task_id'])
      .where('screening_id', 'in', sitting.earlierVersions)
      .execute()
    const open = earlier.find((row) => row.status === 'open')
    if (open) {
      const reason = need ? graver(open.reason, need.reason) : open.reason
      await trx.updateTable('screening_follow_ups').set({ screening_id: sitting.id, reason }).where('id', '=', open.id).execute()
      // A review that became graver says so, and goes to the top of its clinician's list.
      if (open.task_id && reason !== open.reason) {
        await trx
          .updateTable('tasks')
          .set({ title: reviewTitles[reason], priority: reason === 'amber' ? 'normal' : 'top' })
          .where('id', '=', open.task_id)
          .execute()
      }
      await appendAudit(
        trx,
        { actorId: currentUser(call).id, action: 'follow-up.corrected', entityType: 'follow-up', entityId: open.id },
        call.core.clock()
      )
      return
    }
    if (need && earlier.some((row) => followUpSeverity[row.reason] >= followUpSeverity[need.reason])) return
  }
  if (!need) return
  const openCase = await openCaseOf(trx, sitting.personId)
  if (!openCase && !need.teamDecisionWithoutCase) return
  // An alert is the holder's review only when the holder can sign in to see it.
  if (openCase?.holderCanSignIn && sitting.alertCovers) return
  await insertFollowUp(trx, call, {
    screeningId: sitting.id,
    personId: sitting.personId,
    reason: need.reason,
    priority: need.priority,
    openCase
  })
}

/**
 * Opening a case is the team's decision on any screening result waiting for one; the result
 * then goes to the new case's clinician as a review, and any open alert task joins the case,
 * so neither is left with no one.
 */
export async function resolveTeamDecisions(
  trx: Db,
  call: CallContext,
  personId: string,
  openedCase: { id: string; clinicianId: string }
): Promise<void> {
  const user = currentUser(call)
  const open = await trx
    .selectFrom('screening_follow_ups')
    .select(['id', 'screening_id', 'reason'])
    .where('person_id', '=', personId)
    .where('route', '=', 'team-decision')
    .where('status', '=', 'open')
    .execute()
  const now = call.core.clock().toISOString()
  for (const row of open) {
    await trx
      .updateTable('screening_follow_ups')
      .set({ status: 'decided', decision: 'case-opened', case_id: openedCase.id, decided_by: user.id, decided_at: now })
      .where('id', '=', row.id)
      .execute()
    await appendAudit(
      trx,
      { actorId: user.id, action: 'follow-up.decided', entityType: 'follow-up', entityId: row.id, detail: 'case-opened' },
      call.core.clock()
    )
    await insertFollowUp(trx, call, {
      screeningId: row.screening_id,
      personId,
      reason: row.reason,
      priority: row.reason === 'amber' ? 'normal' : 'top',
      openCase: { ...openedCase, holderCanSignIn: true }
    })
  }
  await trx
    .updateTable('tasks')
    .set({ case_id: openedCase.id })
    .where('person_id', '=', personId)
    .where('source', '=', alertTaskSource)
    .where('status', '=', 'open')
    .where('case_id', 'is', null)
    .execute()
}

function followUpQuery(db: Db) {
  return db
    .selectFrom('screening_follow_ups as f')
    .innerJoin('people', 'people.id', 'f.person_id')
    .innerJoin('screenings', 'screenings.id', 'f.screening_id')
    .leftJoin('tasks', 'tasks.id', 'f.task_id')
    .leftJoin('users as assignee', 'assignee.id', 'tasks.assignee_id')
    .leftJoin('users as decider', 'decider.id', 'f.decided_by')
    .selectAll('f')
    .select([
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'screenings.sitting_date',
      'screenings.mode as sitting_mode',
      'screenings.rag',
      'screenings.rag_reason',
      'assignee.display_name as assignee_name',
      'decider.display_name as decided_by_name'
    ])
}

type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpQuery>['executeTakeFirstOrThrow']>>

function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    personId: row.person_id,
    personName: displayName(row),
    screeningId: row.screening_id,
    sittingDate: row.sitting_date,
    sittingMode: row.sitting_mode,
    rag: row.rag,
    ragReason: row.rag_reason,
    reason: row.reason,
    route: row.route,
    caseId: row.case_id,
    assigneeName: row.assignee_name,
    status: row.status,
    decision: row.decision,
    decisionNote: row.decision_note,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    createdAt: row.created_at
  }
}

/**
 * A person's follow-ups, open and decided; or, without a person, the team's worklist: every
 * open decision on a result with no open case, that the caller may see.
 */
export async function listFollowUps(
  call: CallContext,
  input: { personId?: string | undefined; page?: { offset: number; limit: number } | undefined }
): Promise<{ rows: FollowUp[]; total: number }> {
  const user = currentUser(call)
  const page = input.page ?? { offset: 0, limit: 50 }
  if (input.personId) await requirePersonAccess(call, input.personId)
  const ordered = followUpOrder(call, user.id, input.personId)
  const total = input.personId
    ? Number(
        (
          await ordered
            .clearSelect()
            .clearOrderBy()
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0
      )
    : await countTeamDecisions(call.db, user.id)
  const ids = await ordered.limit(page.limit).offset(page.offset).execute()
  if (ids.length === 0) return { rows: [], total }
  const rows = await followUpQuery(call.db)
    .where(
      'f.id',
      'in',
      ids.map((row) => row.id)
    )
    .execute()
  const byId = new Map(rows.map((row) => [row.id, row]))
  return { rows: ids.flatMap((row) => (byId.has(row.id) ? [toFollowUp(byId.get(row.id) as FollowUpRow)] : [])), total }
}

/**
 * The ids of a person's follow-ups, or of the team's open decisions, that the user may see:
 * open first, then most serious (red, unassessed risk, amber), oldest first within each, ties
 * broken for good (person, then row) so pages never overlap. This is the worklist index's own
 * order (0090), so the team's page is read off it without sorting every open result.
 */
export function followUpOrder({ db, dialect }: Queries, userId: string, personId?: string) {
  const visible = db.selectFrom('screening_follow_ups as f').innerJoin('people', 'people.id', 'f.person_id').where(visibleTo(userId))
  const chosen = personId
    ? visible.where('f.person_id', '=', personId)
    : visible.where('f.status', '=', 'open').where('f.route', '=', 'team-decision')
  return chosen
    .select('f.id')
    .orderBy('f.status', 'desc')
    .orderBy('f.severity', 'desc')
    .orderBy('f.created_at')
    .orderBy('f.person_id')
    .orderBy(dialect.insertionOrder('f'))
}

/**
 * How many open team decisions the user may see: all of them less those of restricted people
 * who do not name the user, both counted off the worklist index (which holds the person).
 * Restricted people are few and have an index of their own; looking up every open result's
 * person instead took over 30 ms at 50,000 people.
 */
export async function countTeamDecisions(db: Db, userId: string): Promise<number> {
  const open = db.selectFrom('screening_follow_ups as f').where('f.status', '=', 'open').where('f.route', '=', 'team-decision')
  // A literal condition (not a parameter), so SQLite reads restricted people from their own index.
  const hiddenPeople = db
    .selectFrom('people')
    .select('people.id')
    .where(sql<boolean>`people.restricted = 1 AND NOT ${visibleTo(userId)}`)
  const all = await open.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
  const hidden = await open
    .where('f.person_id', 'in', hiddenPeople)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(all?.n ?? 0) - Number(hidden?.n ?? 0)
}

/**
 * Records what was decided: for a team decision, why no case is needed (opening a case
 * decides it too); for a case review, what the review decided, which completes its task and
 * goes on the case as a note.
 */
export async function decideFollowUp(
  call: CallContext,
  input: { followUpId: string; decision: 'no-case' | 'reviewed'; note: string }
): Promise<FollowUp> {
  const user = currentUser(call)
  const row = await followUpQuery(call.db).where('f.id', '=', input.followUpId).executeTakeFirst()
  if (!row) throw new CoreError('not-found', 'There is no such screening result to decide on.')
  await requirePersonAccess(call, row.person_id)
  if (row.status === 'decided') throw new CoreError('conflict', 'A decision has already been recorded for this result.')
  if (row.route === 'team-decision' && input.decision !== 'no-case') {
    throw new CoreError('invalid-input', 'Open a case for this person, or record why no case is needed.', ['decision'])
  }
  if (row.route === 'case-review' && input.decision !== 'reviewed') {
    throw new CoreError('invalid-input', 'This result belongs to an open case: record what the review decided.', ['decision'])
  }
  const now = call.core.clock().toISOString()
  await call.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('screening_follow_ups')
      .set({ status: 'decided', decision: input.decision, decision_note: input.note, decided_by: user.id, decided_at: now })
      .where('id', '=', row.id)
      .execute()
    if (row.task_id)
      await trx
        .updateTable('tasks')
        .set({ status: 'done', completed_at: now, completed_by: user.id })
        .where('id', '=', row.task_id)
        .where('status', '=', 'open')
        .execute()
    const caseId = row.case_id
    const stillOpen = caseId
      ? await trx.selectFrom('cases').select('id').where('id', '=', caseId).where('status', '<>', 'closed').executeTakeFirst()
      : undefined
    if (stillOpen) {
      const text = `Screening result reviewed (${row.rag} result of ${formatCalendarDate(row.sitting_date)}${row.rag_reason ? `: ${row.rag_reason}` : ''}).\nDecision: ${input.note}`
      await trx
        .insertInto('notes')
        .values({
          id: randomUUID(),
          case_id: stillOpen.id,
          person_id: row.person_id,
          type: 'other',
          contact_date: todayInLondon(call.core.clock()),
          text,
          author_id: user.id,
          amends_note_id: null,
          amendment_reason: null,
          created_at: now
        })
        .execute()
    }
    await appendAudit(
      trx,
      { actorId: user.id, action: 'follow-up.decided', entityType: 'follow-up', entityId: row.id, detail: input.decision },
      call.core.clock()
    )
  })
  return toFollowUp(await followUpQuery(call.db).where('f.id', '=', row.id).executeTakeFirstOrThrow())
}

/**
 * Where a sitting's follow-up went, read back from what the save wrote: the urgent task of
 * each alert it raised, its review task, or the team's decision list.
 */
export async function savedFollowUpOf(db: Db, screeningId: string): Promise<SavedFollowUp> {
  const alerts = await db
    .selectFrom('alerts')
    .innerJoin('tasks', 'tasks.id', 'alerts.task_id')
    .innerJoin('users', 'users.id', 'tasks.assignee_id')
    .select(['users.id', 'users.display_name'])
    .where('alerts.screening_id', '=', screeningId)
    .execute()
  const followUp = await db
    .selectFrom('screening_follow_ups as f')
    .leftJoin('tasks', 'tasks.id', 'f.task_id')
    .leftJoin('users', 'users.id', 'tasks.assignee_id')
    .select(['f.route', 'users.id', 'users.display_name'])
    .where('f.screening_id', '=', screeningId)
    .where('f.status', '=', 'open')
    .executeTakeFirst()
  return {
    urgentTaskTo: [...new Map(alerts.map((row) => [row.id, { id: row.id, name: row.display_name }])).values()],
    reviewTaskTo:
      followUp?.route === 'case-review' && followUp.id && followUp.display_name ? { id: followUp.id, name: followUp.display_name } : null,
    teamDecision: followUp?.route === 'team-decision'
  }
}
