import { sql } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import type { HomeAttention } from '../../../shared/contract/home'
import { thirtyDayWindowStart } from '../../../shared/incidents/exposure-load'
import { breachCutoffs } from '../../../shared/referrals/clocks'
import { casesAwaitingBereavementOffer } from '../../../shared/signposting/bereavement'
import { visibleTo } from '../access'
import type { CallContext } from '../context'
import { countWhere } from '../store/dialect'
import { caseQuery, toCase } from './cases'
import { displayName } from './people'
import { worklistBase } from './referrals-worklist'
import { currentUser } from './session-helpers'

/** How many recently exposed people Home names; the total says if there are more. */
export const recentlyExposedShown = 10

/**
 * What a clinician's home points to beyond their cases and tasks (shared/contract/home.ts), each
 * among the records they may see: their referrals past 6 and 18 weeks (the Referrals worklist's
 * own rule), people on their caseload exposed in the 30-day exposure window, and their open
 * bereavement cases where counselling has not yet been offered.
 */
export async function homeAttention(call: CallContext): Promise<HomeAttention> {
  const user = currentUser(call)
  const today = todayInLondon(call.clock())
  const { eighteenWeeks } = breachCutoffs(today)
  const breached = await worklistBase(call.db, user.id, { view: 'mine', breachedOnly: true }, today)
    .select([sql<number>`count(*)`.as('past6'), countWhere(sql<boolean>`referrals.referred_on < ${eighteenWeeks}`).as('past18')])
    .executeTakeFirst()
  const exposed = await recentlyExposed(call, user.id, today)
  return {
    referralsPast6Weeks: Number(breached?.past6 ?? 0),
    referralsPast18Weeks: Number(breached?.past18 ?? 0),
    recentlyExposed: exposed.slice(0, recentlyExposedShown),
    recentlyExposedTotal: exposed.length,
    bereavementNotOffered: await bereavementNotOffered(call, user.id)
  }
}

/** Each person with an open case I hold and an exposure in the 30-day window, with their latest. */
async function recentlyExposed(call: CallContext, userId: string, today: string) {
  const rows = await call.db
    .selectFrom('exposures')
    .innerJoin('incidents', 'incidents.id', 'exposures.incident_id')
    .innerJoin('incident_categories as c', 'c.id', 'incidents.category_id')
    .innerJoin('people', 'people.id', 'exposures.person_id')
    .select([
      'exposures.person_id',
      'exposures.occurred_on',
      'c.name as category_name',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.staff_number'
    ])
    .where('exposures.occurred_on', '>=', thirtyDayWindowStart(today))
    .where('exposures.occurred_on', '<=', today)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('cases')
          .select('cases.id')
          .whereRef('cases.person_id', '=', 'exposures.person_id')
          .where('cases.assigned_clinician_id', '=', userId)
          .where('cases.status', '<>', 'closed')
      )
    )
    .where(visibleTo(userId))
    .orderBy('exposures.occurred_on', 'desc')
    .orderBy('exposures.recorded_at', 'desc')
    .execute()
  const seen = new Set<string>()
  return rows
    .filter((row) => !seen.has(row.person_id) && seen.add(row.person_id))
    .map((row) => ({
      personId: row.person_id,
      personName: displayName(row),
      staffNumber: row.staff_number,
      occurredOn: row.occurred_on,
      categoryName: row.category_name
    }))
}

/** My open bereavement cases with counselling still to offer, oldest case first. */
async function bereavementNotOffered(call: CallContext, userId: string) {
  const rows = await caseQuery(call.db)
    .innerJoin('people', 'people.id', 'cases.person_id')
    .select(['people.given_name', 'people.family_name', 'people.preferred_name', 'people.staff_number'])
    .where('cases.assigned_clinician_id', '=', userId)
    .where('cases.reason', '=', 'bereavement')
    .where('cases.status', '<>', 'closed')
    .where(visibleTo(userId))
    .orderBy('cases.opened_on')
    .orderBy('cases.id')
    .execute()
  if (rows.length === 0) return []
  const offers = await call.db
    .selectFrom('bereavement_counselling')
    .select(['person_id', 'case_id', 'happened_on'])
    .where('status', '=', 'offered')
    .where(
      'person_id',
      'in',
      rows.map((row) => row.person_id)
    )
    .execute()
  const cases = rows.map((row) => ({ ...toCase(row), row }))
  return casesAwaitingBereavementOffer(
    cases,
    offers.map((offer) => ({ personId: offer.person_id, caseId: offer.case_id, happenedOn: offer.happened_on }))
  ).map(({ row, id, openedOn }) => ({
    personId: row.person_id,
    personName: displayName(row),
    staffNumber: row.staff_number,
    caseId: id,
    openedOn
  }))
}
