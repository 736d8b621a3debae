import { sql, type Kysely } from 'kysely'
import type { z } from 'zod'
import { daysBetween, todayInLondon } from '../../../shared/calendar-date'
import type { ReferralWorklistRow, referralWorklistQuery } from '../../../shared/contract/referrals'
import { breachCutoffs, referralBreach, referralClock } from '../../../shared/referrals/clocks'
import { awaitingServiceStatuses, openReferralStatuses } from '../../../shared/referrals/status'
import type { CallContext } from '../context'
import type { HarbourDatabase } from '../store/schema'
import { personVisibleTo } from '../access'
import { displayName } from './people'
import { bringChasersUpToDate } from './referrals-chasers'
import { currentUser } from './session-helpers'

type Query = z.output<typeof referralWorklistQuery>

/**
 * The Referrals worklist: open referrals (not completed, declined, did not attend or withdrawn)
 * the caller may see, breached first (past 6 or 18 weeks and still waiting for treatment), then
 * those waiting on the service, longest first, then those in treatment, then drafts. Read
 * through the (status, referred_on) index; visibility from the person's id alone.
 */
export function worklistBase(db: Kysely<HarbourDatabase>, viewerId: string, query: Omit<Query, 'page'>, today: string) {
  let select = db
    .selectFrom('referrals')
    .where('referrals.status', 'in', query.breachedOnly ? [...awaitingServiceStatuses] : [...openReferralStatuses])
    .where(personVisibleTo(viewerId, sql.ref('referrals.person_id')))
  if (query.breachedOnly) select = select.where('referrals.referred_on', '<', breachCutoffs(today).sixWeeks)
  if (query.view === 'mine')
    select = select.where((eb) =>
      eb.or([
        eb('referrals.created_by', '=', viewerId),
        sql<boolean>`EXISTS (SELECT 1 FROM cases c WHERE c.id = referrals.case_id AND c.assigned_clinician_id = ${viewerId})`
      ])
    )
  return select
}

/** One page of the worklist in its order, with the people, destinations and case holders. */
export function worklistPageQuery(db: Kysely<HarbourDatabase>, viewerId: string, query: Query, today: string) {
  const awaiting = sql.join(awaitingServiceStatuses.map((status) => sql`${status}`))
  const rank = sql`CASE WHEN referrals.status IN (${awaiting}) AND referrals.referred_on < ${breachCutoffs(today).sixWeeks} THEN 0 WHEN referrals.status IN (${awaiting}) THEN 1 WHEN referrals.status = 'treatment-started' THEN 2 ELSE 3 END`
  return worklistBase(db, viewerId, query, today)
    .innerJoin('people', 'people.id', 'referrals.person_id')
    .innerJoin('referral_destinations as d', 'd.id', 'referrals.destination_id')
    .leftJoin('cases', 'cases.id', 'referrals.case_id')
    .leftJoin('users as holder', 'holder.id', 'cases.assigned_clinician_id')
    .select([
      'referrals.id',
      'referrals.person_id',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number',
      'd.name as destination_name',
      'referrals.status',
      'referrals.urgency',
      'referrals.referred_on',
      'referrals.assessed_on',
      'referrals.treatment_started_on',
      'referrals.last_step_on',
      'holder.display_name as holder_name'
    ])
    .orderBy(rank)
    .orderBy(sql`referrals.referred_on IS NULL`)
    .orderBy('referrals.referred_on')
    .orderBy('referrals.created_at')
    .orderBy('referrals.id')
    .limit(query.page.limit)
    .offset(query.page.offset)
}

export async function referralWorklist(call: CallContext, query: Query): Promise<{ rows: ReferralWorklistRow[]; total: number }> {
  const user = currentUser(call)
  const today = todayInLondon(call.core.clock())
  await bringChasersUpToDate(call)
  const rows = await worklistPageQuery(call.db, user.id, query, today).execute()
  const count = await worklistBase(call.db, user.id, query, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return {
    rows: rows.map((row) => {
      const clock =
        row.referred_on === null
          ? null
          : referralClock({
              referredOn: row.referred_on,
              assessedOn: row.assessed_on,
              treatmentStartedOn: row.treatment_started_on,
              today
            })
      return {
        id: row.id,
        personId: row.person_id,
        personName: displayName(row),
        staffNumber: row.staff_number,
        destinationName: row.destination_name,
        status: row.status,
        urgency: row.urgency,
        referredOn: row.referred_on,
        wait: clock ? { ...clock, breached: referralBreach(clock.daysWaiting, row.treatment_started_on === null) } : null,
        daysSinceUpdate: daysBetween(row.last_step_on, today),
        holderName: row.holder_name
      }
    }),
    total: Number(count?.n ?? 0)
  }
}
