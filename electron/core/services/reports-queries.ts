import { sql, type Kysely } from 'kysely'
import { addCalendarDays } from '../../../shared/calendar-date'
import type { ReportGrouping } from '../../../shared/contract/reports'
import { median, percentile, type ValueCount } from '../../../shared/reports/percentiles'
import type { HarbourDatabase } from '../store/schema'
import type { ReportViews } from '../store/schema-reports'
import { countWhere } from '../store/dialect'
import type { CountedTable, Figure } from './reports-tables'
import { fixedGroupRows, groupHeading, groupKey, groupLabel } from './reports-groups'

export type ReportDb = Kysely<HarbourDatabase & ReportViews>

/** One period to count: calendar dates, both days included; `asOf` is its end or today, whichever is earlier. */
export interface Period {
  from: string
  to: string
  asOf: string
  today: string
}

export interface ReportQuery {
  db: ReportDb
  period: Period
  by: ReportGrouping | null
}

const n = (value: unknown) => Number(value ?? 0)

function groupsTable(query: ReportQuery, fields: Omit<CountedTable, 'rowHeading' | 'rows' | 'sortRows' | 'kind'>): CountedTable {
  return { ...fields, kind: 'counts', rowHeading: groupHeading(query.by), rows: fixedGroupRows(query.by), sortRows: true }
}

export const ragColumns = ['Red', 'Amber', 'Green']
const ragNames: Record<string, string> = { red: 'Red', amber: 'Amber', green: 'Green' }

/**
 * Screening coverage: of the people in a recalled role and in post during the period, those due
 * by its end (their next screening date, as it stands now, on or before it) or screened in it,
 * and of them, those with a complete screening in the period.
 */
export async function screeningCoverage(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period, by } = query
  const screened = sql<boolean>`EXISTS (SELECT 1 FROM report_screenings s WHERE s.person_id = report_people.person_id AND s.complete = 1 AND s.sitting_date >= ${period.from} AND s.sitting_date <= ${period.to})`
  const rows = await db
    .selectFrom('report_people')
    .select([groupKey(by).as('g'), countWhere(screened).as('screened'), countWhere(sql<boolean>`NOT ${screened}`).as('not_screened')])
    .where('next_screening_due', 'is not', null)
    .where((eb) => eb.or([eb('start_date', 'is', null), eb('start_date', '<=', period.to)]))
    .where((eb) => eb.or([eb('leaving_date', 'is', null), eb('leaving_date', '>=', period.from)]))
    .where((eb) => eb.or([eb('next_screening_due', '<=', period.to), screened]))
    .groupBy(groupKey(by))
    .execute()
  const figures = rows.flatMap((row) => [
    { row: groupLabel(by, row.g), column: 'Screened', value: n(row.screened) },
    { row: groupLabel(by, row.g), column: 'Not screened', value: n(row.not_screened) }
  ])
  return [
    groupsTable(query, {
      id: 'coverage',
      title: 'People due screening, screened and not screened',
      totalLabel: 'Due',
      columns: ['Screened', 'Not screened'],
      note: 'People in a role with a screening interval, in post during the period, whose screening was due by its end or who were screened in it. Screened means a complete screening in the period.',
      figures
    })
  ]
}

