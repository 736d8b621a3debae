import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { z } from 'zod'
import { todayInLondon } from '../../../shared/calendar-date'
import {
  caseReasonNames,
  type CaseRecord,
  type SafetyWork,
  type openCaseInput,
  type Pathway,
  type updateCaseInput
} from '../../../shared/contract/cases'
import { missingOrRefused, requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { nextVersion, refuseIfChangedSince } from './record-versions'
import { appendAudit } from '../store/audit'
import { isDuplicateKey } from '../store/dialect'
import { clearDraft } from '../store/drafts'
import type { HarbourDatabase } from '../store/schema'
import type { CasesTable } from '../store/schema-caseload'
import { openSafetyWork } from './case-safety-work'
import { requireActiveClinician } from './clinicians'
import { resolveTeamDecisions } from './screening-follow-ups'
import { recordOfferFromCase } from './bereavement-from-case'
import { changedFields, currentUser } from './session-helpers'
import { syncRuleTask } from './tasks'
import { refuseFutureDate } from './refuse-future-date'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/** The holder's task when someone else closed their case with safety work open. */
const caseClosedSource = 'rule:case-closed-by-other'

export function caseQuery(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.assigned_clinician_id')
    .leftJoin('users as opener', 'opener.id', 'cases.opened_by')
    .selectAll('cases')
    .select(['users.display_name as clinician_name', 'users.status as clinician_status', 'opener.display_name as opener_name'])
}

export function toCase(
  row: Selectable<CasesTable> & { clinician_name: string; clinician_status: 'active' | 'disabled'; opener_name: string | null }
): CaseRecord {
  return {
    id: row.id,
    personId: row.person_id,
    reason: row.reason as CaseRecord['reason'],
    assignedClinicianId: row.assigned_clinician_id,
    assignedClinicianName: row.clinician_name,
    assignedClinicianActive: row.clinician_status === 'active',
    openedById: row.opened_by,
    openedByName: row.opener_name,
    status: row.status as CaseRecord['status'],
    priority: row.priority as CaseRecord['priority'],
    nextReviewDate: row.next_review_date,
    flags: JSON.parse(row.flags) as CaseRecord['flags'],
    pathway: JSON.parse(row.pathway) as Pathway,
    lastContactDate: row.last_contact_date,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    closureOutcome: row.closure_outcome,
    version: row.version
  }
}

/** A case the caller may see (through its person), or a refusal. */
export async function requireVisibleCase(call: CallContext, id: string): Promise<CaseRecord> {
  const row = await caseQuery(call.db).where('cases.id', '=', id).executeTakeFirst()
  if (!row) return missingOrRefused(call, 'cases', id, 'There is no such case.')
  await requirePersonAccess(call, row.person_id)
  return toCase(row)
}

/** The pathways the guidance names must carry their own facts. */
function checkPathway(reason: string, pathway: Pathway): void {
  if (reason === 'bereavement' && !pathway.bereavement) {
    throw new CoreError('invalid-input', 'Record when bereavement counselling was offered, and the answer.', ['pathway.bereavement'])
  }
  if (reason === 'internal-abuse-report' && !pathway.internalAbuse) {
    throw new CoreError('invalid-input', 'Record what was reported.', ['pathway.internalAbuse'])
  }
}

/** Tasks the case's dates call for: the next review, and each date of an investigation. */
export async function syncCaseTasks(
  trx: Db,
  record: Pick<CasesTable, 'id' | 'person_id' | 'assigned_clinician_id' | 'next_review_date' | 'status'> & { pathway: Pathway },
  now: string
) {
  const open = record.status !== 'closed'
  const base = { assigneeId: record.assigned_clinician_id, personId: record.person_id, caseId: record.id }
  await syncRuleTask(
    trx,
    { ...base, key: `review:${record.id}`, title: 'Case review', dueDate: open ? record.next_review_date : null, source: 'rule:review' },
    now
  )
  const investigation = record.pathway.investigation
  await syncRuleTask(
    trx,
    {
      ...base,
      key: `notice:${record.id}`,
      title: 'Welfare contact: notice served',
      dueDate: open ? (investigation?.noticeDate ?? null) : null,
      source: 'rule:investigation'
    },
    now
  )
  await syncRuleTask(
    trx,
    {
      ...base,
      key: `hearing:${record.id}`,
      title: 'Welfare review before hearing',
      dueDate: open ? (investigation?.nextHearingDate ?? null) : null,
      source: 'rule:investigation'
    },
    now
  )
}

/** Counselling cannot have been offered on a day still to come. */
function refuseFutureOffer(pathway: Pathway, today: string): void {
  const offeredOn = pathway.bereavement?.counsellingOfferedOn
  if (offeredOn) refuseFutureDate(offeredOn, today, 'pathway.bereavement', 'The date counselling was offered')
}

/** A review set in the past would be overdue the moment it is saved: almost always a typing slip. */
function refusePastReview(date: string | null | undefined, today: string): void {
  if (date && date < today)
    throw new CoreError('invalid-input', 'The next review cannot be in the past. Enter today or a later date.', ['nextReviewDate'])
}

export async function openCase(call: CallContext, input: z.output<typeof openCaseInput>): Promise<CaseRecord> {
  const { db, core } = call
  const user = currentUser(call)
  await requirePersonAccess(call, input.personId)
  const clinicianId = input.assignedClinicianId ?? user.id
  await requireActiveClinician(db, clinicianId, 'assignedClinicianId')
  checkPathway(input.reason, input.pathway)
  const today = todayInLondon(core.clock())
  refusePastReview(input.nextReviewDate, today)
  refuseFutureOffer(input.pathway, today)
  const id = randomUUID()
  const now = core.clock().toISOString()
  const row = {
    id,
    person_id: input.personId,
    reason: input.reason,
    assigned_clinician_id: clinicianId,
    status: 'open',
    priority: input.priority,
    next_review_date: input.nextReviewDate,
    flags: JSON.stringify(input.flags),
    pathway: JSON.stringify(input.pathway),
    last_contact_date: null,
    opened_on: todayInLondon(core.clock()),
    closed_on: null,
    closure_outcome: null,
    created_at: now,
    updated_at: now,
    opened_by: user.id,
    version: 1,
    updated_by: user.id
  } satisfies Insertable<CasesTable>
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('cases').values(row).execute()
      await syncCaseTasks(trx, { ...row, pathway: input.pathway }, now)
      if (input.pathway.bereavement)
        await recordOfferFromCase(trx, {
          personId: input.personId,
          caseId: id,
          offer: input.pathway.bereavement,
          userId: user.id,
          now: core.clock(),
          today
        })
      // Opening a case is the team's decision on any screening result that was waiting for one.
      await resolveTeamDecisions(trx, call, input.personId, { id, clinicianId })
      await appendAudit(
        trx,
        { actorId: user.id, action: 'case.opened', entityType: 'case', entityId: id, detail: input.reason },
        core.clock()
      )
      await clearDraft(trx, user.id, 'open-case', input.personId)
    })
  } catch (error) {
    if (isDuplicateKey(error)) {
      throw new CoreError('conflict', `This person already has an open ${caseReasonNames[input.reason].toLowerCase()} case.`, ['reason'])
    }
    throw error
  }
  return requireVisibleCase(call, id)
}

