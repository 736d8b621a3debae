import { randomUUID } from 'node:crypto'
import { daysBetween, formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { Referral, ReferralDestination } from '../../../shared/contract/referrals'
import { consentInForce, currentConsent } from '../../../shared/consent/current'
import { referralOutcome, type Sitting } from '../../../shared/outcomes/pairing'
import { referralBreach, referralClock } from '../../../shared/referrals/clocks'
import { nextReferralStatuses, referralEnded, referralTransitionProblem, type ReferralStatus } from '../../../shared/referrals/status'
import { missingOrRefused, requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { ReferralsTable } from '../store/schema-referrals'
import { requireVisibleCase } from './cases'
import { consentsOf, recordConsentFor } from './consent'
import { closeChaser, syncReferralChasers } from './referrals-chasers'
import { currentUser } from './session-helpers'
import { refuseFutureDate } from './refuse-future-date'
import { closeReferralPromptTasks } from './trim-prompt-tasks'

/**
 * Referrals onward and their status history. Every step is dated by the clinician (when it
 * happened, not when it was typed), must follow the journey in shared/referrals/status.ts, and
 * cannot be dated before the step before it or after today. Sending needs a current consent
 * record (services/consent.ts) for the referral's destination, and the referral keeps the one it
 * was sent on: a consent withdrawn later does not unsend it, but shows on it. The audit records
 * which step, never the reason or the destination.
 */

/** The referral's milestone column each step sets. */
const milestone: Partial<Record<ReferralStatus, 'referred_on' | 'assessed_on' | 'treatment_started_on'>> = {
  sent: 'referred_on',
  assessed: 'assessed_on',
  'treatment-started': 'treatment_started_on'
}

export async function listReferralDestinations(call: CallContext): Promise<ReferralDestination[]> {
  const rows = await call.db
    .selectFrom('referral_destinations')
    .selectAll()
    .where('retired', '=', 0)
    .orderBy('sort_order')
    .orderBy('name')
    .execute()
  return rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind, retired: row.retired === 1 }))
}

/** The wait by the NHS standards: from sending to treatment, or to the end or today while waiting. */
function waitOf(row: ReferralsTable, today: string): Referral['wait'] {
  if (row.referred_on === null) return null
  const clock = referralClock({
    referredOn: row.referred_on,
    assessedOn: row.assessed_on,
    treatmentStartedOn: row.treatment_started_on,
    today: row.ended_on ?? today
  })
  const stillWaiting = row.treatment_started_on === null && !referralEnded(row.status)
  return { ...clock, breached: referralBreach(clock.daysWaiting, stillWaiting) }
}

/**
 * The person's current, complete PHQ-9, GAD-7 and PCL-5 totals, for pairing with their completed
 * referrals (shared/outcomes/pairing.ts). A corrected screening counts by its correction only.
 */
async function outcomeSittings(call: CallContext, personId: string): Promise<Record<'phq9' | 'gad7' | 'pcl5', Sitting[]>> {
  const rows = await call.db
    .selectFrom('screenings')
    .innerJoin('screening_results as r', 'r.screening_id', 'screenings.id')
    .select(['screenings.sitting_date', 'r.instrument_id', 'r.total'])
    .where('screenings.person_id', '=', personId)
    .where('screenings.superseded_by_id', 'is', null)
    .where('r.instrument_id', 'in', ['phq9', 'gad7', 'pcl5'])
    .where('r.complete', '=', 1)
    .where('r.total', 'is not', null)
    .orderBy('screenings.sitting_date')
    .execute()
  const sittings: Record<'phq9' | 'gad7' | 'pcl5', Sitting[]> = { phq9: [], gad7: [], pcl5: [] }
  for (const row of rows) {
    const measure = row.instrument_id as keyof typeof sittings
    if (row.total !== null) sittings[measure].push({ date: row.sitting_date, total: row.total })
  }
  return sittings
}

