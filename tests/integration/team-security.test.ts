import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { latestVersion } from '../../electron/core/store/migrate'
import { appendAuditOnPostgres, verifyAuditChainOnPostgres } from '../../electron/core/store/postgres/audit'
import { addTeamUser, initialiseTeamServer, verifyTeamServer } from '../../electron/core/store/postgres/team-setup'
import { startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster'

// Need-to-know enforced by the server itself: each client here connects straight to PostgreSQL
// with a user's passphrase, as a hand-made client would, and gets no more than Harbour shows.
const at = new Date('2026-12-01T09:00:00Z')
const passphrases = {
  ada: 'ada lovelace engine notes',
  priya: 'priya tea garden sunrise',
  tom: 'tom kettle harbour lights',
  tara: 'tara copper kestrel flats',
  tim: 'tim slate heron morning'
}

describe('need-to-know on a team server', () => {
  let cluster: PostgresCluster
  let owner: pg.Client
  const open: pg.Client[] = []
  const ids = { ada: '', priya: '', tom: '', tara: '', tim: '' }
  const database = 'harbour_rls'

  async function as(user: keyof typeof passphrases, password: string = passphrases[user]): Promise<pg.Client> {
    const client = new pg.Client({ host: cluster.socketFolder, port: cluster.port, database, user, password })
    await client.connect()
    open.push(client)
    return client
  }

  beforeAll(async () => {
    cluster = startPostgresCluster()
    owner = new pg.Client({ connectionString: await cluster.createDatabase(database) })
    await owner.connect()
    const setUp = await initialiseTeamServer(
      owner,
      database,
      { username: 'ada', displayName: 'Ada Admin', roles: ['admin'], passphrase: passphrases.ada, mustChange: false },
      at
    )
    ids.ada = setUp.adminId
    const ada = await as('ada')
    ids.priya = await addTeamUser(
      ada,
      { username: 'priya', displayName: 'Priya Shah', roles: ['clinician'], passphrase: passphrases.priya, mustChange: true },
      at
    )
    ids.tom = await addTeamUser(
      ada,
      { username: 'tom', displayName: 'Tom Reed', roles: ['clinician'], passphrase: passphrases.tom, mustChange: true },
      at
    )
    for (const name of ['tara', 'tim'] as const) {
      ids[name] = await addTeamUser(
        ada,
        { username: name, displayName: name, roles: ['trim'], passphrase: passphrases[name], mustChange: false },
        at
      )
    }
    await seed(owner, ids)
    await seedTrim(owner, ids)
  }, 120_000)

  afterAll(async () => {
    for (const client of open) await client.end().catch(() => undefined)
    await owner?.end().catch(() => undefined)
    cluster?.stop()
  })

  it('a clinician not named on a restricted person sees nothing of them: person, case, notes, screenings, results', async () => {
    const tom = await as('tom')
    const select = async (query: string) => (await tom.query(query)).rows
    expect(await select('SELECT id FROM people ORDER BY id')).toEqual([{ id: 'open-person' }])
    expect(await select('SELECT id FROM cases ORDER BY id')).toEqual([{ id: 'open-case' }])
    expect(await select('SELECT id FROM notes ORDER BY id')).toEqual([{ id: 'open-note' }])
    expect(await select('SELECT id FROM screenings ORDER BY id')).toEqual([])
    expect(await select('SELECT screening_id FROM screening_results')).toEqual([])
    expect(await select("SELECT person_id FROM tasks WHERE source = 'manual' ORDER BY id")).toEqual([{ person_id: 'open-person' }])
  })

  it('the clinician named on them sees them and what is recorded about them', async () => {
    const priya = await as('priya')
    expect((await priya.query('SELECT id FROM people ORDER BY id')).rows).toEqual([{ id: 'open-person' }, { id: 'restricted-person' }])
    expect((await priya.query('SELECT id FROM notes ORDER BY id')).rows).toEqual([{ id: 'open-note' }, { id: 'restricted-note' }])
    expect((await priya.query('SELECT screening_id FROM screening_results')).rows).toEqual([{ screening_id: 'restricted-screening' }])
  })

  it('an unnamed clinician can neither change a restricted person, add themselves to them, nor write about them', async () => {
    const tom = await as('tom')
    const update = await tom.query("UPDATE people SET department = 'Changed' WHERE id = 'restricted-person'")
    expect(update.rowCount).toBe(0)
    await expect(tom.query(`INSERT INTO person_access (person_id, user_id) VALUES ('restricted-person', '${ids.tom}')`)).rejects.toThrow(
      /row-level security/
    )
    await expect(
      tom.query(
        `INSERT INTO notes (id, case_id, person_id, type, contact_date, text, author_id, created_at) VALUES ('x', 'restricted-case', 'restricted-person', 'telephone', '2026-12-01', 'x', '${ids.tom}', '2026-12-01')`
      )
    ).rejects.toThrow(/row-level security/)
    expect((await owner.query("SELECT department FROM people WHERE id = 'restricted-person'")).rows).toEqual([{ department: 'Firearms' }])
    expect((await owner.query("SELECT count(*) AS n FROM person_access WHERE person_id = 'restricted-person'")).rows).toEqual([{ n: '1' }])
  })

  it('a clinician cannot read, change, empty or forge the audit log, but appends in their own name', async () => {
    const tom = await as('tom')
    await expect(tom.query('SELECT * FROM audit_log')).rejects.toThrow(/permission denied/)
    await expect(tom.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/permission denied/)
    await expect(tom.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/)
    await expect(tom.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/)
    await tom.query('BEGIN')
    await expect(appendAuditOnPostgres(tom, { actorId: ids.priya, action: 'note.added' }, at)).rejects.toThrow(/row-level security/)
    await tom.query('ROLLBACK')
    await tom.query('BEGIN')
    await appendAuditOnPostgres(tom, { actorId: ids.tom, action: 'person.viewed', entityType: 'person', entityId: 'open-person' }, at)
    await tom.query('COMMIT')
    expect((await owner.query("SELECT actor_id FROM audit_log WHERE action = 'person.viewed'")).rows).toEqual([{ actor_id: ids.tom }])
  })

  it('an administrator sees no clinical records and no restricted person', async () => {
    const ada = await as('ada')
    for (const table of ['notes', 'cases', 'screenings', 'screening_results', 'alerts', 'tasks', 'drafts']) {
      await expect(ada.query(`SELECT * FROM ${table}`), table).rejects.toThrow(/permission denied/)
    }
    expect((await ada.query('SELECT id FROM people ORDER BY id')).rows).toEqual([{ id: 'open-person' }])
  })

  it("drafts are their author's alone", async () => {
    const tom = await as('tom')
    expect((await tom.query('SELECT form FROM drafts')).rows).toEqual([])
    const priya = await as('priya')
    expect((await priya.query('SELECT form FROM drafts')).rows).toEqual([{ form: 'note' }])
  })

  it('a TRiM practitioner reads only the TRiM rows, names and case holders of the people assigned to them, and nothing clinical', async () => {
    const tara = await as('tara')
    const select = async (query: string) => (await tara.query(query)).rows
    expect(await select('SELECT id FROM trim_offers ORDER BY id')).toEqual([{ id: 'tara-offer' }])
    expect(await select('SELECT id FROM trim_assessments ORDER BY id')).toEqual([{ id: 'tara-assessment' }])
    expect(await select('SELECT id, given_name FROM people ORDER BY id')).toEqual([{ id: 'open-person', given_name: 'Sam' }])
    expect(await select('SELECT id, assigned_clinician_id FROM cases ORDER BY id')).toEqual([
      { id: 'open-case', assigned_clinician_id: ids.priya }
    ])
    expect(await select('SELECT id FROM tasks ORDER BY id')).toEqual([{ id: 'tara-offer-follow-up' }, { id: 'tara-offer-initial' }])
    for (const query of [
      'SELECT * FROM notes',
      'SELECT * FROM screenings',
      'SELECT * FROM referrals',
      'SELECT date_of_birth FROM people',
      'SELECT reason FROM cases'
    ]) {
      await expect(tara.query(query), query).rejects.toThrow(/permission denied/)
    }
    // Another practitioner sees none of it: only their own offer, and a restricted person stays
    // hidden even from the practitioner assigned unless they are named on the record.
    const tim = await as('tim')
    expect((await tim.query('SELECT id FROM trim_offers')).rows).toEqual([{ id: 'restricted-offer' }])
    expect((await tim.query('SELECT id FROM trim_assessments')).rows).toEqual([])
    expect((await tim.query('SELECT id FROM people')).rows).toEqual([])
    expect((await tim.query('SELECT id FROM cases')).rows).toEqual([])
    // Nor close another practitioner's task.
    expect((await tim.query("UPDATE tasks SET status = 'done' WHERE id = 'tara-offer-initial'")).rowCount).toBe(0)
  })

  it('clinicians see TRiM rows for the people they may see, and no others', async () => {
    const tom = await as('tom')
    expect((await tom.query('SELECT id FROM trim_offers ORDER BY id')).rows).toEqual([{ id: 'tara-offer' }])
    const priya = await as('priya')
    expect((await priya.query('SELECT id FROM trim_offers ORDER BY id')).rows).toEqual([{ id: 'restricted-offer' }, { id: 'tara-offer' }])
    const ada = await as('ada')
    await expect(ada.query('SELECT * FROM trim_offers')).rejects.toThrow(/permission denied/)
  })

  it('a wrong passphrase gets no connection', async () => {
    await expect(as('tom', 'tom kettle harbour lightz')).rejects.toThrow(/password authentication failed/)
  })

  it('only administrators add users; a username is taken once', async () => {
    const tom = await as('tom')
    await expect(
      addTeamUser(
        tom,
        { username: 'eve', displayName: 'Eve', roles: ['admin'], passphrase: 'eve would like admin rights', mustChange: false },
        at
      )
    ).rejects.toThrow('Only a Harbour administrator can add users.')
    await expect(tom.query("SELECT harbour_create_login('eve', 'SCRAM-SHA-256$4096:x$y:z', ARRAY['admin'])")).rejects.toThrow(
      /permission denied/
    )
    const ada = await as('ada')
    await expect(
      addTeamUser(
        ada,
        {
          username: 'Priya',
          displayName: 'Someone Else',
          roles: ['clinician'],
          passphrase: 'another long passphrase here',
          mustChange: true
        },
        at
      )
    ).rejects.toThrow('A Harbour user with that username already exists.')
  })

  it('team init refuses a server that already has Harbour users', async () => {
    await expect(
      initialiseTeamServer(
        owner,
        database,
        { username: 'mallory', displayName: 'M', roles: ['admin'], passphrase: 'mallory takes over the server', mustChange: false },
        at
      )
    ).rejects.toThrow('already has Harbour users')
  })

  it('appends from eight connections at once keep one valid chain with no entry lost', async () => {
    const before = (await owner.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n
    const writers = await Promise.all(Array.from({ length: 8 }, () => as('tom')))
    await Promise.all(
      writers.map(async (client, writer) => {
        for (let i = 0; i < 15; i++) {
          await client.query('BEGIN')
          await appendAuditOnPostgres(
            client,
            { actorId: ids.tom, action: 'person.viewed', entityType: 'person', entityId: `w${writer}-${i}` },
            at
          )
          await client.query('COMMIT')
        }
      })
    )
    const after = (await owner.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n
    expect(Number(after) - Number(before)).toBe(120)
    expect(await verifyAuditChainOnPostgres(owner)).toEqual({ ok: true, entries: Number(after) })
  })

  it('team verify finds the schema current, every policy in place and the chain whole, and notices when one is switched off', async () => {
    const ada = await as('ada')
    const verdict = await verifyTeamServer(ada)
    expect(verdict).toMatchObject({
      schemaVersion: latestVersion(),
      latestVersion: latestVersion(),
      unprotectedTables: [],
      missingPolicies: []
    })
    expect(verdict.audit.ok).toBe(true)
    await owner.query('BEGIN')
    await owner.query('ALTER TABLE notes DISABLE ROW LEVEL SECURITY')
    await owner.query('DROP POLICY drafts_own ON drafts')
    const broken = await verifyTeamServer(owner)
    await owner.query('ROLLBACK')
    expect(broken.unprotectedTables).toEqual(['notes'])
    expect(broken.missingPolicies).toEqual(['drafts.drafts_own'])
  })
})

async function seed(owner: pg.Client, ids: { priya: string }): Promise<void> {
  const person = (id: string, restricted: number, department: string) =>
    owner.query(
      `INSERT INTO people (id, staff_number, given_name, family_name, employment_type, department, restricted, search_key, created_at, updated_at)
       VALUES ($1::text, $1::text, 'Sam', 'Jones', 'police-officer', $2, $3, $1::text, '2026-01-01', '2026-01-01')`,
      [id, department, restricted]
    )
  await person('open-person', 0, 'Response')
  await person('restricted-person', 1, 'Firearms')
  await owner.query('INSERT INTO person_access (person_id, user_id) VALUES ($1, $2)', ['restricted-person', ids.priya])
  for (const [kind, personId] of [
    ['open', 'open-person'],
    ['restricted', 'restricted-person']
  ] as const) {
    await owner.query(
      `INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, opened_on, created_at, updated_at)
       VALUES ($1, $2, 'referral', $3, 'open', 'routine', '2026-11-01', '2026-11-01', '2026-11-01')`,
      [`${kind}-case`, personId, ids.priya]
    )
    await owner.query(
      `INSERT INTO notes (id, case_id, person_id, type, contact_date, text, author_id, created_at) VALUES ($1, $2, $3, 'telephone', '2026-11-02', 'Spoke by phone', $4, '2026-11-02')`,
      [`${kind}-note`, `${kind}-case`, personId, ids.priya]
    )
    await owner.query(
      `INSERT INTO tasks (id, title, due_date, assignee_id, person_id, case_id, source, status, created_at) VALUES ($1, 'Call back', '2026-12-05', $2, $3, $4, 'manual', 'open', '2026-11-02')`,
      [`${kind}-task`, ids.priya, personId, `${kind}-case`]
    )
  }
  await owner.query(
    `INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('restricted-screening', 'restricted-person', '2026-11-03', 'clinician-entered', 'red', $1, '2026-11-03')`,
    [ids.priya]
  )
  await owner.query(
    `INSERT INTO screening_results (screening_id, instrument_id, answers, total, complete, scoring_version) VALUES ('restricted-screening', 'phq9', '[3,3,3,3,3,3,3,3,1]', 25, 1, 'v1')`
  )
  await owner.query(
    `INSERT INTO drafts (user_id, form, subject_id, content, saved_at) VALUES ($1, 'note', 'open-case', '{"text":"half a thought"}', '2026-12-01')`,
    [ids.priya]
  )
}

async function seedTrim(owner: pg.Client, ids: { priya: string; tara: string; tim: string }): Promise<void> {
  await owner.query(
    `INSERT INTO incidents (id, occurred_on, category_id, reference, created_by, created_at) VALUES ('incident', '2026-11-24', 'sudden-death', 'CAD 1', $1, 't')`,
    [ids.priya]
  )
  await owner.query(
    `INSERT INTO trim_plans (id, incident_id, decided_on, decision, planned_by, created_at) VALUES ('plan', 'incident', '2026-11-25', 'offered', $1, 't')`,
    [ids.priya]
  )
  for (const [offer, person, practitioner] of [
    ['tara-offer', 'open-person', ids.tara],
    ['restricted-offer', 'restricted-person', ids.tim]
  ] as const) {
    for (const task of [`${offer}-initial`, `${offer}-follow-up`]) {
      await owner.query(
        `INSERT INTO tasks (id, title, due_date, assignee_id, person_id, source, status, created_at) VALUES ($1, 'TRiM', '2026-11-27', $2, $3, 'rule:trim-initial', 'open', 't')`,
        [task, practitioner, person]
      )
    }
    await owner.query(
      `INSERT INTO trim_offers (id, plan_id, incident_id, person_id, practitioner_id, initial_due, follow_up_due, initial_task_id, follow_up_task_id, created_at)
       VALUES ($1, 'plan', 'incident', $2, $3, '2026-11-27', '2026-12-22', $4, $5, 't')`,
      [offer, person, practitioner, `${offer}-initial`, `${offer}-follow-up`]
    )
  }
  await owner.query(
    `INSERT INTO trim_assessments (id, offer_id, person_id, practitioner_id, kind, assessed_on, factors_present, factors_considered, score, outcome, prompted, prompt_reasons, assessed_by, created_at)
     VALUES ('tara-assessment', 'tara-offer', 'open-person', $1, 'initial', '2026-11-27', '[]', '[]', 0, 'no-further-action', 0, '[]', $1, 't')`,
    [ids.tara]
  )
}