/** RAG distribution: each person's latest screening in the period by band, and every screening by month. */
export async function ragDistribution(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period, by } = query
  const inPeriod = (alias: string) =>
    sql<boolean>`${sql.ref(`${alias}.sitting_date`)} >= ${period.from} AND ${sql.ref(`${alias}.sitting_date`)} <= ${period.to}`
  const latest = await db
    .selectFrom('report_screenings as s')
    .select([groupKey(by).as('g'), 's.rag', sql<number>`count(*)`.as('n')])
    .where(inPeriod('s'))
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM report_screenings l WHERE l.person_id = s.person_id AND ${inPeriod('l')} AND (l.sitting_date > s.sitting_date OR (l.sitting_date = s.sitting_date AND l.screening_id > s.screening_id)))`
    )
    .groupBy([groupKey(by), 's.rag'])
    .execute()
  const month = sql<string>`substr(sitting_date, 1, 7)`
  const monthly = await db
    .selectFrom('report_screenings')
    .select([month.as('month'), 'rag', sql<number>`count(*)`.as('n')])
    .where(inPeriod('report_screenings'))
    .groupBy([month, 'rag'])
    .execute()
  return [
    groupsTable(query, {
      id: 'rag',
      title: 'Latest screening in the period, by RAG rating',
      totalLabel: 'People screened',
      columns: ragColumns,
      note: 'Each person is counted once, by the RAG rating of their latest screening in the period (corrected screenings as corrected).',
      figures: latest.map((row) => ({ row: groupLabel(by, row.g), column: ragNames[row.rag] ?? row.rag, value: n(row.n) }))
    }),
    {
      id: 'rag-trend',
      title: 'Screenings by month and RAG rating',
      kind: 'counts',
      rowHeading: 'Month',
      rows: monthsOf(period),
      sortRows: false,
      comparable: false,
      columns: ragColumns,
      totalLabel: 'Screenings',
      note: 'Every screening in the period, by the month it was done.',
      figures: monthly.map((row) => ({ row: monthLabel(row.month), column: ragNames[row.rag] ?? row.rag, value: n(row.n) }))
    }
  ]
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `2026-09` as "Sep 2026". */
export function monthLabel(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`
}

/** Every month the period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = []
  let year = Number(period.from.slice(0, 4))
  let month = Number(period.from.slice(5, 7))
  const last = period.to.slice(0, 7)
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    months.push(monthLabel(key))
    if (key >= last) return months
    month += 1
    if (month > 12) [year, month] = [year + 1, 1]
  }
}

/** Exposures recorded to incidents in the period, by the incident's category. */
export async function exposures(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period, by } = query
  const rows = await db
    .selectFrom('report_exposures')
    .select([groupKey(by).as('g'), 'category_name', sql<number>`min(category_order)`.as('category_order'), sql<number>`count(*)`.as('n')])
    .where('occurred_on', '>=', period.from)
    .where('occurred_on', '<=', period.to)
    .groupBy([groupKey(by), 'category_name'])
    .orderBy(sql`min(category_order)`)
    .orderBy('category_name')
    .execute()
  return [
    groupsTable(query, {
      id: 'exposures',
      title: 'Exposures by incident category',
      totalLabel: 'Exposures',
      note: 'Each person’s exposure to an incident in the period counts once, under the incident’s category.',
      figures: rows.map((row) => ({ row: groupLabel(by, row.g), column: row.category_name, value: n(row.n) }))
    })
  ]
}

export const waitBands = [
  'Treated within 6 weeks',
  'Treated in 6 to 18 weeks',
  'Treated after 18 weeks',
  'Waiting under 6 weeks',
  'Waiting 6 to 18 weeks',
  'Waiting over 18 weeks'
]

/**
 * Referrals sent in the period: by destination; by how long each waited for treatment (to the
 * end of the period, or today if sooner), with the 6- and 18-week limits of shared/referrals/
 * clocks.ts; and the median and 90th-percentile days to treatment of those treated.
 */
