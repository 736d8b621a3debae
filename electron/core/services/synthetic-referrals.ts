import { randomUUID } from 'node:crypto'
import type { Faker } from '@faker-js/faker'
import { addCalendarDays } from '../../../shared/calendar-date'
import { referralChaseSource } from '../../../shared/contract/tasks'
import { awaitingServiceStatuses, nextReferralStatuses, type ReferralStatus } from '../../../shared/referrals/status'
import type { SeedInserts } from '../store/bulk-writes'
import { chaserKey } from './referrals-chasers'
import { stampOn, type SeededPerson } from './synthetic-incidents'

/**
 * The synthetic seed's referrals (services/synthetic.ts), each with a status history the journey
 * in shared/referrals/status.ts allows, dated in order and never after today, as the app writes
 * them (services/referrals.ts): a consent record for the destination, given on or before the day
 * it was sent, for every referral sent; the milestone dates on the referral; and, for one waiting
 * on the service with no step for the chase limit, its chaser task (services/referrals-chasers.ts).
 */
export interface ReferralSeedContext {
  faker: Faker
  insert: () => SeedInserts
  today: string
  now: string
  clinicians: string[]
  destinations: { id: string; name: string }[]
  chaseDays: number
  perPerson: number
  counts: { referrals: number; referralSteps: number; consents: number; tasks: number }
}

const yearsOfReferrals = 4

/** How often each destination is chosen (by catalogue id; any other the team added, rarely). */
const destinationWeights: Record<string, number> = {
  gp: 20,
  'nhs-talking-therapies': 30,
  'specialist-trauma-service': 14,
  'bereavement-counselling': 5,
  'police-treatment-centres': 6,
  'flint-house': 3,
  'police-care-uk': 3,
  'employee-assistance': 10,
  'occupational-physician': 5,
  'psychological-assessment': 3,
  'crisis-care': 1
}

const reasons = [
  'Trauma-focused therapy after exposure at work',
  'Low mood and poor sleep; talking therapy',
  'Ongoing anxiety; assessment for treatment',
  'Bereavement support',
  'Physiotherapy and rehabilitation after injury',
  'Specialist assessment requested by the occupational physician',
  'Support while on restricted duties'
]

const scopes = [
  'Name, contact details and the reason for referral',
  'Name, contact details, reason for referral and latest screening scores',
  'Referral letter as drafted, including relevant history'
]

/** A count drawn around a mean (Knuth's Poisson): most people have none or one, a few several. */
function countAround(faker: Faker, mean: number): number {
  const limit = Math.exp(-mean)
  let k = 0
  let p = faker.number.float()
  while (p > limit) {
    k++
    p *= faker.number.float()
  }
  return k
}

/** The next step on the journey and how many days after the last it happens. */
function nextStep(faker: Faker, status: ReferralStatus): { status: ReferralStatus; days: number } | null {
  const pick = (options: [ReferralStatus, number, [number, number]][]) => {
    const [next, , [min, max]] = faker.helpers.weightedArrayElement(options.map((o) => ({ value: o, weight: o[1] })))
    if (!nextReferralStatuses[status].includes(next)) throw new Error(`Seed journey: ${status} cannot go to ${next}`)
    return { status: next, days: faker.number.int({ min, max }) }
  }
  switch (status) {
    case 'drafted':
      return pick([
        ['sent', 95, [0, 7]],
        ['withdrawn', 5, [1, 20]]
      ])
    case 'sent':
      return pick([
        ['acknowledged', 70, [2, 14]],
        ['assessed', 20, [14, 90]],
        ['declined', 5, [3, 30]],
        ['withdrawn', 5, [5, 60]]
      ])
    case 'acknowledged':
      // Some wait long for assessment: these make the breaches past 6 and 18 weeks.
      return pick([
        ['assessed', 88, [7, 110]],
        ['declined', 3, [3, 30]],
        ['did-not-attend', 5, [14, 60]],
        ['withdrawn', 4, [7, 60]]
      ])
    case 'assessed':
      return pick([
        ['treatment-started', 78, [7, 100]],
        ['completed', 12, [1, 14]],
        ['did-not-attend', 5, [7, 60]],
        ['withdrawn', 3, [7, 60]],
        ['declined', 2, [3, 30]]
      ])
    case 'treatment-started':
      return pick([
        ['completed', 85, [40, 200]],
        ['did-not-attend', 8, [14, 90]],
        ['withdrawn', 7, [14, 120]]
      ])
    default:
      return null
  }
}

