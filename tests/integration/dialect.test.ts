import { randomUUID } from 'node:crypto'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Queries } from '../../electron/core/context'
import { caseloadCountsQuery, caseloadPageQuery, teamQuery } from '../../electron/core/services/caseload'
import { searchCountQuery, searchQuery } from '../../electron/core/services/people-search'
import { departmentsQuery, duePageQuery, dueQuery } from '../../electron/core/services/screening-recall'
import { countWhere, postgresDialect, sqliteDialect, type Dialect } from '../../electron/core/store/dialect'
import { migrate } from '../../electron/core/store/migrate'
import { migratePostgres } from '../../electron/core/store/postgres/migrate'
import type { HarbourDatabase } from '../../electron/core/store/schema'
import { personSearchKey } from '../../electron/core/store/search-keys'
import { startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster'
import { rawStore } from '../fixtures/raw-store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

// Each dialect (electron/core/store/dialect) says how its engine writes what SQLite and
// PostgreSQL write differently. The proof that the services' queries need nothing else: the
// same query builders, over the same rows, give the same answers on a real encrypted SQLite
// store and a real PostgreSQL server.

const today = '2026-11-26'
const me = 'u-me'
const other = 'u-other'
const stamp = '2026-01-01T00:00:00.000Z'

interface PersonRow {
  id: string
  staff: string
  given: string
  family: string
  department: string | null
  restricted?: boolean
}

const people: PersonRow[] = [
  { id: 'p1', staff: 'PC1001', given: 'Aoife', family: "O'Brien", department: 'Firearms' },
  { id: 'p2', staff: 'PC1002', given: 'brian', family: 'Obrien', department: 'Firearms' },
  { id: 'p8', staff: 'PC1005', given: 'Kate', family: 'Long', department: 'firearms' },
  { id: 'p3', staff: 'PC1003', given: 'Zoë', family: 'Smith', department: 'FIREARMS' },
  { id: 'p4', staff: 'PS2001', given: 'John', family: 'smith', department: 'Custody' },
  { id: 'p5', staff: 'PS2002', given: 'Jo', family: 'Smithers', department: 'Custody', restricted: true },
  { id: 'p6', staff: 'PC1004', given: 'Alan', family: 'Blacksmith', department: null },
  { id: 'p7', staff: 'SC3001', given: 'Amir', family: 'Patel', department: 'Control room', restricted: true }
]

/** The same rows, written through Kysely's builders, on either engine. */
async function fill(db: Kysely<HarbourDatabase>): Promise<void> {
  const role = await db
    .selectFrom('roles')
    .select('id')
    .where('screening_interval_months', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('users')
    .values([
      {
        id: me,
        username: 'me',
        display_name: 'Me',
        roles: '["clinician"]',
        status: 'active',
        must_change_passphrase: 0,
        created_at: stamp,
        updated_at: stamp
      },
      {
        id: other,
        username: 'other',
        display_name: 'Other',
        roles: '["admin","reporting"]',
        status: 'active',
        must_change_passphrase: 0,
        created_at: stamp,
        updated_at: stamp
      },
      {
        id: 'u-gone',
        username: 'gone',
        display_name: 'Gone',
        roles: '["clinician"]',
        status: 'disabled',
        must_change_passphrase: 0,
        created_at: stamp,
        updated_at: stamp
      }
    ])
    .execute()
  for (const [index, person] of people.entries()) {
    await db
      .insertInto('people')
      .values({
        id: person.id,
        staff_number: person.staff,
        title: null,
        given_name: person.given,
        family_name: person.family,
        preferred_name: null,
        date_of_birth: null,
        employment_type: 'police-officer',
        role_id: role.id,
        department: person.department,
        line_manager: null,
        email: null,
        phone: null,
        start_date: null,
        leaving_date: null,
        restricted: person.restricted ? 1 : 0,
        adjustments: null,
        search_key: personSearchKey({ staffNumber: person.staff, givenName: person.given, familyName: person.family, preferredName: null }),
        // A second apart, in the order written: "as written" is the same order on both engines.
        created_at: `2026-01-01T00:00:0${index}.000Z`,
        updated_at: stamp
      })
      .execute()
  }
  // p5 names me; p7 names the other user only.
  await db
    .insertInto('person_access')
    .values([
      { person_id: 'p5', user_id: me },
      { person_id: 'p7', user_id: other }
    ])
    .execute()
  const caseRow = (
    id: string,
    personId: string,
    extra: Partial<{ priority: string; next_review_date: string | null; flags: string; reason: string }>
  ) => ({
    id,
    person_id: personId,
    reason: extra.reason ?? 'self-referral',
    assigned_clinician_id: me,
    status: 'open',
    priority: extra.priority ?? 'routine',
    next_review_date: extra.next_review_date ?? null,
    flags: extra.flags ?? '[]',
    pathway: '{}',
    last_contact_date: null,
    opened_on: '2026-10-01',
    closed_on: null,
    closure_outcome: null,
    created_at: stamp,
    updated_at: stamp,
    opened_by: me
  })
  await db
    .insertInto('cases')
    .values([
      caseRow('c1', 'p1', { priority: 'urgent', next_review_date: '2026-11-01', flags: '["under-investigation"]' }),
      caseRow('c2', 'p3', { next_review_date: '2026-12-01', flags: '["bereavement","trim"]' }),
      caseRow('c3', 'p4', { priority: 'urgent', reason: 'under-investigation' }),
      caseRow('c4', 'p5', { next_review_date: '2026-10-01' }),
      caseRow('c5', 'p7', { flags: '["under-investigation"]' })
    ])
    .execute()
}

type CaseloadFilters = Partial<Pick<Parameters<typeof caseloadPageQuery>[3], 'flag' | 'overdueOnly' | 'sort' | 'direction'>>

const caseloadQuery = { sort: 'name', direction: 'asc', overdueOnly: false, page: { offset: 0, limit: 50 } } as const

/** What each query the services run answers, as plain values, so the engines can be compared. */
async function answers(queries: Queries) {
  const ids = async (query: string) => (await searchQuery(queries, me, query, 20).execute()).map((row) => row.id)
  const count = async (query: string) => Number((await searchCountQuery(queries.dialect, me, query).execute(queries.db)).rows[0]?.n)
  const caseload = async (filters: CaseloadFilters) =>
    (await caseloadPageQuery(queries, me, me, { ...caseloadQuery, ...filters }, today).execute()).map((row) => row.case_id)
  const counts = async (filters: Pick<CaseloadFilters, 'flag' | 'overdueOnly'>) =>
    (await caseloadCountsQuery(queries, me, me, { overdueOnly: false, ...filters }, today).execute()).map((row) => ({
      status: row.status,
      n: Number(row.n),
      overdue: Number(row.overdue),
      urgent: Number(row.urgent),
      matching: Number(row.matching)
    }))
  return {
    search: {
      obrien: await ids('obrien'),
      brien: await ids('brien'),
      smith: await ids('smith'),
      joSmith: await ids('jo smith'),
      s: await ids('s'),
      pc: await ids('pc'),
      zoe: await ids('zoe'),
      nobody: await ids('xyzzy')
    },
    searchCount: { smith: await count('smith'), s: await count('s'), joSmith: await count('jo smith'), pa: await count('pa') },
    caseload: {
      byName: await caseload({}),
      byNameDescending: await caseload({ direction: 'desc' }),
      byPriority: await caseload({ sort: 'priority' }),
      flagged: await caseload({ flag: 'under-investigation' }),
      bereavement: await caseload({ flag: 'bereavement' }),
      overdue: await caseload({ overdueOnly: true })
    },
    counts: { all: await counts({}), flagged: await counts({ flag: 'under-investigation' }) },
    team: (await teamQuery(queries, today).execute()).map((row) => ({
      id: row.id,
      openCases: Number(row.open_cases),
      urgent: Number(row.urgent),
      overdue: Number(row.overdue_reviews)
    })),
    due: {
      firearms: (
        await dueQuery(queries, me, today, '2026-12-26', { department: 'fIrEaRmS' }).select('people.id').orderBy('people.id').execute()
      ).map((row) => row.id),
      everyone: (await dueQuery(queries, me, today, '2026-12-26', {}).select('people.id').orderBy('people.id').execute()).map(
        (row) => row.id
      ),
      // A page from the middle, in due-date order with ties as written, and its last sittings.
      page: (await duePageQuery(queries, me, today, '2026-12-26', {}, { offset: 1, limit: 4 }).execute()).map((row) => [
        row.id,
        row.next_screening_due,
        row.last_screened
      ])
    },
    departments: (await departmentsQuery(queries, me).execute()).map((row) => row.department),
    departmentsForOther: (await departmentsQuery(queries, other).execute()).map((row) => row.department)
  }
}

/** What the answers must be: written out, so both engines are held to the rule and not only to each other. */
const expected = {
  search: {
    // Equal rank, equal surname key: forename order, whatever its case.
    obrien: ['p1', 'p2'],
    brien: ['p1', 'p2'],
    smith: ['p4', 'p3', 'p5', 'p6'],
    joSmith: ['p4', 'p5'],
    s: ['p4', 'p3', 'p5'],
    // A staff number prefix: by surname key (blacksmith, long, obrien, obrien, smith).
    pc: ['p6', 'p8', 'p1', 'p2', 'p3'],
    zoe: ['p3'],
    nobody: []
  },
  searchCount: { smith: 4, s: 3, joSmith: 2, pa: 0 },
  caseload: {
    byName: ['c1', 'c3', 'c2', 'c4'],
    byNameDescending: ['c4', 'c2', 'c3', 'c1'],
    byPriority: ['c1', 'c3', 'c2', 'c4'],
    flagged: ['c1', 'c3'],
    bereavement: ['c2'],
    overdue: ['c1', 'c4']
  },
  counts: {
    all: [{ status: 'open', n: 4, overdue: 2, urgent: 2, matching: 4 }],
    flagged: [{ status: 'open', n: 4, overdue: 2, urgent: 2, matching: 2 }]
  },
  team: [{ id: me, openCases: 5, urgent: 2, overdue: 2 }],
  // Every spelling of Firearms; p7 is restricted and does not name me.
  due: {
    firearms: ['p1', 'p2', 'p3', 'p8'],
    everyone: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8'],
    // All never screened, so due now ("0001-01-01") and in the order written (p8 before p3); p1 is on the page before.
    page: [
      ['p2', '0001-01-01', null],
      ['p8', '0001-01-01', null],
      ['p3', '0001-01-01', null],
      ['p4', '0001-01-01', null]
    ]
  },
  departments: ['Custody', 'Firearms'],
  // Control room is only on p7, whom only the other user may see.
  departmentsForOther: ['Control room', 'Custody', 'Firearms']
}

describe('the services’ queries on both engines, through their dialects', () => {
  let cluster: PostgresCluster
  let postgres: Kysely<HarbourDatabase>
  let sqlite: Kysely<HarbourDatabase>
  const postgresDatabase = `d_${randomUUID().replaceAll('-', '')}`

  beforeAll(async () => {
    cluster = startPostgresCluster()
    const url = await cluster.createDatabase(postgresDatabase)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await migratePostgres(client)
    await client.end()
    postgres = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) })
    const store = rawStore(tempFolder()).open()
    migrate(store)
    sqlite = new Kysely({ dialect: new SqliteDialect({ database: store }) })
    await fill(postgres)
    await fill(sqlite)
  }, 120_000)

  afterAll(async () => {
    await postgres?.destroy()
    await sqlite?.destroy()
    cluster?.stop()
  })

  it('answers every list the same on SQLite and PostgreSQL, and rightly', async () => {
    const onSqlite = await answers({ db: sqlite, dialect: sqliteDialect })
    const onPostgres = await answers({ db: postgres, dialect: postgresDialect })
    expect(onSqlite).toEqual(expected)
    expect(onPostgres).toEqual(expected)
  })

  it('gives each expression of a dialect the same value on its engine', async () => {
    const each = async (db: Kysely<HarbourDatabase>, dialect: Dialect) => {
      const row = await db
        .selectFrom('users')
        .where('users.id', '=', me)
        .select([
          dialect.jsonArrayHas('users.roles', 'clinician').as('clinician'),
          dialect.jsonArrayHas('users.roles', 'admin').as('admin'),
          sql<boolean>`${dialect.caseless(sql.val('Firearms'))} = ${dialect.caseless(sql.val('fIREARMS'))}`.as('caseless'),
          dialect.contains(sql.val('o brien aoife'), 'brie').as('contains'),
          dialect.contains(sql.val('o brien aoife'), 'x').as('absent')
        ])
        .executeTakeFirstOrThrow()
      const tally = await db
        .selectFrom('cases')
        .select([countWhere(sql<boolean>`cases.priority = 'urgent'`).as('urgent'), countWhere(sql<boolean>`1 = 0`).as('none')])
        .executeTakeFirstOrThrow()
      const written = await db.selectFrom('cases').select('cases.id').orderBy(dialect.insertionOrder('cases')).execute()
      return {
        clinician: Boolean(row.clinician),
        admin: Boolean(row.admin),
        caseless: Boolean(row.caseless),
        contains: Boolean(row.contains),
        absent: Boolean(row.absent),
        urgent: Number(tally.urgent),
        none: Number(tally.none),
        written: written.map((r) => r.id)
      }
    }
    const want = {
      clinician: true,
      admin: false,
      caseless: true,
      contains: true,
      absent: false,
      urgent: 2,
      none: 0,
      written: ['c1', 'c2', 'c3', 'c4', 'c5']
    }
    expect(await each(sqlite, sqliteDialect)).toEqual(want)
    expect(await each(postgres, postgresDialect)).toEqual(want)
  })

  it('finds people on PostgreSQL through the trigram index, not by reading every person', async () => {
    const client = new pg.Client({ connectionString: cluster.url(postgresDatabase) })
    await client.connect()
    try {
      // Seven people fit one page, so the planner would read them all: forbid that, and see
      // whether the query can use the index at all (if it cannot, the plan still scans).
      await client.query('SET enable_seqscan = off')
      const plan = async (query: string) => {
        const compiled = searchQuery({ db: postgres, dialect: postgresDialect }, me, query, 20).compile()
        const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${compiled.sql}`, [...compiled.parameters])
        return result.rows.map((row) => row['QUERY PLAN']).join('\n')
      }
      for (const query of ['smith', 'jo smith', 'obrien']) {
        const text = await plan(query)
        expect(text).toMatch(/Index Scan on people_search/)
        expect(text).not.toMatch(/Seq Scan on people/)
      }
    } finally {
      await client.end()
    }
  })
})
