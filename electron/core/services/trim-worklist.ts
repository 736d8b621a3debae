import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { PersonTrim, TrimAssessment, TrimWorkItem } from '../../../shared/contract/trim'
import { referralAnswersPrompt, type PromptReason } from '../../../shared/trim/assessment'
import { nextTrimAssessment } from '../../../shared/trim/timing'
import { requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import type { TrimPromptRoute } from '../store/schema-trim'
import { displayName } from './people'
import { currentUser } from './session-helpers'

/**
 * Reading TRiM: a practitioner's own worklist (the people assigned to them, nothing clinical),
 * and a person's TRiM for clinicians on the person page.
 */

/** The sentence the screen shows about who was asked to consider a referral. */
export function promptSentence(route: TrimPromptRoute, assigneeName: string | null, takenOnBy: string | null = null): string {
  if (route === 'case-holder')
    return `Referral prompted: ${assigneeName ?? 'the case holder'}, who holds the person’s case, has been given a task.`
  if (route === 'planner')
    return `Referral prompted: ${assigneeName ?? 'the coordinator'}, the clinician who planned TRiM, has been given a task.`
  if (takenOnBy) return `Referral prompted: no clinician held a case or planned TRiM; ${takenOnBy} took it on and has the task.`
  return 'Referral prompted: no clinician holds a case for this person or planned TRiM, so it waits on every clinician’s caseload screen until one takes it on.'
}

type Db = CallContext['db']

async function assessmentsFor(db: Db, offerIds: string[]): Promise<Map<string, TrimAssessment[]>> {
  const byOffer = new Map<string, TrimAssessment[]>()
  if (offerIds.length === 0) return byOffer
  const factorNames = new Map(
    (await db.selectFrom('trim_risk_factors').select(['id', 'name']).execute()).map((row) => [row.id, row.name] as const)
  )
  const rows = await db
    .selectFrom('trim_assessments')
    .innerJoin('users as assessor', 'assessor.id', 'trim_assessments.assessed_by')
    .leftJoin('users as asked', 'asked.id', 'trim_assessments.prompt_assignee_id')
    .leftJoin('trim_prompt_claims as claim', 'claim.assessment_id', 'trim_assessments.id')
    .leftJoin('users as taker', 'taker.id', 'claim.clinician_id')
    .select([
      'trim_assessments.id',
      'trim_assessments.offer_id',
      'trim_assessments.kind',
      'trim_assessments.assessed_on',
      'trim_assessments.factors_present',
      'trim_assessments.score',
      'trim_assessments.outcome',
      'trim_assessments.persistent_difficulty',
      'trim_assessments.prompted',
      'trim_assessments.prompt_route',
      'trim_assessments.prompt_reasons',
      'assessor.display_name as assessor_name',
      'asked.display_name as asked_name',
      'taker.display_name as taker_name'
    ])
    .where('trim_assessments.offer_id', 'in', offerIds)
    .orderBy('trim_assessments.assessed_on')
    .execute()
  for (const row of rows) {
    const present = JSON.parse(row.factors_present) as string[]
    const assessment: TrimAssessment = {
      id: row.id,
      offerId: row.offer_id,
      kind: row.kind,
      assessedOn: row.assessed_on,
      factorsPresent: present.map((id) => ({ id, name: factorNames.get(id) ?? id })),
      score: row.score,
      outcome: row.outcome,
      persistentDifficulty: row.persistent_difficulty === null ? null : row.persistent_difficulty === 1,
      assessedByName: row.assessor_name,
      prompt:
        row.prompted === 1 && row.prompt_route
          ? {
              route: row.prompt_route,
              assigneeName: row.asked_name,
              sentence: promptSentence(row.prompt_route, row.asked_name, row.taker_name),
              reasons: JSON.parse(row.prompt_reasons) as PromptReason[],
              answered: null
            }
          : null
    }
    byOffer.set(row.offer_id, [...(byOffer.get(row.offer_id) ?? []), assessment])
  }
  return byOffer
}

export async function trimAssessmentById(db: Db, offerId: string, assessmentId: string): Promise<TrimAssessment> {
  const found = (await assessmentsFor(db, [offerId])).get(offerId)?.find((a) => a.id === assessmentId)
  if (!found) throw new Error('The assessment just written could not be read back.')
  return found
}

function offerQuery(db: Db) {
  return db
    .selectFrom('trim_offers')
    .innerJoin('people', 'people.id', 'trim_offers.person_id')
    .innerJoin('incidents', 'incidents.id', 'trim_offers.incident_id')
    .innerJoin('incident_categories', 'incident_categories.id', 'incidents.category_id')
    .innerJoin('users as practitioner', 'practitioner.id', 'trim_offers.practitioner_id')
    .select([
      'trim_offers.id',
      'trim_offers.initial_due',
      'trim_offers.follow_up_due',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number',
      'incidents.id as incident_id',
      'incidents.occurred_on',
      'incidents.reference',
      'incident_categories.name as category_name',
      'practitioner.display_name as practitioner_name'
    ])
}

type OfferRow = Awaited<ReturnType<ReturnType<typeof offerQuery>['execute']>>[number]

function toWorkItem(row: OfferRow, assessments: Map<string, TrimAssessment[]>, today: string): TrimWorkItem {
  const recorded = (assessments.get(row.id) ?? []).map((a) => a.kind)
  return {
    offerId: row.id,
    personName: displayName(row),
    staffNumber: row.staff_number,
    incidentDate: row.occurred_on,
    incidentCategory: row.category_name,
    initialDue: row.initial_due,
    followUpDue: row.follow_up_due,
    assessments: assessments.get(row.id) ?? [],
    next: nextTrimAssessment({ initialDue: row.initial_due, followUpDue: row.follow_up_due, recorded, today })
  }
}

/** The caller's TRiM worklist: only the offers assigned to them, soonest due first. */
export async function trimWorklist(call: CallContext): Promise<TrimWorkItem[]> {
  const user = currentUser(call)
  const rows = await offerQuery(call.db)
    .where('trim_offers.practitioner_id', '=', user.id)
    .orderBy('trim_offers.initial_due')
    .orderBy('people.family_name')
    .execute()
  const assessments = await assessmentsFor(
    call.db,
    rows.map((row) => row.id)
  )
  const today = todayInLondon(call.clock())
  return rows.map((row) => toWorkItem(row, assessments, today))
}

/**
 * A referral made for the person on or after an assessment's date answers its prompt: the person
 * page says so instead of suggesting another (docs/trim.md).
 */
async function markAnswered(db: Db, personId: string, assessments: Map<string, TrimAssessment[]>): Promise<void> {
  const prompted = [...assessments.values()].flat().filter((assessment) => assessment.prompt)
  if (prompted.length === 0) return
  const referrals = await db
    .selectFrom('referrals')
    .innerJoin('referral_destinations as d', 'd.id', 'referrals.destination_id')
    .select(['referrals.created_at', 'd.name'])
    .where('referrals.person_id', '=', personId)
    .orderBy('referrals.created_at')
    .execute()
  const made = referrals.map((r) => ({ on: todayInLondon(new Date(r.created_at)), name: r.name }))
  for (const assessment of prompted) {
    const answer = made.find((referral) => referralAnswersPrompt(referral.on, assessment.assessedOn))
    if (answer && assessment.prompt) assessment.prompt.answered = `Referral made to ${answer.name} on ${formatCalendarDate(answer.on)}.`
  }
}

/** A person's TRiM offers and assessments, newest incident first, for a clinician who may see them. */
export async function trimForPerson(call: CallContext, input: { personId: string }): Promise<PersonTrim> {
  await requirePersonAccess(call, input.personId)
  const rows = await offerQuery(call.db)
    .where('trim_offers.person_id', '=', input.personId)
    .orderBy('incidents.occurred_on', 'desc')
    .execute()
  const assessments = await assessmentsFor(
    call.db,
    rows.map((row) => row.id)
  )
  await markAnswered(call.db, input.personId, assessments)
  const today = todayInLondon(call.clock())
  return rows.map((row) => ({
    ...toWorkItem(row, assessments, today),
    practitionerName: row.practitioner_name,
    incidentReference: row.reference,
    incidentId: row.incident_id
  }))
}
