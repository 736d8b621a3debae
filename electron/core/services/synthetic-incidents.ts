import { randomUUID } from 'node:crypto'
import type { Faker } from '@faker-js/faker'
import { addCalendarDays, daysBetween } from '../../../shared/calendar-date'
import type { ExposureIntensity, ExposurePart } from '../../../shared/incidents/categories'
import { referralPromptReasons, referralPromptTitle, type AssessmentKind } from '../../../shared/trim/assessment'
import {
  followUpAssessmentTitle,
  initialAssessmentTitle,
  trimFollowUpSource,
  trimInitialSource,
  trimReferralPromptSource
} from '../../../shared/trim/planning'
import { trimDueDates, type TrimSettings } from '../../../shared/trim/timing'
import type { SeedInserts } from '../store/bulk-writes'

/**
 * The synthetic seed's incidents, exposures and TRiM (services/synthetic.ts), shaped as the app
 * writes them (services/incidents.ts, trim-planning.ts, trim-assessments.ts): an exposure keeps
 * its incident's date and category weight; a TRiM offer has its two tasks, done once the
 * assessment is recorded; an assessment that prompts a referral has its task.
 */

/** One seeded person, as the incidents and referrals the seed adds need them. */
export interface SeededPerson {
  id: string
  roleId: string
  startDate: string
  leavingDate: string | null
  openCase: { id: string; clinician: string } | null
  cases: { id: string; clinician: string }[]
}

export interface IncidentSeedContext {
  faker: Faker
  insert: () => SeedInserts
  today: string
  now: string
  clinicians: string[]
  /** Who TRiM offers name: the store's TRiM practitioners. */
  practitioners: string[]
  categories: { id: string; weight: number }[]
  riskFactors: string[]
  trim: TrimSettings
  counts: { incidents: number; exposures: number; trimPlans: number; trimOffers: number; trimAssessments: number; tasks: number }
}

/** Incidents per person seeded (about 4,000 over three years at 50,000 people). */
const incidentsPerPerson = 0.08
const yearsOfIncidents = 3

/** The roles most often sent to, or shown, traumatic incidents. */
const frontline = new Set([
  'response',
  'neighbourhood',
  'firearms',
  'control-room-call-handling',
  'collision-investigation',
  'family-liaison',
  'child-abuse-investigation',
  'crime-scene-investigation',
  'online-child-sexual-exploitation-indecent-image-grading',
  'digital-forensics',
  'senior-leadership',
  'communications-press'
])
const reviewsMaterial = new Set(['online-child-sexual-exploitation-indecent-image-grading', 'digital-forensics', 'communications-press'])

function partFor(faker: Faker, roleId: string, categoryId: string): ExposurePart {
  if (roleId === 'control-room-call-handling') return 'call-handler'
  if (roleId === 'senior-leadership') return 'supervisor'
  if (reviewsMaterial.has(roleId) || categoryId === 'indecent-image-review') return 'viewed-material'
  return faker.helpers.weightedArrayElement<ExposurePart>([
    { value: 'attended', weight: 60 },
    { value: 'aftermath', weight: 25 },
    { value: 'supervisor', weight: 15 }
  ])
}

function employedOn(person: SeededPerson, date: string): boolean {
  return person.startDate <= date && (person.leavingDate === null || person.leavingDate >= date)
}

/** The earlier of a date and today: nothing seeded happens in the future. */
function notAfter(date: string, today: string): string {
  return date > today ? today : date
}

/** A time on a seeded date, but never after now (a step dated today was recorded by now). */
export function stampOn(date: string, now: string): string {
  const stamp = `${date}T09:00:00.000Z`
  return stamp > now ? now : stamp
}

