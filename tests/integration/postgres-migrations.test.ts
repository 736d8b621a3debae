import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { latestVersion, migrate, NewerDatabaseError } from '../../electron/core/store/migrate'
import { migrations, type Migration } from '../../electron/core/store/migrations'
import { migratePostgres, postgresSchemaVersion } from '../../electron/core/store/postgres/migrate'
import { startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster'
import { rawStore } from '../fixtures/raw-store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

// The migration list's PostgreSQL parts, run on a real server: the same tables and columns as
// SQLite, the same rules kept by the database, atomic, and refusing a newer schema.
describe('migrations on PostgreSQL', () => {
  let cluster: PostgresCluster
  const clients: pg.Client[] = []

  beforeAll(() => {
    cluster = startPostgresCluster()
  }, 120_000)

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined)
    cluster?.stop()
  })

  /** A connection to a new, empty database of its own. */
  async function freshDatabase(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: await cluster.createDatabase(`t_${randomUUID().replaceAll('-', '')}`) })
    await client.connect()
    clients.push(client)
    return client
  }

  async function migrated(): Promise<pg.Client> {
    const client = await freshDatabase()
    await migratePostgres(client)
    return client
  }

  it('every shipped step has a PostgreSQL part', () => {
    expect(migrations.filter((migration) => !migration.postgres).map((migration) => migration.name)).toEqual([])
  })

  it('brings an empty database to the latest version, and running again changes nothing', async () => {
    const client = await freshDatabase()
    expect(await postgresSchemaVersion(client)).toBe(0)
    expect(await migratePostgres(client)).toBe(latestVersion())
    const tables = await client.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()')
    expect(await migratePostgres(client)).toBe(latestVersion())
    const again = await client.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()')
    expect(again.rows).toEqual(tables.rows)
  })

  it('makes the same tables and columns, with the same nullability, as on SQLite', async () => {
    const store = rawStore(tempFolder())
    const sqlite = store.open()
    migrate(sqlite)
    const sqliteTables = (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_search%'"
        )
        .all() as { name: string }[]
    ).map((row) => row.name)
    const expected = sqliteTables
      .flatMap((table) =>
        (
          sqlite.prepare(`SELECT name, "notnull", pk FROM pragma_table_xinfo(?)`).all(table) as {
            name: string
            notnull: number
            pk: number
          }[]
        ).map((column) => `${table}.${column.name} ${column.notnull || column.pk ? 'not null' : 'null'}`)
      )
      .sort()
    sqlite.close()

    const client = await migrated()
    const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'harbour_schema'"
    )
    const actual = columns.rows
      .map((column) => `${column.table_name}.${column.column_name} ${column.is_nullable === 'YES' ? 'null' : 'not null'}`)
      .sort()
    expect(actual).toEqual(expected)
  })

  it('seeds the same role catalogue', async () => {
    const client = await migrated()
    const store = rawStore(tempFolder())
    const sqlite = store.open()
    migrate(sqlite)
    const expected = sqlite.prepare('SELECT id, name, risk_tier, screening_interval_months, screening_battery FROM roles ORDER BY id').all()
    sqlite.close()
    const roles = await client.query(
      'SELECT id, name::text, risk_tier, screening_interval_months, screening_battery FROM roles ORDER BY id COLLATE "C"'
    )
    expect(roles.rows).toEqual(expected)
  })

  it('keeps the audit log, notes and locked screening results append-only', async () => {
    const client = await migrated()
    await client.query(
      `INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (1, '2026-12-01T09:00:00Z', 'store.created', 'genesis', 'h1')`
    )
    await expect(client.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow('The audit log is append-only.')
    await expect(client.query('DELETE FROM audit_log')).rejects.toThrow('The audit log is append-only.')
    await expect(client.query('TRUNCATE audit_log')).rejects.toThrow('The audit log is append-only.')
    const left = await client.query('SELECT action FROM audit_log')
    expect(left.rows).toEqual([{ action: 'store.created' }])

    await seedPersonWithCase(client)
    await client.query(
      `INSERT INTO notes (id, case_id, person_id, type, contact_date, text, author_id, created_at) VALUES ('n1', 'c1', 'p1', 'telephone', '2026-12-01', 'Spoke by phone', 'u1', '2026-12-01T09:00:00Z')`
    )
    await expect(client.query(`UPDATE notes SET text = 'rewritten'`)).rejects.toThrow('Notes are append-only: add an amendment instead.')
    await expect(client.query('DELETE FROM notes')).rejects.toThrow('Notes are append-only')

    await client.query(
      `INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s1', 'p1', '2026-12-01', 'clinician-entered', 'green', 'u1', '2026-12-01T09:00:00Z')`
    )
    await client.query(
      `INSERT INTO screening_results (screening_id, instrument_id, answers, total, complete, scoring_version) VALUES ('s1', 'phq9', '[0,0,0,0,0,0,0,0,0]', 0, 1, 'v1')`
    )
    await expect(client.query('UPDATE screening_results SET total = 27')).rejects.toThrow(
      'Completed screenings are locked: save a correction instead.'
    )
    await expect(client.query('DELETE FROM screening_results')).rejects.toThrow('Completed screenings are locked')
    expect((await client.query('SELECT total FROM screening_results')).rows).toEqual([{ total: 0 }])
  })

  it('keeps referral steps append-only, TRUNCATE included, and starts the destinations catalogue', async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    expect((await client.query('SELECT name FROM referral_destinations ORDER BY sort_order LIMIT 2')).rows).toEqual([
      { name: 'GP' },
      { name: 'NHS Talking Therapies' }
    ])
    await client.query(
      `INSERT INTO referrals (id, person_id, destination_id, reason, urgency, status, last_step_on, created_by, created_at, updated_at) VALUES ('r1', 'p1', 'gp', 'r', 'routine', 'drafted', '2026-12-01', 'u1', 't', 't')`
    )
    await client.query(
      `INSERT INTO referral_steps (id, referral_id, step_number, person_id, status, happened_on, recorded_by, recorded_at) VALUES ('s1', 'r1', 1, 'p1', 'drafted', '2026-12-01', 'u1', 't')`
    )
    for (const statement of [
      `UPDATE referral_steps SET status = 'sent'`,
      'DELETE FROM referral_steps',
      'TRUNCATE referral_steps CASCADE'
    ]) {
      await expect(client.query(statement)).rejects.toThrow('A referral step cannot be changed or removed')
    }
    expect((await client.query('SELECT status FROM referral_steps')).rows).toEqual([{ status: 'drafted' }])
  })

  it('starts the incident categories with their weights and keeps one exposure per person per incident', async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    expect((await client.query('SELECT name, weight FROM incident_categories ORDER BY sort_order LIMIT 2')).rows).toEqual([
      { name: 'Death of a child', weight: 5 },
      { name: 'Sudden death', weight: 3 }
    ])
    await expect(
      client.query(
        `INSERT INTO incident_categories (id, name, weight, sort_order, created_at, updated_at) VALUES ('x', 'SUICIDE', 3, 1, 't', 't')`
      )
    ).rejects.toThrow(/unique/)
    await client.query(
      `INSERT INTO incidents (id, occurred_on, category_id, reference, created_by, created_at) VALUES ('i1', '2026-12-01', 'suicide', 'CAD 1', 'u1', 't')`
    )
    const exposure = `INSERT INTO exposures (id, incident_id, person_id, occurred_on, part, intensity, weight, hours_reviewed, recorded_by, recorded_at) VALUES ($1, 'i1', 'p1', '2026-12-01', 'viewed-material', 'low', 4, 1.5, 'u1', 't')`
    await client.query(exposure, ['e1'])
    await expect(client.query(exposure, ['e2'])).rejects.toThrow(/unique/)
    expect((await client.query('SELECT hours_reviewed FROM exposures')).rows).toEqual([{ hours_reviewed: 1.5 }])
  })

  it('keeps consent records (withdrawn once, never removed, TRUNCATE included) and released management advice reports', async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    await client.query(
      `INSERT INTO consents (id, person_id, purpose, destination_id, recipient, scope, given_on, recorded_by, recorded_at) VALUES ('c1', 'p1', 'management-advice', NULL, 'Inspector Cole', 's', '2026-12-01', 'u1', 't')`
    )
    await expect(
      client.query(
        `INSERT INTO consents (id, person_id, purpose, destination_id, recipient, scope, given_on, recorded_by, recorded_at) VALUES ('c2', 'p1', 'referral', NULL, 'GP', 's', '2026-12-01', 'u1', 't')`
      )
    ).rejects.toThrow(/check/)
    for (const statement of ['DELETE FROM consents', 'TRUNCATE consents CASCADE'])
      await expect(client.query(statement)).rejects.toThrow('A consent record cannot be removed')
    await client.query(`UPDATE consents SET withdrawn_on = '2026-12-02'`)
    await expect(client.query(`UPDATE consents SET withdrawn_on = NULL`)).rejects.toThrow('A withdrawn consent cannot be changed')
    await client.query(
      `INSERT INTO management_advice_reports (id, person_id, manager_name, fitness, asked_to_see_first, status, created_by, created_at, updated_at) VALUES ('m1', 'p1', 'Inspector Cole', 'fit', 1, 'released', 'u1', 't', 't')`
    )
    await expect(client.query(`UPDATE management_advice_reports SET fitness = 'unfit'`)).rejects.toThrow(
      'A released management advice report cannot be changed or removed'
    )
    for (const statement of ['DELETE FROM management_advice_reports', 'TRUNCATE management_advice_reports CASCADE'])
      await expect(client.query(statement)).rejects.toThrow('A management advice report cannot be removed')
  })

  it('keeps signposting records and bereavement counselling entries append-only, TRUNCATE included, and starts the resources catalogue', async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    expect((await client.query('SELECT name FROM support_resources ORDER BY sort_order LIMIT 2')).rows).toEqual([
      { name: 'Stress management toolkit' },
      { name: 'Trauma risk management hub' }
    ])
    await client.query(
      `INSERT INTO signposting_records (id, person_id, resource_id, signposted_on, recorded_by, recorded_at) VALUES ('s1', 'p1', 'mindfulness-resources', '2026-12-01', 'u1', 't')`
    )
    for (const statement of [
      `UPDATE signposting_records SET signposted_on = '2026-12-02'`,
      'DELETE FROM signposting_records',
      'TRUNCATE signposting_records CASCADE'
    ]) {
      await expect(client.query(statement)).rejects.toThrow('A signposting record cannot be changed or removed')
    }
    await client.query(
      `INSERT INTO bereavement_counselling (id, person_id, case_id, status, happened_on, recorded_by, recorded_at) VALUES ('b1', 'p1', 'c1', 'offered', '2026-12-01', 'u1', 't')`
    )
    for (const statement of [
      `UPDATE bereavement_counselling SET status = 'accepted'`,
      'DELETE FROM bereavement_counselling',
      'TRUNCATE bereavement_counselling CASCADE'
    ]) {
      await expect(client.query(statement)).rejects.toThrow('A bereavement counselling entry cannot be changed or removed')
    }
    expect((await client.query('SELECT status FROM bereavement_counselling')).rows).toEqual([{ status: 'offered' }])
  })

  it("keeps each person's next screening date from complete sittings, as SQLite does", async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    await client.query(`UPDATE roles SET screening_interval_months = 6 WHERE id = (SELECT role_id FROM people WHERE id = 'p1')`)
    expect((await client.query(`SELECT next_screening_due FROM people WHERE id = 'p1'`)).rows).toEqual([
      { next_screening_due: '0001-01-01' }
    ])
    await client.query(
      `INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at, complete) VALUES ('s1', 'p1', '2026-03-15', 'clinician-entered', 'green', 'u1', '2026-03-15T10:00:00Z', 1)`
    )
    expect((await client.query(`SELECT next_screening_due FROM people WHERE id = 'p1'`)).rows).toEqual([
      { next_screening_due: '2026-09-15' }
    ])
    // An incomplete sitting does not reset the clock.
    await client.query(
      `INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at, complete) VALUES ('s2', 'p1', '2026-05-01', 'clinician-entered', 'amber', 'u1', '2026-05-01T10:00:00Z', 0)`
    )
    expect((await client.query(`SELECT next_screening_due FROM people WHERE id = 'p1'`)).rows).toEqual([
      { next_screening_due: '2026-09-15' }
    ])
    // A person moved to a role with no interval is not recalled.
    await client.query(`UPDATE people SET role_id = (SELECT id FROM roles WHERE screening_interval_months IS NULL LIMIT 1) WHERE id = 'p1'`)
    expect((await client.query(`SELECT next_screening_due FROM people WHERE id = 'p1'`)).rows).toEqual([{ next_screening_due: null }])
  })

  it("recalls people in roles exposed to traumatic content as SQLite does, moving only that role's people", async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    await client.query(`UPDATE people SET role_id = 'communications-press' WHERE id = 'p1'`)
    await insertPerson(client, 'p2', 'Press')
    await insertPerson(client, 'p3', 'Response')
    await client.query(`UPDATE people SET role_id = 'communications-press' WHERE id = 'p2'`)
    await client.query(`UPDATE people SET role_id = 'neighbourhood' WHERE id = 'p3'`)
    await client.query(
      `INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at, complete) VALUES ('s1', 'p1', '2026-03-31', 'clinician-entered', 'green', 'u1', '2026-03-31T10:00:00Z', 1)`
    )
    const dues = async () =>
      Object.fromEntries(
        (await client.query<{ id: string; d: string | null }>('SELECT id, next_screening_due AS d FROM people ORDER BY id')).rows.map(
          (row) => [row.id, row.d]
        )
      )
    const listed = { p1: '2027-03-31', p2: '0001-01-01', p3: null }
    expect(await dues()).toEqual(listed)
    await client.query(`UPDATE roles SET traumatic_content = 0 WHERE id = 'communications-press'`)
    expect(await dues()).toEqual({ p1: null, p2: null, p3: null })
    await client.query(`UPDATE roles SET traumatic_content = 1 WHERE id = 'communications-press'`)
    expect(await dues()).toEqual(listed)
    // Months end on the last day of a shorter month on PostgreSQL (see 0040).
    await client.query(`INSERT INTO settings VALUES ('traumaticContentRecallMonths', '2')`)
    expect(await dues()).toEqual({ ...listed, p1: '2026-05-31' })
    await client.query(`UPDATE settings SET value = '"soon"' WHERE key = 'traumaticContentRecallMonths'`)
    expect(await dues()).toEqual(listed)
    await client.query(`UPDATE settings SET value = '14' WHERE key = 'traumaticContentRecallMonths'`)
    await client.query(`DELETE FROM settings WHERE key = 'traumaticContentRecallMonths'`)
    expect(await dues()).toEqual(listed)
    // Other settings leave recall alone; a role's own interval wins over the setting.
    await client.query(`INSERT INTO settings VALUES ('traumaticContentRecallMonths', '2'), ('idleLockMinutes', '7')`)
    await client.query(`UPDATE roles SET screening_interval_months = 24 WHERE id = 'communications-press'`)
    expect(await dues()).toEqual({ ...listed, p1: '2028-03-31' })
  })

  it('counts department spellings of unrestricted people only, as people change', async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    const counts = async () => (await client.query('SELECT department, people FROM department_spellings ORDER BY department')).rows
    expect(await counts()).toEqual([{ department: 'Response', people: 1 }])
    await insertPerson(client, 'p2', 'Response')
    await insertPerson(client, 'p3', 'response')
    expect(await counts()).toEqual([
      { department: 'Response', people: 2 },
      { department: 'response', people: 1 }
    ])
    await client.query(`UPDATE people SET restricted = 1 WHERE id = 'p2'`)
    await client.query(`UPDATE people SET department = '  ' WHERE id = 'p3'`)
    expect(await counts()).toEqual([{ department: 'Response', people: 1 }])
  })

  it('finds people by any part of the search key through the trigram index', async () => {
    const client = await migrated()
    await seedPersonWithCase(client)
    await client.query('SET enable_seqscan = off')
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM people WHERE search_key LIKE '%obri%'`)
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('people_search')
    expect((await client.query(`SELECT id FROM people WHERE search_key LIKE '%obri%'`)).rows).toEqual([{ id: 'p1' }])
  })

  it('a failing step leaves the schema and version exactly as they were', async () => {
    const client = await migrated()
    const failing: Migration[] = [
      ...migrations,
      {
        version: latestVersion() + 10,
        name: 'failing',
        up: () => undefined,
        postgres: async (run) => {
          await run('CREATE TABLE half_done (x integer); INSERT INTO half_done VALUES (1);')
          throw new Error('migration failed halfway')
        }
      }
    ]
    await expect(migratePostgres(client, failing)).rejects.toThrow('migration failed halfway')
    expect(await postgresSchemaVersion(client)).toBe(latestVersion())
    expect((await client.query("SELECT to_regclass('half_done') IS NULL AS gone")).rows).toEqual([{ gone: true }])
  })

  it('refuses a server whose schema is newer, writing nothing', async () => {
    const client = await migrated()
    await client.query('UPDATE harbour_schema SET version = $1', [latestVersion() + 10])
    await expect(migratePostgres(client)).rejects.toBeInstanceOf(NewerDatabaseError)
    expect(await postgresSchemaVersion(client)).toBe(latestVersion() + 10)
  })

  it('refuses a list with a step that has no PostgreSQL part, before touching the server', async () => {
    const client = await freshDatabase()
    const partial: Migration[] = [...migrations, { version: latestVersion() + 10, name: 'sqlite_only', up: () => undefined }]
    await expect(migratePostgres(client, partial)).rejects.toThrow('Migration sqlite_only has no PostgreSQL part.')
    expect(await postgresSchemaVersion(client)).toBe(0)
  })
})

async function seedPersonWithCase(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO users (id, username, display_name, roles, status, created_at, updated_at) VALUES ('u1', 'priya', 'Priya Shah', '["clinician"]', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`
  )
  await insertPerson(client, 'p1', 'Response', 'obrien pc1 sian')
  await client.query(
    `INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, opened_on, created_at, updated_at) VALUES ('c1', 'p1', 'screening', 'u1', 'open', 'routine', '2026-12-01', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z')`
  )
}

async function insertPerson(client: pg.Client, id: string, department: string, searchKey = `person ${id}`): Promise<void> {
  await client.query(
    `INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, department, search_key, created_at, updated_at)
     VALUES ($1, $2, 'Sian', 'O''Brien', 'police-officer', (SELECT id FROM roles ORDER BY id LIMIT 1), $3, $4, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    [id, `PC-${id}`, department, searchKey]
  )
}