export async function referrals(query: ReportQuery, limits: { sixWeeks: number; eighteenWeeks: number }): Promise<CountedTable[]> {
  const { db, period, by } = query
  const sent = db.selectFrom('report_referrals').where('referred_on', '>=', period.from).where('referred_on', '<=', period.to)
  const byGroup = await sent
    .select([groupKey(by).as('g'), 'destination_name', sql<number>`min(destination_order)`.as('o'), sql<number>`count(*)`.as('n')])
    .groupBy([groupKey(by), 'destination_name'])
    .orderBy(sql`min(destination_order)`)
    .orderBy('destination_name')
    .execute()
  const treated = sql<boolean>`treatment_started_on IS NOT NULL AND treatment_started_on <= ${period.asOf}`
  const waited = (days: number) => addCalendarDays(period.asOf, -days)
  const bands = await sent
    .select([
      'destination_name',
      sql<number>`min(destination_order)`.as('o'),
      countWhere(sql<boolean>`${treated} AND days_to_treatment <= ${limits.sixWeeks}`).as('t6'),
      countWhere(sql<boolean>`${treated} AND days_to_treatment > ${limits.sixWeeks} AND days_to_treatment <= ${limits.eighteenWeeks}`).as(
        't18'
      ),
      countWhere(sql<boolean>`${treated} AND days_to_treatment > ${limits.eighteenWeeks}`).as('tLate'),
      countWhere(sql<boolean>`NOT (${treated}) AND referred_on >= ${waited(limits.sixWeeks)}`).as('w6'),
      countWhere(
        sql<boolean>`NOT (${treated}) AND referred_on < ${waited(limits.sixWeeks)} AND referred_on >= ${waited(limits.eighteenWeeks)}`
      ).as('w18'),
      countWhere(sql<boolean>`NOT (${treated}) AND referred_on < ${waited(limits.eighteenWeeks)}`).as('wLate')
    ])
    .groupBy('destination_name')
    .orderBy(sql`min(destination_order)`)
    .orderBy('destination_name')
    .execute()
  const waits = await sent
    .select(['destination_name', 'days_to_treatment', sql<number>`min(destination_order)`.as('o'), sql<number>`count(*)`.as('n')])
    .where(treated)
    .groupBy(['destination_name', 'days_to_treatment'])
    .orderBy(sql`min(destination_order)`)
    .orderBy('destination_name')
    .orderBy('days_to_treatment')
    .execute()
  const bandFigures = bands.flatMap((row) =>
    [row.t6, row.t18, row.tLate, row.w6, row.w18, row.wLate].map((value, index) => ({
      row: row.destination_name,
      column: waitBands[index] ?? '',
      value: n(value)
    }))
  )
  return [
    groupsTable(query, {
      id: 'referrals',
      title: 'Referrals sent, by destination',
      totalLabel: 'Referrals sent',
      note: 'Referrals sent in the period, by where they went.',
      figures: byGroup.map((row) => ({ row: groupLabel(by, row.g), column: row.destination_name, value: n(row.n) }))
    }),
    {
      id: 'referral-waits',
      title: 'Waits for treatment, by destination',
      kind: 'counts',
      rowHeading: 'Destination',
      sortRows: false,
      columns: waitBands,
      totalLabel: 'Referrals sent',
      note: `Referrals sent in the period, by days from referral to the start of treatment, or to ${period.asOf === period.to ? 'the end of the period' : 'today'} for those still waiting. Over 6 weeks (42 days) or over 18 weeks (126 days) is a breach.`,
      figures: bandFigures
    },
    {
      id: 'referral-wait-times',
      title: 'Days from referral to treatment',
      kind: 'statistics',
      rowHeading: 'Destination',
      rows: bands.map((row) => row.destination_name),
      sortRows: false,
      columns: ['Median', '90th percentile'],
      totalLabel: null,
      note: 'Of referrals sent in the period whose treatment has started. Shown only where 5 or more have started.',
      figures: waitStatistics(waits.map((row) => ({ row: row.destination_name, days: n(row.days_to_treatment), count: n(row.n) })))
    }
  ]
}

/** Median and 90th percentile (nearest rank) per row, from counts of each number of days. */
export function waitStatistics(counts: { row: string; days: number; count: number }[]): Figure[] {
  const byRow = new Map<string, ValueCount[]>()
  for (const entry of counts) byRow.set(entry.row, [...(byRow.get(entry.row) ?? []), { value: entry.days, count: entry.count }])
  return [...byRow].flatMap(([row, values]) => {
    const basis = values.reduce((sum, entry) => sum + entry.count, 0)
    return [
      { row, column: 'Median', value: median(values) ?? 0, basis },
      { row, column: '90th percentile', value: percentile(values, 90) ?? 0, basis }
    ]
  })
}