/** One person's referrals: none, one or several, each drafted within their employment. */
export function seedReferrals(ctx: ReferralSeedContext, person: SeededPerson): void {
  const { faker, today } = ctx
  const count = countAround(faker, ctx.perPerson)
  if (count === 0) return
  const earliest = addCalendarDays(today, -365 * yearsOfReferrals)
  const from = person.startDate > earliest ? person.startDate : earliest
  const until = person.leavingDate && person.leavingDate < today ? person.leavingDate : today
  if (from > until) return
  const span = Math.round((Date.parse(until) - Date.parse(from)) / 86_400_000)
  for (let n = 0; n < count; n++) {
    seedReferral(ctx, person, addCalendarDays(from, faker.number.int({ min: 0, max: span })))
  }
}

function seedReferral(ctx: ReferralSeedContext, person: SeededPerson, draftedOn: string): void {
  const { faker, today, now } = ctx
  const destination = faker.helpers.weightedArrayElement(ctx.destinations.map((d) => ({ value: d, weight: destinationWeights[d.id] ?? 1 })))
  const steps: { status: ReferralStatus; on: string }[] = [{ status: 'drafted', on: draftedOn }]
  for (;;) {
    const last = steps[steps.length - 1] as { status: ReferralStatus; on: string }
    const next = nextStep(faker, last.status)
    if (!next) break
    const on = addCalendarDays(last.on, next.days)
    // What has not happened by today has not happened yet: the referral stays where it is.
    if (on > today) break
    steps.push({ status: next.status, on })
  }
  const dateOf = (status: ReferralStatus) => steps.find((step) => step.status === status)?.on ?? null
  const last = steps[steps.length - 1] as { status: ReferralStatus; on: string }
  const sentOn = dateOf('sent')
  const creator = faker.helpers.arrayElement(ctx.clinicians)
  const onCase = person.cases.length > 0 && faker.number.float() < 0.6 ? faker.helpers.arrayElement(person.cases) : null
  const caseId = onCase?.id ?? null
  const id = randomUUID()
  let consentId: string | null = null
  if (sentOn) {
    consentId = randomUUID()
    const givenOn = addCalendarDays(sentOn, -faker.number.int({ min: 0, max: 5 }))
    ctx.insert().consent({
      id: consentId,
      person_id: person.id,
      destination_id: destination.id,
      scope: faker.helpers.arrayElement(scopes),
      given_on: givenOn < draftedOn ? draftedOn : givenOn,
      recorded_by: creator,
      recorded_at: stampOn(givenOn < draftedOn ? draftedOn : givenOn, now)
    })
    ctx.counts.consents++
  }
  const ended = nextReferralStatuses[last.status].length === 0
  ctx.insert().referral({
    id,
    person_id: person.id,
    case_id: caseId,
    destination_id: destination.id,
    reason: faker.helpers.arrayElement(reasons),
    urgency: destination.id === 'crisis-care' || faker.number.float() < 0.08 ? 'urgent' : 'routine',
    status: last.status,
    consent_id: consentId,
    referred_on: sentOn,
    assessed_on: dateOf('assessed'),
    treatment_started_on: dateOf('treatment-started'),
    ended_on: ended ? last.on : null,
    last_step_on: last.on,
    created_by: creator,
    created_at: stampOn(draftedOn, now),
    updated_at: stampOn(last.on, now)
  })
  ctx.counts.referrals++
  steps.forEach((step, index) => {
    ctx.insert().referralStep({
      id: randomUUID(),
      referral_id: id,
      step_number: index + 1,
      person_id: person.id,
      status: step.status,
      happened_on: step.on,
      recorded_by: creator,
      recorded_at: stampOn(step.on, now)
    })
    ctx.counts.referralSteps++
  })
  // Quiet past the chase limit while waiting on the service: the chaser the lists would have raised.
  if ((awaitingServiceStatuses as readonly string[]).includes(last.status) && last.on <= addCalendarDays(today, -ctx.chaseDays)) {
    const due = addCalendarDays(last.on, ctx.chaseDays)
    // Chasers of the last month are still open; older ones were done (the referral stays quiet, so it is not chased again).
    const done = due < addCalendarDays(today, -30)
    const holder = onCase?.clinician ?? creator
    ctx.insert().taskWithStatus({
      id: randomUUID(),
      title: `Chase referral to ${destination.name}`,
      due_date: due,
      // The case holder (every seeded clinician can sign in), else whoever made the referral.
      assignee: holder,
      person_id: person.id,
      case_id: caseId,
      source: referralChaseSource,
      rule_key: chaserKey(id, last.on),
      status: done ? 'done' : 'open',
      completed_at: done ? stampOn(addCalendarDays(due, 7), now) : null,
      completed_by: done ? holder : null,
      created_by: null,
      created_at: stampOn(due, now)
    })
    ctx.counts.tasks++
  }
}
