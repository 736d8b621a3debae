import { randomUUID } from 'node:crypto'
import { todayInLondon } from '../../../shared/calendar-date'
import type { TrimPlan } from '../../../shared/contract/trim'
import {
  followUpAssessmentTitle,
  initialAssessmentTitle,
  trimFollowUpSource,
  trimInitialSource,
  type NotNeededReason,
  type PlanDecision
} from '../../../shared/trim/planning'
import { trimDueDates } from '../../../shared/trim/timing'
import { requirePersonAccess, visibleTo } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { incidentsAwaitingTrimPlan } from './incidents'
import { displayName } from './people'
import { currentUser } from './session-helpers'
import { listTrimPractitioners, readTrimSettings } from './trim'

/**
 * The TRiM coordinator's planning decision for an incident, and who is offered TRiM. For each
 * person offered, in one transaction: the offer, naming the practitioner, and two tasks for that
 * practitioner, the initial assessment and the follow-up, due the `trimSettings` days after the
 * incident's date (shared/trim/timing.ts). One decision per incident. Each person offered must be
 * among those exposed in the incident and one the coordinator may see; anything wrong refuses
 * the whole plan. The audit holds ids only.
 */
export async function planTrim(
  call: CallContext,
  input: {
    incidentId: string
    decidedOn: string
    decision: PlanDecision
    notNeededReason: NotNeededReason | null
    offers: { personId: string; practitionerId: string }[]
  }
): Promise<TrimPlan> {
  const user = currentUser(call)
  const now = call.core.clock()
  const today = todayInLondon(now)
  const incident = await call.db.selectFrom('incidents').select(['id', 'occurred_on']).where('id', '=', input.incidentId).executeTakeFirst()
  if (!incident) throw new CoreError('not-found', 'There is no such incident.')
  if (input.decidedOn > today)
    throw new CoreError('invalid-input', 'The date of the planning decision cannot be in the future.', ['decidedOn'])
  if (input.decidedOn < incident.occurred_on)
    throw new CoreError('invalid-input', 'The date of the planning decision cannot be before the incident.', ['decidedOn'])
  const existing = await call.db.selectFrom('trim_plans').select('id').where('incident_id', '=', input.incidentId).executeTakeFirst()
  if (existing) throw new CoreError('conflict', 'TRiM has already been planned for this incident.')

  const practitioners = new Set((await listTrimPractitioners(call)).map((p) => p.id))
  const exposed = new Set(
    (await call.db.selectFrom('exposures').select('person_id').where('incident_id', '=', input.incidentId).execute()).map(
      (row) => row.person_id
    )
  )
  const seen = new Set<string>()
  for (const offer of input.offers) {
    if (!practitioners.has(offer.practitionerId))
      throw new CoreError('invalid-input', 'Choose an active TRiM practitioner for each person offered.', ['practitionerId'])
    if (!exposed.has(offer.personId))
      throw new CoreError('invalid-input', 'Offer TRiM only to people exposed in this incident.', ['offers'])
    if (seen.has(offer.personId)) throw new CoreError('invalid-input', 'List each person offered TRiM once.', ['offers'])
    seen.add(offer.personId)
    await requirePersonAccess(call, offer.personId)
  }

  const settings = await readTrimSettings(call)
  const { initialDue, followUpDue } = trimDueDates(incident.occurred_on, settings)
  const planId = randomUUID()
  await call.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('trim_plans')
      .values({
        id: planId,
        incident_id: input.incidentId,
        decided_on: input.decidedOn,
        decision: input.decision,
        not_needed_reason: input.decision === 'not-needed' ? input.notNeededReason : null,
        planned_by: user.id,
        created_at: now.toISOString()
      })
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'trim.planned', entityType: 'incident', entityId: input.incidentId }, now)
    for (const offer of input.offers) {
      const taskIds = [randomUUID(), randomUUID()] as const
      const tasks = [
        { id: taskIds[0], title: initialAssessmentTitle, due: initialDue, source: trimInitialSource },
        { id: taskIds[1], title: followUpAssessmentTitle, due: followUpDue, source: trimFollowUpSource }
      ]
      for (const task of tasks) {
        await trx
          .insertInto('tasks')
          .values({
            id: task.id,
            title: task.title,
            due_date: task.due,
            assignee_id: offer.practitionerId,
            person_id: offer.personId,
            case_id: null,
            source: task.source,
            rule_key: null,
            status: 'open',
            completed_at: null,
            completed_by: null,
            created_by: user.id,
            created_at: now.toISOString()
          })
          .execute()
        await appendAudit(trx, { actorId: user.id, action: 'task.created', entityType: 'task', entityId: task.id }, now)
      }
      await trx
        .insertInto('trim_offers')
        .values({
          id: randomUUID(),
          plan_id: planId,
          incident_id: input.incidentId,
          person_id: offer.personId,
          practitioner_id: offer.practitionerId,
          initial_due: initialDue,
          follow_up_due: followUpDue,
          initial_task_id: taskIds[0],
          follow_up_task_id: taskIds[1],
          created_at: now.toISOString()
        })
        .execute()
      await appendAudit(trx, { actorId: user.id, action: 'trim.offered', entityType: 'person', entityId: offer.personId }, now)
    }
  })
  const plan = await trimPlanForIncident(call, { incidentId: input.incidentId })
  if (!plan) throw new CoreError('internal', 'Nothing was changed.')
  return plan
}