async function loadReferrals(call: CallContext, where: { personId: string } | { referralId: string }): Promise<Referral[]> {
  const today = todayInLondon(call.core.clock())
  let query = call.db
    .selectFrom('referrals')
    .innerJoin('referral_destinations as d', 'd.id', 'referrals.destination_id')
    .innerJoin('users as creator', 'creator.id', 'referrals.created_by')
    .selectAll('referrals')
    .select(['d.name as destination_name', 'creator.display_name as created_by_name'])
  query = 'personId' in where ? query.where('referrals.person_id', '=', where.personId) : query.where('referrals.id', '=', where.referralId)
  const rows = await query.orderBy('referrals.created_at', 'desc').orderBy('referrals.id').execute()
  if (rows.length === 0) return []
  const consents = await call.db
    .selectFrom('consents')
    .select(['id', 'purpose', 'destination_id', 'recipient', 'scope', 'given_on', 'withdrawn_on'])
    .where('person_id', '=', rows[0]?.person_id ?? '')
    .where('purpose', '=', 'referral')
    .execute()
  const consentRecords = consents.map((c) => ({
    id: c.id,
    purpose: c.purpose,
    destinationId: c.destination_id,
    recipient: c.recipient,
    scope: c.scope,
    givenOn: c.given_on,
    withdrawnOn: c.withdrawn_on
  }))
  // A sent referral shows the consent it was sent on (withdrawn or not); one not yet sent, the consent that would cover it today.
  const consentOf = (row: (typeof rows)[number]): Referral['consent'] => {
    const found =
      row.consent_id !== null
        ? consentRecords.find((c) => c.id === row.consent_id)
        : row.status === 'drafted'
          ? currentConsent(consentRecords, { purpose: 'referral', destinationId: row.destination_id, on: today })
          : undefined
    return found ? { id: found.id, scope: found.scope, givenOn: found.givenOn, withdrawnOn: found.withdrawnOn } : null
  }
  const completed = rows.filter((row) => row.status === 'completed' && row.referred_on !== null && row.ended_on !== null)
  const sittings = completed.length > 0 ? await outcomeSittings(call, completed[0]?.person_id ?? '') : null
  const outcomeOf = (row: (typeof rows)[number]): Referral['outcome'] =>
    sittings && row.status === 'completed' && row.referred_on !== null && row.ended_on !== null
      ? referralOutcome(sittings, { referredOn: row.referred_on, treatmentStartedOn: row.treatment_started_on, completedOn: row.ended_on })
      : null
  const steps = await call.db
    .selectFrom('referral_steps')
    .innerJoin('users', 'users.id', 'referral_steps.recorded_by')
    .select([
      'referral_steps.referral_id',
      'referral_steps.status',
      'referral_steps.happened_on',
      'referral_steps.recorded_at',
      'users.display_name'
    ])
    .where(
      'referral_steps.referral_id',
      'in',
      rows.map((row) => row.id)
    )
    .orderBy('referral_steps.referral_id')
    .orderBy('referral_steps.step_number')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    caseId: row.case_id,
    destinationId: row.destination_id,
    destinationName: row.destination_name,
    reason: row.reason,
    urgency: row.urgency,
    status: row.status,
    nextStatuses: [...nextReferralStatuses[row.status]],
    consent: consentOf(row),
    referredOn: row.referred_on,
    wait: waitOf(row, today),
    steps: steps
      .filter((step) => step.referral_id === row.id)
      .map((step) => ({
        status: step.status,
        happenedOn: step.happened_on,
        recordedByName: step.display_name,
        recordedAt: step.recorded_at
      })),
    createdByName: row.created_by_name,
    outcome: outcomeOf(row)
  }))
}

async function requireVisibleReferral(call: CallContext, referralId: string): Promise<ReferralsTable> {
  const row = await call.db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst()
  if (!row) return missingOrRefused(call, 'referrals', referralId, 'There is no such referral.')
  await requirePersonAccess(call, row.person_id)
  return row
}

export async function referralById(call: CallContext, referralId: string): Promise<Referral> {
  const [found] = await loadReferrals(call, { referralId })
  if (!found) return missingOrRefused(call, 'referrals', referralId, 'There is no such referral.')
  return found
}

export async function referralsForPerson(call: CallContext, input: { personId: string }): Promise<Referral[]> {
  await requirePersonAccess(call, input.personId)
  return loadReferrals(call, { personId: input.personId })
}

export async function createReferral(
  call: CallContext,
  input: { personId: string; caseId: string | null; destinationId: string; reason: string; urgency: 'routine' | 'urgent' }
): Promise<Referral> {
  const user = currentUser(call)
  await requirePersonAccess(call, input.personId)
  if (input.caseId !== null) {
    const found = await requireVisibleCase(call, input.caseId)
    if (found.personId !== input.personId) throw new CoreError('invalid-input', 'That case belongs to someone else.', ['caseId'])
  }
  const destination = await call.db
    .selectFrom('referral_destinations')
    .select(['id', 'retired'])
    .where('id', '=', input.destinationId)
    .executeTakeFirst()
  if (!destination || destination.retired === 1)
    throw new CoreError('invalid-input', 'Choose where the referral goes from the list.', ['destinationId'])
  const id = randomUUID()
  const now = call.core.clock()
  const today = todayInLondon(now)
  await call.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('referrals')
      .values({
        id,
        person_id: input.personId,
        case_id: input.caseId,
        destination_id: input.destinationId,
        reason: input.reason,
        urgency: input.urgency,
        status: 'drafted',
        consent_scope: null,
        consent_given_on: null,
        consent_recorded_by: null,
        consent_id: null,
        referred_on: null,
        assessed_on: null,
        treatment_started_on: null,
        ended_on: null,
        last_step_on: today,
        created_by: user.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString()
      })
      .execute()
    await trx
      .insertInto('referral_steps')
      .values({
        id: randomUUID(),
        referral_id: id,
        step_number: 1,
        person_id: input.personId,
        status: 'drafted',
        happened_on: today,
        recorded_by: user.id,
        recorded_at: now.toISOString()
      })
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'referral.created', entityType: 'referral', entityId: id }, now)
    // A referral for the person answers any TRiM assessment's suggestion of one: its task is done.
    await closeReferralPromptTasks(trx, { personId: input.personId, actorId: user.id, now })
  })
  return referralById(call, id)
}