/** Cases opened in the period, and cases closed in it, each by the reason the case was opened. */
export async function cases(query: ReportQuery, reasonName: (reason: string) => string): Promise<CountedTable[]> {
  const { db, period, by } = query
  const counted = async (column: 'opened_on' | 'closed_on') =>
    db
      .selectFrom('report_cases')
      .select([groupKey(by).as('g'), 'reason', sql<number>`count(*)`.as('n')])
      .where(column, '>=', period.from)
      .where(column, '<=', period.to)
      .groupBy([groupKey(by), 'reason'])
      .orderBy('reason')
      .execute()
  const figures = (rows: { g: string; reason: string; n: unknown }[]) =>
    rows.map((row) => ({ row: groupLabel(by, row.g), column: reasonName(row.reason), value: n(row.n) }))
  return [
    groupsTable(query, {
      id: 'cases-opened',
      title: 'Cases opened, by reason',
      totalLabel: 'Cases opened',
      note: 'Cases opened in the period, by the reason each was opened.',
      figures: figures(await counted('opened_on'))
    }),
    groupsTable(query, {
      id: 'cases-closed',
      title: 'Cases closed, by reason',
      totalLabel: 'Cases closed',
      note: 'Cases closed in the period, by the reason each was opened.',
      figures: figures(await counted('closed_on'))
    })
  ]
}

/** Open cases each clinician held at the end of the period (administrators only: it names clinicians). */
export async function caseload(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period } = query
  const rows = await db
    .selectFrom('report_cases')
    .innerJoin('users', 'users.id', 'report_cases.clinician_id')
    .select(['users.display_name', sql<number>`count(*)`.as('n')])
    .where('report_cases.opened_on', '<=', period.to)
    .where((eb) => eb.or([eb('report_cases.closed_on', 'is', null), eb('report_cases.closed_on', '>', period.to)]))
    .groupBy(['users.id', 'users.display_name'])
    .execute()
  return [
    {
      id: 'caseload',
      title: 'Open cases per clinician at the end of the period',
      kind: 'counts',
      rowHeading: 'Clinician',
      sortRows: true,
      columns: ['Open cases'],
      totalLabel: null,
      note: 'Cases opened on or before the last day of the period and not closed by then, by the clinician holding each now.',
      figures: rows.map((row) => ({ row: row.display_name, column: 'Open cases', value: n(row.n) }))
    }
  ]
}

export const bereavementColumns = ['Accepted', 'Declined', 'No answer yet']

/**
 * People offered bereavement counselling in the period, by their answer by its end (or today):
 * accepted if they accepted after an offer in the period, else declined if they declined.
 */
export async function bereavement(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period, by } = query
  const answered = (status: string) =>
    sql<boolean>`EXISTS (SELECT 1 FROM report_bereavement a WHERE a.person_id = offered.person_id AND a.status = ${status} AND a.happened_on >= offered.first_offer AND a.happened_on <= ${period.asOf})`
  const offered = db
    .selectFrom('report_bereavement')
    .select([groupKey(by).as('g'), 'person_id', sql<string>`min(happened_on)`.as('first_offer')])
    .where('status', '=', 'offered')
    .where('happened_on', '>=', period.from)
    .where('happened_on', '<=', period.to)
    .groupBy([groupKey(by), 'person_id'])
  const rows = await db
    .selectFrom(offered.as('offered'))
    .select([
      'offered.g',
      countWhere(answered('accepted')).as('accepted'),
      countWhere(sql<boolean>`NOT ${answered('accepted')} AND ${answered('declined')}`).as('declined'),
      countWhere(sql<boolean>`NOT ${answered('accepted')} AND NOT ${answered('declined')}`).as('waiting')
    ])
    .groupBy('offered.g')
    .execute()
  return [
    groupsTable(query, {
      id: 'bereavement',
      title: 'Bereavement counselling offered, and the answers',
      totalLabel: 'Offered',
      columns: bereavementColumns,
      note: 'People offered bereavement counselling in the period, each once, by their answer after the offer.',
      figures: rows.flatMap((row) =>
        [row.accepted, row.declined, row.waiting].map((value, index) => ({
          row: groupLabel(by, row.g),
          column: bereavementColumns[index] ?? '',
          value: n(value)
        }))
      )
    })
  ]
}

