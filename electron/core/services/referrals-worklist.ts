import { sql, type Kysely } from 'kysely'
import type { z } from 'zod'
import { daysBetween, todayInLondon } from '../../../shared/calendar-date'
import type { ReferralWorklistRow, referralWorklistQuery } from '../../../shared/contract/referrals'
import { breachCutoffs, referralBreach, referralClock } from '../../../shared/referrals/clocks'
import { awaitingServiceStatuses } from '../../../shared/referrals/status'
import { worklistGroupSql } from '../store/migrations/0220_referrals_worklist'
import type { CallContext } from '../context'
import type { HarbourDatabase } from '../store/schema'
import { personVisibleTo } from '../access'
import { displayName } from './people'
import { bringChasersUpToDate } from './referrals-chasers'
import { currentUser } from './session-helpers'

type Query = z.output<typeof referralWorklistQuery>

/** The worklist's groups by status (migration 0220's expression, with literals so the index matches). */
const worklistGroup = sql.raw(worklistGroupSql.replaceAll('status', 'referrals.status'))
/** Below this group, a referral is open: waiting on the service (1), in treatment (2) or drafted (3). */
const openGroupsBelow = 4

/**
 * The Referrals worklist: open referrals (not completed, declined, did not attend or withdrawn)
 * the caller may see, breached first (past 6 or 18 weeks and still waiting for treatment), then
 * those waiting on the service, longest first, then those in treatment, then drafts. Read
 * through the referrals_worklist index (migration 0220), or for the breached only the (status,
 * referred_on) index; visibility from the person's id alone.
 */
export function worklistBase(db: Kysely<HarbourDatabase>, viewerId: string, query: Omit<Query, 'page'>, today: string) {
  let select = db.selectFrom('referrals').where(personVisibleTo(viewerId, sql.ref('referrals.person_id')))
  select = query.breachedOnly
    ? select
        .where('referrals.status', 'in', [...awaitingServiceStatuses])
        .where('referrals.referred_on', '<', breachCutoffs(today).sixWeeks)
    : // Groups 1 to 3 are the open statuses, asked as the index referrals_worklist holds them.
      select.where(sql<boolean>`${worklistGroup} < ${sql.lit(openGroupsBelow)}`)
  if (query.view === 'mine')
    select = select.where((eb) =>
      eb.or([
        eb('referrals.created_by', '=', viewerId),
        sql<boolean>`EXISTS (SELECT 1 FROM cases c WHERE c.id = referrals.case_id AND c.assigned_clinician_id = ${viewerId})`
      ])
    )
  return select
}

/**
 * One page of the worklist in its order, with the people, destinations and case holders: breached
 * first, then waiting on the service, longest first (the breached are the longest waiting, so one
 * `referred_on` order serves both), then in treatment, then drafts. The group is the expression
 * index referrals_worklist holds (migration 0220), written with literals so the database can match
 * it: a page walks the index in order and stops, instead of sorting every open referral.
 */
export function worklistPageQuery(db: Kysely<HarbourDatabase>, viewerId: string, query: Query, today: string) {
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
    .orderBy(worklistGroup)
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