/** Incidents among one batch of people, their exposures, and TRiM for the heavier ones. */
export function seedIncidents(ctx: IncidentSeedContext, people: SeededPerson[]): void {
  const { faker, today, now } = ctx
  const exposed = people.filter((p) => frontline.has(p.roleId))
  const pool = exposed.length > 0 ? exposed : people
  const count = Math.round(people.length * incidentsPerPerson)
  for (let n = 0; n < count; n++) {
    const category = faker.helpers.weightedArrayElement(
      ctx.categories.map((c) => ({
        value: c,
        weight: c.id === 'other' || c.id === 'sudden-death' ? 4 : c.id === 'mass-casualty' ? 0.2 : 1
      }))
    )
    const occurredOn = addCalendarDays(today, -faker.number.int({ min: 0, max: 365 * yearsOfIncidents }))
    const incidentId = randomUUID()
    const recorder = faker.helpers.arrayElement(ctx.clinicians)
    ctx.insert().incident({
      id: incidentId,
      occurred_on: occurredOn,
      category_id: category.id,
      reference: `CAD ${faker.number.int({ min: 1000, max: 9999 })}`,
      created_by: recorder,
      created_at: now
    })
    ctx.counts.incidents++
    const wanted = category.id === 'mass-casualty' ? faker.number.int({ min: 8, max: 20 }) : faker.number.int({ min: 1, max: 6 })
    const attendees = new Map<string, { person: SeededPerson; intensity: ExposureIntensity }>()
    for (let tries = 0; attendees.size < wanted && tries < wanted * 4; tries++) {
      const person = faker.helpers.arrayElement(faker.number.float() < 0.85 ? pool : people)
      if (attendees.has(person.id) || !employedOn(person, occurredOn)) continue
      const intensity = faker.helpers.weightedArrayElement<ExposureIntensity>([
        { value: 'low', weight: 45 },
        { value: 'medium', weight: 40 },
        { value: 'high', weight: 15 }
      ])
      const part = partFor(faker, person.roleId, category.id)
      ctx.insert().exposure({
        id: randomUUID(),
        incident_id: incidentId,
        person_id: person.id,
        occurred_on: occurredOn,
        part,
        intensity,
        weight: category.weight,
        hours_reviewed: part === 'viewed-material' ? faker.number.int({ min: 1, max: 16 }) / 2 : null,
        recorded_by: recorder,
        recorded_at: now
      })
      ctx.counts.exposures++
      attendees.set(person.id, { person, intensity })
    }
    if (attendees.size > 0) seedTrim(ctx, { id: incidentId, occurredOn, weight: category.weight }, [...attendees.values()])
  }
}

/** A planning decision for most heavier incidents: TRiM offered to those more than lightly exposed, or not needed. */
function seedTrim(
  ctx: IncidentSeedContext,
  incident: { id: string; occurredOn: string; weight: number },
  attendees: { person: SeededPerson; intensity: ExposureIntensity }[]
): void {
  const { faker, today, now } = ctx
  const roll = faker.number.float()
  const offered = incident.weight >= 4 && roll < 0.7 && ctx.practitioners.length > 0
  if (!offered && roll > (incident.weight >= 4 ? 0.85 : 0.25)) return
  const planner = faker.helpers.arrayElement(ctx.clinicians)
  const planId = randomUUID()
  ctx.insert().trimPlan({
    id: planId,
    incident_id: incident.id,
    decided_on: notAfter(addCalendarDays(incident.occurredOn, faker.number.int({ min: 0, max: 1 })), today),
    decision: offered ? 'offered' : 'not-needed',
    not_needed_reason: offered ? null : faker.helpers.arrayElement(['low-impact', 'other-support-in-place', 'declined-by-team', 'other']),
    planned_by: planner,
    created_at: now
  })
  ctx.counts.trimPlans++
  if (!offered) return
  const { initialDue, followUpDue } = trimDueDates(incident.occurredOn, ctx.trim)
  for (const { person, intensity } of attendees) {
    if (intensity === 'low' && faker.number.float() < 0.7) continue
    const practitioner = faker.helpers.arrayElement(ctx.practitioners)
    const offerId = randomUUID()
    const offer = { offerId, person, practitioner, planner }
    // An assessment is recorded once it falls due (a day or two either side), never in the future.
    const initialOn = assessedOn(ctx, incident.occurredOn, initialDue)
    const followUpOn = initialOn ? assessedOn(ctx, initialOn, followUpDue) : null
    const initialTaskId = offerTask(ctx, offer, initialAssessmentTitle, initialDue, trimInitialSource, initialOn)
    const followUpTaskId = offerTask(ctx, offer, followUpAssessmentTitle, followUpDue, trimFollowUpSource, followUpOn)
    ctx.insert().trimOffer({
      id: offerId,
      plan_id: planId,
      incident_id: incident.id,
      person_id: person.id,
      practitioner_id: practitioner,
      initial_due: initialDue,
      follow_up_due: followUpDue,
      initial_task_id: initialTaskId,
      follow_up_task_id: followUpTaskId,
      created_at: now
    })
    ctx.counts.trimOffers++
    if (initialOn) assessment(ctx, offer, 'initial', initialOn)
    if (followUpOn) assessment(ctx, offer, 'follow-up', followUpOn)
  }
}