/** Times people were signposted to each support resource in the period. */
export async function signposting(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period, by } = query
  const rows = await db
    .selectFrom('report_signposting')
    .select([groupKey(by).as('g'), 'resource_name', sql<number>`count(*)`.as('n')])
    .where('signposted_on', '>=', period.from)
    .where('signposted_on', '<=', period.to)
    .groupBy([groupKey(by), 'resource_name'])
    .orderBy(sql`min(resource_order)`)
    .orderBy('resource_name')
    .execute()
  return [
    groupsTable(query, {
      id: 'signposting',
      title: 'Signposting, by support resource',
      totalLabel: 'Times signposted',
      note: 'Each time someone was signposted to a resource in the period.',
      figures: rows.map((row) => ({ row: groupLabel(by, row.g), column: row.resource_name, value: n(row.n) }))
    })
  ]
}

export const trimColumns = { initial: ['Within 72 hours', 'Later', 'Not done yet'], followUp: ['Within 28 days', 'Later', 'Not done yet'] }

/**
 * TRiM offers for incidents in the period: whether the initial assessment was done within 72
 * hours (3 days) of the incident and the follow-up within 28 days. Unlike waits, which stop at
 * the period's end, an assessment done on time after the period ends still counts as on time:
 * its deadline, not the period, decides.
 */
export async function trim(query: ReportQuery): Promise<CountedTable[]> {
  const { db, period, by } = query
  const done = (column: 'initial_on' | 'follow_up_on') =>
    sql<boolean>`${sql.ref(column)} IS NOT NULL AND ${sql.ref(column)} <= ${period.today}`
  const counted = (column: 'initial_on' | 'follow_up_on', days: 'days_to_initial' | 'days_to_follow_up', limit: number) =>
    db
      .selectFrom('report_trim')
      .select([
        groupKey(by).as('g'),
        countWhere(sql<boolean>`${done(column)} AND ${sql.ref(days)} <= ${limit}`).as('on_time'),
        countWhere(sql<boolean>`${done(column)} AND ${sql.ref(days)} > ${limit}`).as('late'),
        countWhere(sql<boolean>`NOT (${done(column)})`).as('not_done')
      ])
      .where('occurred_on', '>=', period.from)
      .where('occurred_on', '<=', period.to)
      .groupBy(groupKey(by))
      .execute()
  const figures = (rows: { g: string; on_time: unknown; late: unknown; not_done: unknown }[], columns: string[]) =>
    rows.flatMap((row) =>
      [row.on_time, row.late, row.not_done].map((value, index) => ({
        row: groupLabel(by, row.g),
        column: columns[index] ?? '',
        value: n(value)
      }))
    )
  return [
    groupsTable(query, {
      id: 'trim-initial',
      title: 'TRiM initial assessments',
      totalLabel: 'People offered TRiM',
      columns: trimColumns.initial,
      note: 'People offered TRiM after an incident in the period, by when their initial assessment was done: within 72 hours is within 3 days of the incident.',
      figures: figures(await counted('initial_on', 'days_to_initial', 3), trimColumns.initial)
    }),
    groupsTable(query, {
      id: 'trim-follow-up',
      title: 'TRiM follow-up assessments',
      totalLabel: 'People offered TRiM',
      columns: trimColumns.followUp,
      note: 'The same people, by when their follow-up assessment was done, counted from the incident.',
      figures: figures(await counted('follow_up_on', 'days_to_follow_up', 28), trimColumns.followUp)
    })
  ]
}
