import { randomUUID } from 'node:crypto'
import { todayInLondon } from '../../../shared/calendar-date'
import type { TrimAssessment } from '../../../shared/contract/trim'
import { referralPromptReasons, trimScore, type AssessmentKind, type AssessmentOutcome } from '../../../shared/trim/assessment'
import { requireTrimOfferAccess } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { TrimPromptRoute } from '../store/schema-trim'
import { openCaseOf } from './screening-alerts'
import { currentUser } from './session-helpers'
import { readTrimSettings } from './trim'
import { addReferralPromptTask } from './trim-prompt-tasks'
import { trimAssessmentById } from './trim-worklist'

/**
 * A TRiM practitioner records an assessment for a person assigned to them: each risk factor in
 * the catalogue present or absent, the outcome, and at a follow-up whether there is persistent
 * difficulty. The core counts the score and applies the prompt rule (shared/trim/assessment.ts,
 * threshold from `trimSettings`). A prompted referral becomes a task, "A TRiM assessment suggests
 * a referral", routed as other work that a result leads to: the holder of the person's open case
 * (who can sign in); else the coordinator who planned TRiM, if a clinician who can sign in; else
 * the team: it waits on every clinician's caseload screen until one takes it on
 * (services/trim-team-prompts.ts). Recording the
 * assessment closes its task. The audit holds ids only.
 */
const kindLabel: Record<AssessmentKind, string> = { initial: 'initial assessment', 'follow-up': 'follow-up' }

export async function recordTrimAssessment(
  call: CallContext,
  input: {
    offerId: string
    kind: AssessmentKind
    assessedOn: string
    factors: { factorId: string; present: boolean }[]
    outcome: AssessmentOutcome
    persistentDifficulty: boolean | null
  }
): Promise<{ assessment: TrimAssessment }> {
  const user = currentUser(call)
  const now = call.core.clock()
  const today = todayInLondon(now)
  const access = await requireTrimOfferAccess(call, input.offerId, 'record')
  const offer = await call.db
    .selectFrom('trim_offers')
    .innerJoin('trim_plans', 'trim_plans.id', 'trim_offers.plan_id')
    .innerJoin('incidents', 'incidents.id', 'trim_offers.incident_id')
    .select(['trim_offers.initial_task_id', 'trim_offers.follow_up_task_id', 'trim_plans.planned_by', 'incidents.occurred_on'])
    .where('trim_offers.id', '=', input.offerId)
    .executeTakeFirstOrThrow()
  if (input.assessedOn > today) throw new CoreError('invalid-input', 'The date of the assessment cannot be in the future.', ['assessedOn'])
  if (input.assessedOn < offer.occurred_on)
    throw new CoreError('invalid-input', 'The date of the assessment cannot be before the incident.', ['assessedOn'])
  const done = await call.db
    .selectFrom('trim_assessments')
    .select('id')
    .where('offer_id', '=', input.offerId)
    .where('kind', '=', input.kind)
    .executeTakeFirst()
  if (done) throw new CoreError('conflict', `The ${kindLabel[input.kind]} for this person has already been recorded.`)

  // Every factor the catalogue asks about now, each once, and no other.
  const catalogue = (
    await call.db.selectFrom('trim_risk_factors').select('id').where('retired', '=', 0).orderBy('sort_order').execute()
  ).map((row) => row.id)
  const given = new Map<string, boolean>()
  for (const factor of input.factors) {
    if (!catalogue.includes(factor.factorId) || given.has(factor.factorId))
      throw new CoreError('invalid-input', 'The risk factors have changed. Reload the assessment and record each one.', ['factors'])
    given.set(factor.factorId, factor.present)
  }
  if (given.size !== catalogue.length) throw new CoreError('invalid-input', 'Record each risk factor as present or absent.', ['factors'])

  const factors = catalogue.map((id) => ({ id, present: given.get(id) === true }))
  const score = trimScore(factors)
  const persistentDifficulty = input.kind === 'follow-up' ? input.persistentDifficulty : null
  const { referralThreshold } = await readTrimSettings(call)
  const reasons = referralPromptReasons({ kind: input.kind, score, persistentDifficulty, threshold: referralThreshold })

  let route: TrimPromptRoute | null = null
  let assigneeId: string | null = null
  let caseId: string | null = null
  if (reasons.length > 0) {
    const openCase = await openCaseOf(call.db, access.personId)
    const planner = await call.db
      .selectFrom('users')
      .select(['id', 'roles', 'status'])
      .where('id', '=', offer.planned_by)
      .executeTakeFirst()
    const plannerIsClinician = planner?.status === 'active' && (JSON.parse(planner.roles) as string[]).includes('clinician')
    if (openCase?.holderCanSignIn) {
      route = 'case-holder'
      assigneeId = openCase.clinicianId
      caseId = openCase.id
    } else if (plannerIsClinician) {
      route = 'planner'
      assigneeId = offer.planned_by
    } else route = 'team'
  }

  const id = randomUUID()
  await call.db.transaction().execute(async (trx) => {
    const promptTaskId = assigneeId
      ? await addReferralPromptTask(trx, { personId: access.personId, assigneeId, caseId, actorId: user.id, now })
      : null
    await trx
      .insertInto('trim_assessments')
      .values({
        id,
        offer_id: input.offerId,
        person_id: access.personId,
        practitioner_id: access.practitionerId,
        kind: input.kind,
        assessed_on: input.assessedOn,
        factors_present: JSON.stringify(factors.filter((f) => f.present).map((f) => f.id)),
        factors_considered: JSON.stringify(catalogue),
        score,
        outcome: input.outcome,
        persistent_difficulty: persistentDifficulty === null ? null : persistentDifficulty ? 1 : 0,
        prompted: reasons.length > 0 ? 1 : 0,
        prompt_reasons: JSON.stringify(reasons),
        prompt_route: route,
        prompt_assignee_id: assigneeId,
        prompt_task_id: promptTaskId,
        assessed_by: user.id,
        created_at: now.toISOString()
      })
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'trim.assessed', entityType: 'person', entityId: access.personId }, now)
    const taskId = input.kind === 'initial' ? offer.initial_task_id : offer.follow_up_task_id
    await trx
      .updateTable('tasks')
      .set({ status: 'done', completed_at: now.toISOString(), completed_by: user.id })
      .where('id', '=', taskId)
      .where('status', '=', 'open')
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'task.completed', entityType: 'task', entityId: taskId }, now)
  })
  return { assessment: await trimAssessmentById(call.db, input.offerId, id) }
}