export async function updateCase(call: CallContext, input: z.output<typeof updateCaseInput>): Promise<CaseRecord> {
  const { db, core } = call
  const user = currentUser(call)
  const before = await requireVisibleCase(call, input.id)
  if (before.status === 'closed') throw new CoreError('conflict', 'This case is closed. Open a new case instead.')
  const next = {
    status: input.status ?? before.status,
    priority: input.priority ?? before.priority,
    nextReviewDate: input.nextReviewDate === undefined ? before.nextReviewDate : input.nextReviewDate,
    flags: input.flags ?? before.flags,
    pathway: input.pathway ?? before.pathway
  }
  checkPathway(before.reason, next.pathway)
  if (next.nextReviewDate !== before.nextReviewDate) refusePastReview(next.nextReviewDate, todayInLondon(core.clock()))
  if (JSON.stringify(next.pathway.bereavement) !== JSON.stringify(before.pathway.bereavement))
    refuseFutureOffer(next.pathway, todayInLondon(core.clock()))
  const changed = changedFields(before as unknown as Record<string, unknown>, next)
  if (changed.length === 0) return before
  const now = core.clock().toISOString()
  await db.transaction().execute(async (trx) => {
    const saved = await trx
      .updateTable('cases')
      .set({
        status: next.status,
        priority: next.priority,
        next_review_date: next.nextReviewDate,
        flags: JSON.stringify(next.flags),
        pathway: JSON.stringify(next.pathway),
        updated_at: now,
        ...nextVersion(user.id)
      })
      .where('id', '=', input.id)
      .$if(input.version !== undefined, (query) => query.where('version', '=', input.version ?? 0))
      .executeTakeFirst()
    await refuseIfChangedSince(trx, 'cases', input.id, input.version, saved)
    await syncCaseTasks(
      trx,
      {
        id: before.id,
        person_id: before.personId,
        assigned_clinician_id: before.assignedClinicianId,
        next_review_date: next.nextReviewDate,
        status: next.status,
        pathway: next.pathway
      },
      now
    )
    const offer = next.pathway.bereavement
    if (offer && JSON.stringify(offer) !== JSON.stringify(before.pathway.bereavement))
      await recordOfferFromCase(trx, {
        personId: before.personId,
        caseId: before.id,
        offer,
        userId: user.id,
        now: core.clock(),
        today: todayInLondon(core.clock())
      })
    await appendAudit(
      trx,
      { actorId: user.id, action: 'case.updated', entityType: 'case', entityId: input.id, detail: changed.join(',') },
      core.clock()
    )
  })
  return requireVisibleCase(call, input.id)
}