/** The incident's planning decision and the offers the caller may see, or null if none is recorded. */
export async function trimPlanForIncident(call: CallContext, input: { incidentId: string }): Promise<TrimPlan | null> {
  const user = currentUser(call)
  const plan = await call.db
    .selectFrom('trim_plans')
    .innerJoin('users', 'users.id', 'trim_plans.planned_by')
    .select([
      'trim_plans.id',
      'trim_plans.incident_id',
      'trim_plans.decided_on',
      'trim_plans.decision',
      'trim_plans.not_needed_reason',
      'users.display_name'
    ])
    .where('trim_plans.incident_id', '=', input.incidentId)
    .executeTakeFirst()
  if (!plan) return null
  let offers = call.db
    .selectFrom('trim_offers')
    .innerJoin('people', 'people.id', 'trim_offers.person_id')
    .innerJoin('users', 'users.id', 'trim_offers.practitioner_id')
    .select([
      'trim_offers.id',
      'trim_offers.person_id',
      'trim_offers.practitioner_id',
      'trim_offers.initial_due',
      'trim_offers.follow_up_due',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number',
      'users.display_name as practitioner_name'
    ])
    .where('trim_offers.plan_id', '=', plan.id)
  // A clinician sees the people they may see; a coordinator who is only a TRiM practitioner, their own.
  offers = user.roles.includes('clinician') ? offers.where(visibleTo(user.id)) : offers.where('trim_offers.practitioner_id', '=', user.id)
  const rows = await offers.orderBy('people.family_name').orderBy('people.given_name').execute()
  return {
    id: plan.id,
    incidentId: plan.incident_id,
    decidedOn: plan.decided_on,
    decision: plan.decision,
    notNeededReason: plan.not_needed_reason,
    plannedByName: plan.display_name,
    offers: rows.map((row) => ({
      id: row.id,
      personId: row.person_id,
      personName: displayName(row),
      staffNumber: row.staff_number,
      practitionerId: row.practitioner_id,
      practitionerName: row.practitioner_name,
      initialDue: row.initial_due,
      followUpDue: row.follow_up_due
    }))
  }
}

/** How many incidents awaiting a decision the TRiM screen lists: more than a team plans in weeks. */
export const incidentsToPlanLimit = 50

/**
 * The incidents still awaiting a planning decision, for a coordinator who plans from the TRiM
 * screen (one who is only a TRiM practitioner cannot open the Incidents screen). The people
 * exposed are those the caller may see, as on the Incidents screen.
 */
export async function incidentsToPlan(call: CallContext) {
  return incidentsAwaitingTrimPlan(call, incidentsToPlanLimit)
}