function assessedOn(ctx: IncidentSeedContext, notBefore: string, due: string): string | null {
  const on = addCalendarDays(due, ctx.faker.number.int({ min: -1, max: 2 }))
  if (on > ctx.today) return null
  return on < notBefore ? notBefore : on
}

interface Offer {
  offerId: string
  person: SeededPerson
  practitioner: string
  planner: string
}

function offerTask(ctx: IncidentSeedContext, offer: Offer, title: string, due: string, source: string, doneOn: string | null): string {
  const id = randomUUID()
  ctx.insert().taskWithStatus({
    id,
    title,
    due_date: due,
    assignee: offer.practitioner,
    person_id: offer.person.id,
    case_id: null,
    source,
    rule_key: null,
    status: doneOn ? 'done' : 'open',
    completed_at: doneOn ? stampOn(doneOn, ctx.now) : null,
    completed_by: doneOn ? offer.practitioner : null,
    created_by: offer.planner,
    created_at: ctx.now
  })
  ctx.counts.tasks++
  return id
}

function assessment(ctx: IncidentSeedContext, offer: Offer, kind: AssessmentKind, on: string): void {
  const { faker, today } = ctx
  const present = faker.helpers.arrayElements(
    ctx.riskFactors,
    faker.helpers.weightedArrayElement([
      { value: 0, weight: 30 },
      { value: 1, weight: 25 },
      { value: 2, weight: 20 },
      { value: 3, weight: 12 },
      { value: 4, weight: 8 },
      { value: 5, weight: 5 }
    ])
  )
  const score = present.length
  const persistentDifficulty = kind === 'follow-up' ? faker.number.float() < 0.15 : null
  const reasons = referralPromptReasons({ kind, score, persistentDifficulty, threshold: ctx.trim.referralThreshold })
  const outcome =
    reasons.length > 0
      ? faker.helpers.arrayElement(['refer', 'refer', 'follow-up'])
      : faker.helpers.arrayElement(
          kind === 'initial' ? ['no-further-action', 'follow-up'] : ['no-further-action', 'no-further-action', 'follow-up']
        )
  // As the service routes a prompt: to the open case's holder, else to the clinician who planned TRiM.
  const route = reasons.length === 0 ? null : offer.person.openCase ? 'case-holder' : 'planner'
  const assignee = route === 'case-holder' ? (offer.person.openCase?.clinician ?? null) : route === 'planner' ? offer.planner : null
  let promptTaskId: string | null = null
  if (assignee) {
    promptTaskId = randomUUID()
    // Older prompts have been dealt with; the last month's are still open.
    const dealtWith = daysBetween(on, today) > 30
    ctx.insert().taskWithStatus({
      id: promptTaskId,
      title: referralPromptTitle,
      due_date: on,
      assignee,
      person_id: offer.person.id,
      case_id: route === 'case-holder' ? (offer.person.openCase?.id ?? null) : null,
      source: trimReferralPromptSource,
      rule_key: null,
      status: dealtWith ? 'done' : 'open',
      completed_at: dealtWith ? stampOn(addCalendarDays(on, 3), ctx.now) : null,
      completed_by: dealtWith ? assignee : null,
      created_by: offer.practitioner,
      created_at: stampOn(on, ctx.now)
    })
    ctx.counts.tasks++
  }
  ctx.insert().trimAssessment({
    id: randomUUID(),
    offer_id: offer.offerId,
    person_id: offer.person.id,
    practitioner_id: offer.practitioner,
    kind,
    assessed_on: on,
    factors_present: JSON.stringify(ctx.riskFactors.filter((id) => present.includes(id))),
    factors_considered: JSON.stringify(ctx.riskFactors),
    score,
    outcome,
    persistent_difficulty: persistentDifficulty === null ? null : persistentDifficulty ? 1 : 0,
    prompted: reasons.length > 0 ? 1 : 0,
    prompt_reasons: JSON.stringify(reasons),
    prompt_route: route,
    prompt_assignee_id: assignee,
    prompt_task_id: promptTaskId,
    created_at: stampOn(on, ctx.now)
  })
  ctx.counts.trimAssessments++
}