/** What closing this case would leave open, for the window to list before it asks. */
export async function caseSafetyWork(call: CallContext, input: { id: string }): Promise<SafetyWork[]> {
  const record = await requireVisibleCase(call, input.id)
  return record.status === 'closed' ? [] : openSafetyWork(call.db, record)
}

/**
 * Closes a case. Open safety work stays open (closing never closes it), so the closer must
 * confirm having seen it; when the closer is not the holder, the holder gets a task saying so.
 */
export async function closeCase(
  call: CallContext,
  input: { id: string; outcome: string; closedOn?: string | undefined; confirmOpenSafetyWork?: true | undefined }
): Promise<CaseRecord> {
  const { db, core } = call
  const user = currentUser(call)
  const before = await requireVisibleCase(call, input.id)
  if (before.status === 'closed') throw new CoreError('conflict', 'This case is already closed.')
  const today = todayInLondon(core.clock())
  const closedOn = input.closedOn ?? today
  if (closedOn < before.openedOn)
    throw new CoreError('invalid-input', 'The closing date must be on or after the date the case opened.', ['closedOn'])
  refuseFutureDate(closedOn, today, 'closedOn', 'The closing date')
  const now = core.clock().toISOString()
  await db.transaction().execute(async (trx) => {
    // Read inside the transaction, so what was confirmed is what is left open.
    const safety = await openSafetyWork(trx, before)
    if (safety.length > 0 && input.confirmOpenSafetyWork !== true) {
      const items = safety.length === 1 ? '1 item' : `${safety.length} items`
      throw new CoreError(
        'conflict',
        `This case has open safety work (${items}). Nothing was changed: review the list and confirm that you want to close the case; the safety work stays open.`
      )
    }
    await trx
      .updateTable('cases')
      .set({ status: 'closed', closed_on: closedOn, closure_outcome: input.outcome, updated_at: now, ...nextVersion(user.id) })
      .where('id', '=', input.id)
      .execute()
    await syncCaseTasks(
      trx,
      {
        id: before.id,
        person_id: before.personId,
        assigned_clinician_id: before.assignedClinicianId,
        next_review_date: null,
        status: 'closed',
        pathway: before.pathway
      },
      now
    )
    if (safety.length > 0 && before.assignedClinicianId !== user.id) {
      const taskId = randomUUID()
      await trx
        .insertInto('tasks')
        .values({
          id: taskId,
          title: `${user.displayName} closed your case with safety work still open: check it is followed up`,
          due_date: today,
          assignee_id: before.assignedClinicianId,
          person_id: before.personId,
          case_id: before.id,
          source: caseClosedSource,
          rule_key: null,
          status: 'open',
          completed_at: null,
          completed_by: null,
          created_by: user.id,
          created_at: now,
          priority: 'top'
        })
        .execute()
      await appendAudit(trx, { actorId: user.id, action: 'task.created', entityType: 'task', entityId: taskId }, core.clock())
    }
    // Counts only: which work was open is in the record, never in the audit.
    await appendAudit(
      trx,
      {
        actorId: user.id,
        action: 'case.closed',
        entityType: 'case',
        entityId: input.id,
        ...(safety.length > 0 ? { detail: `open-safety-work:${safety.length}` } : {})
      },
      core.clock()
    )
  })
  return requireVisibleCase(call, input.id)
}

export async function casesForPerson(call: CallContext, input: { personId: string }): Promise<CaseRecord[]> {
  await requirePersonAccess(call, input.personId)
  const rows = await caseQuery(call.db).where('cases.person_id', '=', input.personId).orderBy('cases.opened_on', 'desc').execute()
  return rows.map(toCase)
}