export async function recordReferralConsent(
  call: CallContext,
  input: { referralId: string; scope: string; givenOn: string }
): Promise<Referral> {
  const user = currentUser(call)
  const row = await requireVisibleReferral(call, input.referralId)
  if (referralEnded(row.status)) throw new CoreError('conflict', 'This referral has ended, so its consent cannot be changed.')
  const now = call.core.clock()
  refuseFutureDate(input.givenOn, todayInLondon(now), 'givenOn', 'The date consent was given')
  if (row.referred_on !== null && daysBetween(input.givenOn, row.referred_on) < 0) {
    throw new CoreError(
      'invalid-input',
      `Consent must have been given on or before the referral was sent (${formatCalendarDate(row.referred_on)}).`,
      ['givenOn']
    )
  }
  // A consent record for the referral's destination: the same record the person page's Consent section writes.
  await recordConsentFor(
    call,
    {
      personId: row.person_id,
      purpose: 'referral',
      destinationId: row.destination_id,
      recipient: null,
      scope: input.scope,
      givenOn: input.givenOn
    },
    (trx) => appendAudit(trx, { actorId: user.id, action: 'referral.consent-recorded', entityType: 'referral', entityId: row.id }, now)
  )
  return referralById(call, row.id)
}

export async function recordReferralStep(
  call: CallContext,
  input: { referralId: string; status: ReferralStatus; happenedOn: string }
): Promise<Referral> {
  const user = currentUser(call)
  const row = await requireVisibleReferral(call, input.referralId)
  const problem = referralTransitionProblem(row.status, input.status)
  if (problem) throw new CoreError('conflict', problem, ['status'])
  const now = call.core.clock()
  refuseFutureDate(input.happenedOn, todayInLondon(now), 'happenedOn', 'The date it happened')
  if (daysBetween(row.last_step_on, input.happenedOn) < 0) {
    throw new CoreError(
      'invalid-input',
      `The date it happened cannot be before the referral's last step (${formatCalendarDate(row.last_step_on)}).`,
      ['happenedOn']
    )
  }
  const consentId = input.status === 'sent' ? await requireConsentToSend(call, row, input.happenedOn) : null
  const column = milestone[input.status]
  await call.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('referrals')
      .set({
        status: input.status,
        last_step_on: input.happenedOn,
        updated_at: now.toISOString(),
        ...(column ? { [column]: input.happenedOn } : {}),
        ...(consentId ? { consent_id: consentId } : {}),
        ...(referralEnded(input.status) ? { ended_on: input.happenedOn } : {})
      })
      .where('id', '=', row.id)
      .execute()
    // A step dated after the last one ends the quiet spell. One dated the same day (or earlier)
    // leaves it as it was: its chaser stays open, as the next chaser would have the same key.
    if (input.happenedOn > row.last_step_on) await closeChaser(trx, row.id, row.last_step_on, now.toISOString())
    const last = await trx
      .selectFrom('referral_steps')
      .select((eb) => eb.fn.max('step_number').as('n'))
      .where('referral_id', '=', row.id)
      .executeTakeFirst()
    await trx
      .insertInto('referral_steps')
      .values({
        id: randomUUID(),
        referral_id: row.id,
        step_number: Number(last?.n ?? 0) + 1,
        person_id: row.person_id,
        status: input.status,
        happened_on: input.happenedOn,
        recorded_by: user.id,
        recorded_at: now.toISOString()
      })
      .execute()
    // Which step, as a workflow word: never the reason, the destination or what was shared.
    await appendAudit(
      trx,
      { actorId: user.id, action: 'referral.step-recorded', entityType: 'referral', entityId: row.id, detail: input.status },
      now
    )
  })
  // A step dated well back starts a quiet spell that may already be past the chase limit.
  await syncReferralChasers(call)
  return referralById(call, row.id)
}

/**
 * The consent a referral is sent on: a consent record for its destination, given on or before
 * the day it was sent and not withdrawn by today. Refused in the user's words otherwise.
 */
async function requireConsentToSend(call: CallContext, row: ReferralsTable, sentOn: string): Promise<string> {
  const consents = await consentsOf(call.db, row.person_id)
  const today = todayInLondon(call.clock())
  const inForceToday = consents.filter((consent) => consentInForce(consent, today))
  const found = currentConsent(inForceToday, { purpose: 'referral', destinationId: row.destination_id, on: sentOn })
  if (found) return found.id
  const later = currentConsent(inForceToday, { purpose: 'referral', destinationId: row.destination_id, on: today })
  if (later)
    throw new CoreError('invalid-input', `The referral cannot be sent before consent was given (${formatCalendarDate(later.givenOn)}).`, [
      'happenedOn'
    ])
  const destination = await call.db
    .selectFrom('referral_destinations')
    .select('name')
    .where('id', '=', row.destination_id)
    .executeTakeFirst()
  throw new CoreError(
    'conflict',
    `Record the person's consent to share with ${destination?.name ?? 'this destination'} before sending.`,
    // The field of this call the user chose: the consent itself is recorded elsewhere.
    ['status']
  )
}
