import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { TrimTeamPrompt } from '../../../shared/contract/trim'
import { referralAnswersPrompt, type PromptReason } from '../../../shared/trim/assessment'
import { missingOrRefused, requirePersonAccess, visibleTo } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { isDuplicateKey } from '../store/dialect'
import { displayName } from './people'
import { openCaseOf } from './screening-alerts'
import { currentUser } from './session-helpers'
import { addReferralPromptTask } from './trim-prompt-tasks'

/**
 * TRiM referral prompts that went to the whole team: the assessment prompted a referral, and no
 * clinician held the person's case or planned TRiM, so no one was given the task. Such a prompt
 * must not wait unseen on a person page nobody opens: it waits on every clinician's caseload
 * screen, oldest first, until one takes it on and gets the task (migration 0210 keeps who).
 */
export async function trimTeamPrompts(call: CallContext): Promise<TrimTeamPrompt[]> {
  const user = currentUser(call)
  const rows = await call.db
    .selectFrom('trim_assessments as a')
    .innerJoin('people', 'people.id', 'a.person_id')
    .innerJoin('trim_offers as o', 'o.id', 'a.offer_id')
    .innerJoin('incidents', 'incidents.id', 'o.incident_id')
    .innerJoin('incident_categories as c', 'c.id', 'incidents.category_id')
    .leftJoin('trim_prompt_claims as claim', 'claim.assessment_id', 'a.id')
    .where('a.prompt_route', '=', 'team')
    .where('claim.assessment_id', 'is', null)
    .where(visibleTo(user.id))
    .select([
      'a.id',
      'a.person_id',
      'a.kind',
      'a.assessed_on',
      'a.score',
      'a.prompt_reasons',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number',
      'incidents.occurred_on',
      'c.name as category_name'
    ])
    .orderBy('a.assessed_on')
    .orderBy('people.family_name')
    .execute()
  // A referral made for the person since the assessment answers the prompt (shared/trim/assessment.ts).
  const madeOn = new Map<string, string[]>()
  if (rows.length > 0) {
    const referrals = await call.db
      .selectFrom('referrals')
      .select(['person_id', 'created_at'])
      .where(
        'person_id',
        'in',
        rows.map((row) => row.person_id)
      )
      .execute()
    for (const referral of referrals)
      madeOn.set(referral.person_id, [...(madeOn.get(referral.person_id) ?? []), todayInLondon(new Date(referral.created_at))])
  }
  const waiting = rows.filter((row) => !(madeOn.get(row.person_id) ?? []).some((on) => referralAnswersPrompt(on, row.assessed_on)))
  return waiting.map((row) => ({
    assessmentId: row.id,
    personId: row.person_id,
    personName: displayName(row),
    staffNumber: row.staff_number,
    kind: row.kind,
    assessedOn: row.assessed_on,
    score: row.score,
    reasons: JSON.parse(row.prompt_reasons) as PromptReason[],
    incidentCategory: row.category_name,
    incidentDate: row.occurred_on
  }))
}

/** The caller takes on a team prompt: the referral task becomes theirs, and the prompt leaves the team's list. */
export async function takeTrimPrompt(call: CallContext, input: { assessmentId: string }): Promise<{ taskId: string; personName: string }> {
  const user = currentUser(call)
  const now = call.core.clock()
  const assessment = await call.db
    .selectFrom('trim_assessments')
    .select(['person_id', 'prompt_route'])
    .where('id', '=', input.assessmentId)
    .executeTakeFirst()
  if (!assessment)
    return missingOrRefused(call, 'trim_assessments', input.assessmentId, 'This TRiM assessment could not be found. Reload the list.')
  await requirePersonAccess(call, assessment.person_id)
  const person = await call.db
    .selectFrom('people')
    .select(['given_name', 'family_name', 'preferred_name'])
    .where('id', '=', assessment.person_id)
    .executeTakeFirstOrThrow()
  const personName = displayName(person)
  if (assessment.prompt_route !== 'team')
    throw new CoreError('conflict', `The referral prompt for ${personName} already went to a clinician as a task.`)
  const refuseTaken = async () => {
    const claim = await call.db
      .selectFrom('trim_prompt_claims as claim')
      .innerJoin('users', 'users.id', 'claim.clinician_id')
      .select(['users.display_name', 'claim.claimed_at'])
      .where('claim.assessment_id', '=', input.assessmentId)
      .executeTakeFirst()
    if (claim)
      throw new CoreError(
        'conflict',
        `${claim.display_name} took on the referral prompt for ${personName} on ${formatCalendarDate(todayInLondon(new Date(claim.claimed_at)))}.`
      )
  }
  await refuseTaken()
  const openCase = await openCaseOf(call.db, assessment.person_id)
  let taskId = ''
  try {
    await call.db.transaction().execute(async (trx) => {
      taskId = await addReferralPromptTask(trx, {
        personId: assessment.person_id,
        assigneeId: user.id,
        caseId: openCase?.id ?? null,
        actorId: user.id,
        now
      })
      await trx
        .insertInto('trim_prompt_claims')
        .values({
          assessment_id: input.assessmentId,
          person_id: assessment.person_id,
          clinician_id: user.id,
          task_id: taskId,
          claimed_at: now.toISOString()
        })
        .execute()
      await appendAudit(trx, { actorId: user.id, action: 'trim.prompt-taken', entityType: 'person', entityId: assessment.person_id }, now)
    })
  } catch (error) {
    if (isDuplicateKey(error)) await refuseTaken()
    throw error
  }
  return { taskId, personName }
}
