import { describe, expect, it } from 'vitest'
import { latestVersion, migrate, NewerDatabaseError, schemaVersion } from '../../electron/core/store/migrate'
import { sqliteDialect } from '../../electron/core/store/dialect'
import { worklistGroupSql } from '../../electron/core/store/migrations/0220_referrals_worklist'
import { migrations, type Migration } from '../../electron/core/store/migrations'
import { openEncrypted, StoreOpenError } from '../../electron/core/store/open'
import type { HarbourDatabase } from '../../electron/core/store/schema'
import { rawStore } from '../fixtures/raw-store'
import { sha256 } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('migration runner', () => {
  it('lists migrations in ascending order, in steps of 10 that may leave a number free', () => {
    const versions = migrations.map((m) => m.version)
    for (const version of versions) expect(version % 10).toBe(0)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
    for (const migration of migrations) expect(migration.name).toMatch(new RegExp(`^${String(migration.version).padStart(4, '0')}_`))
  })

  it('steps over a free number: migrating to it applies what comes before, and the next run the rest', () => {
    // A list with a number left free, as when a step is numbered to leave room.
    const withGap = migrations.filter((migration) => migration.version !== 130)
    const db = rawStore(tempFolder()).open()
    migrate(db, withGap, 130)
    expect(schemaVersion(db)).toBe(120)
    migrate(db, withGap)
    expect(schemaVersion(db)).toBe(latestVersion())
    expect(latestVersion()).toBeGreaterThanOrEqual(140)
    db.close()
  })

  it('a migration that throws leaves the file byte-identical and the version unchanged', () => {
    const store = rawStore(tempFolder())
    const db = store.open()
    migrate(db)
    db.close()
    const before = sha256(store.path)
    const failing: Migration[] = [
      ...migrations,
      {
        version: latestVersion() + 10,
        name: 'failing',
        up: (database) => {
          database.exec('CREATE TABLE half_done (x INTEGER); INSERT INTO half_done VALUES (1);')
          throw new Error('migration failed halfway')
        }
      }
    ]
    const again = store.open()
    expect(() => migrate(again, failing)).toThrow('migration failed halfway')
    expect(schemaVersion(again)).toBe(latestVersion())
    expect(again.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 })
    again.close()
    expect(sha256(store.path)).toBe(before)
  })

  it('refuses a database newer than the code without writing to it', () => {
    const store = rawStore(tempFolder())
    const db = store.open()
    migrate(db)
    db.pragma(`user_version = ${latestVersion() + 100}`)
    db.close()
    const before = sha256(store.path)
    expect(() => openEncrypted(store.path, store.dek, { newestSchema: latestVersion() })).toThrow(StoreOpenError)
    const raw = openEncrypted(store.path, store.dek)
    expect(() => migrate(raw)).toThrow(NewerDatabaseError)
    raw.close()
    expect(sha256(store.path)).toBe(before)
  })

  it('refuses migrations listed out of order', () => {
    const db = rawStore(tempFolder()).open()
    const broken = [
      { version: 20, name: '0020_b', up: () => undefined },
      { version: 10, name: '0010_a', up: () => undefined }
    ]
    expect(() => migrate(db, broken)).toThrow('ascending')
    db.close()
  })
})

describe('0010_initial', () => {
  it('creates users, settings and an append-only audit log', () => {
    const db = rawStore(tempFolder()).open()
    expect(schemaVersion(db)).toBe(0)
    migrate(db, migrations, 10)
    expect(schemaVersion(db)).toBe(10)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
    expect(tables).toEqual([{ name: 'audit_log' }, { name: 'settings' }, { name: 'users' }])
    db.prepare("INSERT INTO audit_log (at, action, prev_hash, hash) VALUES ('t', 'a', 'p', 'h')").run()
    expect(() => db.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow('append-only')
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('append-only')
    expect(() => db.prepare("INSERT INTO users VALUES ('1', 'u', 'U', 'not json', 'active', 0, 't', 't')").run()).toThrow(/CHECK/)
    db.close()
  })
})

describe('0020_caseload', () => {
  it('adds the caseload tables and the default role catalogue to a store that already has users', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 10)
    db.prepare("INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '[\"clinician\"]', 'active', 0, 't', 't')").run()
    migrate(db, migrations, 20)
    expect(schemaVersion(db)).toBe(20)
    expect(db.prepare('SELECT username FROM users').all()).toEqual([{ username: 'nurse' }])
    const codes = (db.prepare('SELECT id FROM roles').all() as { id: string }[]).map((r) => r.id)
    for (const code of ['firearms', 'digital-forensics', 'family-liaison', 'control-room-call-handling', 'response', 'other', 'custody']) {
      expect(codes).toContain(code)
    }
    expect(codes.length).toBeGreaterThanOrEqual(19)
    const highest = db.prepare("SELECT screening_interval_months AS m FROM roles WHERE risk_tier = 'highest'").all()
    expect(highest.every((row) => (row as { m: number }).m === 6)).toBe(true)
    db.exec(`INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at)
      VALUES ('p1', 'PC1', 'A', 'B', 'police-officer', 'pc1 a b', 't', 't')`)
    expect(db.prepare('SELECT rowid FROM people_search WHERE people_search MATCH \'"pc1 a"\'').all()).toHaveLength(1)
    expect(() =>
      db
        .prepare(
          "INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, opened_on, created_at, updated_at) VALUES ('c1', 'nobody', 'other', 'u1', 'open', 'routine', 't', 't', 't')"
        )
        .run()
    ).toThrow(/FOREIGN KEY/)
    db.close()
  })
})

describe('0030_screening', () => {
  it('adds screenings, locked results and alerts, and a priority on existing tasks', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 20)
    db.prepare("INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '[\"clinician\"]', 'active', 0, 't', 't')").run()
    db.prepare(
      "INSERT INTO tasks (id, title, due_date, assignee_id, source, status, created_at) VALUES ('t1', 'Call', '2026-01-01', 'u1', 'manual', 'open', 't')"
    ).run()
    migrate(db, migrations, 30)
    expect(schemaVersion(db)).toBe(30)
    expect(db.prepare('SELECT priority FROM tasks').get()).toEqual({ priority: 'normal' })
    db.exec(`INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at) VALUES ('p1', 'PC1', 'A', 'B', 'police-officer', 'k', 't', 't');
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s1', 'p1', '2026-01-01', 'imported', 'green', 'u1', 't');
      INSERT INTO screening_results (screening_id, instrument_id, complete, scoring_version) VALUES ('s1', 'phq9', 1, 'phq9@1');`)
    expect(() => db.prepare('UPDATE screening_results SET total = 3').run()).toThrow('locked')
    expect(() => db.prepare("UPDATE tasks SET priority = 'highest'").run()).toThrow(/CHECK/)
    db.close()
  })
})

describe('0040_screening_due', () => {
  it('keeps each person’s next screening due date by trigger, through sittings, corrections and role changes', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 30)
    db.exec(`INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, search_key, created_at, updated_at) VALUES ('p1', 'PC1', 'A', 'B', 'police-officer', 'firearms', 'k', 't', 't');
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s0', 'p1', '2025-03-01', 'imported', 'green', 'u1', 't');`)
    migrate(db, migrations, 40)
    const due = () => (db.prepare("SELECT next_screening_due AS d FROM people WHERE id = 'p1'").get() as { d: string | null }).d
    expect(due()).toBe('2026-03-01')
    db.exec(
      "INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s1', 'p1', '2026-02-10', 'imported', 'green', 'u1', 't')"
    )
    expect(due()).toBe('2027-02-10')
    db.exec(
      "INSERT INTO screenings (id, person_id, sitting_date, mode, rag, version, supersedes_id, entered_by, created_at) VALUES ('s2', 'p1', '2025-12-01', 'imported', 'green', 2, 's1', 'u1', 't'); UPDATE screenings SET superseded_by_id = 's2' WHERE id = 's1';"
    )
    expect(due()).toBe('2026-12-01')
    db.exec("UPDATE people SET role_id = 'online-child-sexual-exploitation-indecent-image-grading' WHERE id = 'p1'")
    expect(due()).toBe('2026-06-01')
    db.exec("UPDATE roles SET screening_interval_months = 3 WHERE id = 'online-child-sexual-exploitation-indecent-image-grading'")
    expect(due()).toBe('2026-03-01')
    db.exec("UPDATE people SET role_id = 'neighbourhood' WHERE id = 'p1'")
    expect(due()).toBeNull()
    db.exec(
      "INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, search_key, created_at, updated_at) VALUES ('p2', 'PC2', 'C', 'D', 'police-officer', 'firearms', 'k', 't', 't')"
    )
    expect(db.prepare("SELECT next_screening_due AS d FROM people WHERE id = 'p2'").get()).toEqual({ d: '0001-01-01' })
    db.close()
  })
})

describe('0120_recall_own_role', () => {
  const addPeople = `INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, search_key, created_at, updated_at) VALUES
      ('p1', 'PC1', 'A', 'B', 'police-officer', 'neighbourhood', 'k', 't', 't'),
      ('p2', 'PC2', 'C', 'D', 'police-officer', 'firearms', 'k', 't', 't'),
      ('p3', 'PC3', 'E', 'F', 'police-officer', 'firearms', 'k', 't', 't');
    INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '["clinician"]', 'active', 0, 't', 't');
    INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s2', 'p2', '2026-02-10', 'imported', 'green', 'u1', 't');`
  const dues = (db: ReturnType<ReturnType<typeof rawStore>['open']>) =>
    db.prepare('SELECT id, next_screening_due AS d FROM people ORDER BY id').all()

  it('before it, changing an interval gave everyone in the role the first person’s role (the fault it repairs)', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 110)
    db.exec(addPeople)
    db.exec("UPDATE roles SET screening_interval_months = 6 WHERE id = 'firearms'")
    // p1 holds neighbourhood (no recall), so both firearms officers silently left the recall list.
    expect(dues(db)).toEqual([
      { id: 'p1', d: null },
      { id: 'p2', d: null },
      { id: 'p3', d: null }
    ])
    migrate(db, migrations, 120)
    expect(dues(db)).toEqual([
      { id: 'p1', d: null },
      { id: 'p2', d: '2026-08-10' },
      { id: 'p3', d: '0001-01-01' }
    ])
    db.close()
  })

  it('gives each person the interval of their own role after an interval change', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 120)
    db.exec(addPeople)
    expect(dues(db)).toEqual([
      { id: 'p1', d: null },
      { id: 'p2', d: '2027-02-10' },
      { id: 'p3', d: '0001-01-01' }
    ])
    db.exec("UPDATE roles SET screening_interval_months = 3 WHERE id = 'firearms'")
    expect(dues(db)).toEqual([
      { id: 'p1', d: null },
      { id: 'p2', d: '2026-05-10' },
      { id: 'p3', d: '0001-01-01' }
    ])
    db.exec("UPDATE roles SET screening_interval_months = 12 WHERE id = 'neighbourhood'")
    expect(dues(db)).toEqual([
      { id: 'p1', d: '0001-01-01' },
      { id: 'p2', d: '2026-05-10' },
      { id: 'p3', d: '0001-01-01' }
    ])
    db.exec("UPDATE roles SET screening_interval_months = NULL WHERE id = 'neighbourhood'")
    // Only the changed role's people move: the firearms officers keep their dates.
    expect(dues(db)).toEqual([
      { id: 'p1', d: null },
      { id: 'p2', d: '2026-05-10' },
      { id: 'p3', d: '0001-01-01' }
    ])
    db.close()
  })
})

describe('0140_traumatic_content_recall', () => {
  const addPeople = `INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, search_key, created_at, updated_at) VALUES
      ('p1', 'PC1', 'A', 'B', 'police-officer', 'communications-press', 'k', 't', 't'),
      ('p2', 'PC2', 'C', 'D', 'police-officer', 'communications-press', 'k', 't', 't'),
      ('p3', 'PC3', 'E', 'F', 'police-officer', 'neighbourhood', 'k', 't', 't'),
      ('p4', 'PC4', 'G', 'H', 'police-officer', 'firearms', 'k', 't', 't');
    INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '["clinician"]', 'active', 0, 't', 't');
    INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES
      ('s2', 'p2', '2026-02-10', 'imported', 'green', 'u1', 't'),
      ('s4', 'p4', '2026-03-10', 'imported', 'green', 'u1', 't');`
  const dues = (db: ReturnType<ReturnType<typeof rawStore>['open']>) =>
    Object.fromEntries(
      (db.prepare('SELECT id, next_screening_due AS d FROM people ORDER BY id').all() as { id: string; d: string | null }[]).map((row) => [
        row.id,
        row.d
      ])
    )

  it('flags Communications/press and puts its people on the recall list, leaving everyone else as they were', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 120)
    db.exec(addPeople)
    // Before it: the role handling traumatic content had no interval, so nobody in it was recalled.
    expect(dues(db)).toEqual({ p1: null, p2: null, p3: null, p4: '2027-03-10' })
    migrate(db, migrations, 140)
    expect(dues(db)).toEqual({ p1: '0001-01-01', p2: '2027-02-10', p3: null, p4: '2027-03-10' })
    expect(db.prepare('SELECT id FROM roles WHERE traumatic_content = 1').all()).toEqual([{ id: 'communications-press' }])
    db.close()
  })

  it('keeps the dates as the flag and the force’s interval change, for the role’s own people only', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 140)
    db.exec(addPeople)
    const listed = { p1: '0001-01-01', p2: '2027-02-10', p3: null, p4: '2027-03-10' }
    expect(dues(db)).toEqual(listed)
    db.exec("UPDATE roles SET traumatic_content = 0 WHERE id = 'communications-press'")
    expect(dues(db)).toEqual({ p1: null, p2: null, p3: null, p4: '2027-03-10' })
    db.exec("UPDATE roles SET traumatic_content = 1 WHERE id = 'communications-press'")
    expect(dues(db)).toEqual(listed)
    db.exec(`INSERT INTO settings VALUES ('traumaticContentRecallMonths', '6')`)
    expect(dues(db)).toEqual({ ...listed, p2: '2026-08-10' })
    db.exec(`UPDATE settings SET value = '3' WHERE key = 'traumaticContentRecallMonths'`)
    expect(dues(db)).toEqual({ ...listed, p2: '2026-05-10' })
    // A value that does not fit is never used: the default is.
    db.exec(`UPDATE settings SET value = '"soon"' WHERE key = 'traumaticContentRecallMonths'`)
    expect(dues(db)).toEqual(listed)
    db.exec(`UPDATE settings SET value = '6' WHERE key = 'traumaticContentRecallMonths'`)
    db.exec(`DELETE FROM settings WHERE key = 'traumaticContentRecallMonths'`)
    expect(dues(db)).toEqual(listed)
    // A flagged role's own interval wins over the setting; a new person in a flagged role is due now.
    db.exec(
      `INSERT INTO settings VALUES ('traumaticContentRecallMonths', '6'); UPDATE roles SET traumatic_content = 1 WHERE id = 'firearms'`
    )
    expect(dues(db)).toEqual({ ...listed, p2: '2026-08-10' })
    db.exec(
      `INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, search_key, created_at, updated_at) VALUES ('p5', 'PC5', 'I', 'J', 'police-officer', 'neighbourhood', 'k', 't', 't')`
    )
    db.exec("UPDATE people SET role_id = 'communications-press' WHERE id = 'p5'")
    expect(dues(db)).toMatchObject({ p3: null, p5: '0001-01-01' })
    db.close()
  })
})

describe('0050_screening_safety', () => {
  it('makes incomplete green sittings amber, gives the latest red or unassessed result a follow-up, and words old alerts', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 40)
    db.exec(`INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, search_key, created_at, updated_at) VALUES
        ('p1', 'PC1', 'A', 'B', 'police-officer', 'firearms', 'k', 't', 't'),
        ('p2', 'PC2', 'C', 'D', 'police-officer', 'firearms', 'k', 't', 't'),
        ('p3', 'PC3', 'E', 'F', 'police-officer', 'firearms', 'k', 't', 't');
      INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, opened_on, created_at, updated_at) VALUES ('c3', 'p3', 'other', 'u1', 'open', 'routine', '2026-01-01', 't', 't');
      -- p1: PHQ-9 with item 9 blank, saved green before this migration.
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s1', 'p1', '2026-03-01', 'clinician-entered', 'green', 'u1', '2026-03-01T10:00:00Z');
      INSERT INTO screening_results (screening_id, instrument_id, answers, complete, scoring_version) VALUES ('s1', 'phq9', '[0,0,0,0,0,0,0,null,null]', 0, 'phq9@1');
      -- p2: red, then red again; with an acknowledged item-9 alert on the first.
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, rag_rule, entered_by, created_at) VALUES ('s2', 'p2', '2026-02-01', 'imported', 'red', 'critical-item: x', 'u1', '2026-02-01T10:00:00Z'), ('s3', 'p2', '2026-04-01', 'imported', 'red', 'phq9-highest: x', 'u1', '2026-04-01T10:00:00Z');
      INSERT INTO screening_results (screening_id, instrument_id, answers, total, complete, scoring_version) VALUES ('s2', 'phq9', '[0,0,0,0,0,0,0,0,2]', 2, 1, 'phq9@1'), ('s3', 'phq9', '[3,3,3,3,3,3,3,1,0]', 22, 1, 'phq9@1');
      INSERT INTO alerts (id, person_id, screening_id, code, message, status, created_at) VALUES ('a1', 'p2', 's2', 'phq9:item-9', 'PHQ9: Item 9 is positive', 'acknowledged', 't');
      -- p3: red with an open case.
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s4', 'p3', '2026-05-01', 'imported', 'red', 'u1', '2026-05-01T10:00:00Z');
      INSERT INTO screening_results (screening_id, instrument_id, answers, total, complete, scoring_version) VALUES ('s4', 'gad7', '[3,3,3,3,3,3,3]', 21, 1, 'gad7@1');`)
    migrate(db, migrations, 50)
    expect(schemaVersion(db)).toBe(50)
    expect(db.prepare("SELECT rag, rag_rule, risk_not_assessed, complete FROM screenings WHERE id = 's1'").get()).toEqual({
      rag: 'amber',
      rag_rule: expect.stringMatching(/^risk-not-assessed: /),
      risk_not_assessed: 1,
      complete: 0
    })
    expect(db.prepare('SELECT screening_id, reason, route, case_id, status FROM screening_follow_ups ORDER BY screening_id').all()).toEqual(
      [
        { screening_id: 's1', reason: 'risk-not-assessed', route: 'team-decision', case_id: null, status: 'open' },
        { screening_id: 's3', reason: 'red', route: 'team-decision', case_id: null, status: 'open' },
        { screening_id: 's4', reason: 'red', route: 'case-review', case_id: 'c3', status: 'open' }
      ]
    )
    expect(db.prepare("SELECT assignee_id, source, priority, due_date FROM tasks WHERE person_id = 'p3'").get()).toEqual({
      assignee_id: 'u1',
      source: 'rule:screening-review',
      priority: 'top',
      due_date: '2026-05-01'
    })
    expect(db.prepare("SELECT instrument_id, item, answer FROM alerts WHERE id = 'a1'").get()).toEqual({
      instrument_id: 'phq9',
      item: 9,
      answer: 2
    })
    // The incomplete sitting does not count as screened: p1 is still due now; p2 from the last complete sitting.
    expect(db.prepare('SELECT id, next_screening_due AS due FROM people ORDER BY id').all()).toEqual([
      { id: 'p1', due: '0001-01-01' },
      { id: 'p2', due: '2027-04-01' },
      { id: 'p3', due: '2027-05-01' }
    ])
    expect(() => db.prepare("UPDATE screening_follow_ups SET status = 'decided'").run()).toThrow(/CHECK/)
    db.close()
  })
})

describe('0060_audit_signatures', () => {
  it('adds a signer and a signature to the audit log, leaving existing entries, their hashes and the append-only rule as they were', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 50)
    db.exec("INSERT INTO audit_log (seq, at, actor_id, action, prev_hash, hash) VALUES (1, 't', 'u1', 'store.created', 'p', 'h')")
    migrate(db, migrations, 60)
    expect(schemaVersion(db)).toBe(60)
    expect(db.prepare('SELECT seq, action, hash, signer_id, signature FROM audit_log').all()).toEqual([
      { seq: 1, action: 'store.created', hash: 'h', signer_id: null, signature: null }
    ])
    expect(() => db.prepare("UPDATE audit_log SET signature = 'x'").run()).toThrow(/append-only/)
    db.close()
  })
})

describe('0070_drafts', () => {
  it('adds a drafts table keyed by user, form and subject, holding JSON objects only, leaving existing rows alone', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 60)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'pc1 sian evans', 't', 't');
    `)
    migrate(db, migrations, 70)
    expect(schemaVersion(db)).toBe(70)
    expect(db.prepare('SELECT id FROM people').all()).toEqual([{ id: 'p1' }])
    const insert = db.prepare(
      "INSERT INTO drafts (user_id, form, subject_id, person_id, content, saved_at) VALUES ('u1', ?, 'p1', 'p1', ?, 't')"
    )
    insert.run('person-details', '{"department":"Roads"}')
    expect(() => insert.run('person-details', '{"department":"Roads"}')).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => insert.run('screening', 'not json')).toThrow(/CHECK/)
    expect(() => insert.run('screening', '["an array"]')).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO drafts VALUES ('nobody', 'case-note', 'c', NULL, '{}', 't')").run()).toThrow(/FOREIGN KEY/)
    // A person who goes takes their drafts with them.
    db.prepare("DELETE FROM people WHERE id = 'p1'").run()
    expect(db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 })
    db.close()
  })
})

describe('0080_case_opener', () => {
  it('keeps who opened each case, filled in from the audit log, apart from who holds it', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 60)
    db.exec(`INSERT INTO users VALUES ('u1', 'priya', 'Priya', '["clinician"]', 'active', 0, 't', 't'), ('u2', 'tom', 'Tom', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at) VALUES ('p1', 'PC1', 'A', 'B', 'police-officer', 'k', 't', 't');
      INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, opened_on, created_at, updated_at) VALUES
        ('c1', 'p1', 'other', 'u2', 'open', 'routine', '2026-01-01', 't', 't'),
        ('c2', 'p1', 'bereavement', 'u2', 'open', 'routine', '2026-01-01', 't', 't'),
        ('c3', 'p1', 'self-referral', 'u1', 'open', 'routine', '2026-01-01', 't', 't');
      -- c1 opened by Priya, since handed to Tom; c2 has no record of its opening; c3's entry names no user.
      INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, prev_hash, hash) VALUES
        (1, 't', 'u1', 'case.opened', 'case', 'c1', 'p', 'h1'),
        (2, 't', 'u1', 'case.reassigned', 'case', 'c1', 'h1', 'h2'),
        (3, 't', 'recovery', 'case.opened', 'case', 'c3', 'h2', 'h3');`)
    migrate(db, migrations, 80)
    expect(schemaVersion(db)).toBe(80)
    expect(db.prepare('SELECT id, assigned_clinician_id AS holder, opened_by FROM cases ORDER BY id').all()).toEqual([
      { id: 'c1', holder: 'u2', opened_by: 'u1' },
      { id: 'c2', holder: 'u2', opened_by: null },
      { id: 'c3', holder: 'u1', opened_by: null }
    ])
    expect(() => db.prepare("UPDATE cases SET opened_by = 'nobody' WHERE id = 'c2'").run()).toThrow(/FOREIGN KEY/)
    db.close()
  })
})

describe('0090_lists', () => {
  it('rewrites every search key surname first without punctuation, re-indexes it, and gives follow-ups a stored severity', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 60)
    // Keys as earlier versions wrote them: staff number, given, preferred and family name, folded.
    db.exec(`INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, preferred_name, employment_type, role_id, department, restricted, search_key, created_at, updated_at) VALUES
        ('p1', 'PC-12', 'Siân', 'O''Brien', NULL, 'police-officer', 'firearms', 'Firearms', 0, 'pc-12 sian o''brien', 't', 't'),
        ('p2', 'PS9', 'Mary Jane', 'Collier-Smith', 'MJ', 'police-staff', NULL, NULL, 1, 'ps9 mary jane mj collier-smith', 't', 't'),
        ('p3', 'PC7', 'Zoë', 'Núñez', NULL, 'police-officer', NULL, NULL, 0, 'pc7 zoe nunez', 't', 't');
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s1', 'p1', '2026-01-01', 'imported', 'red', 'u1', 't');
      INSERT INTO screening_follow_ups (id, screening_id, person_id, reason, route, status, created_at) VALUES
        ('f1', 's1', 'p1', 'amber', 'team-decision', 'open', '2026-01-01T10:00:00Z'),
        ('f2', 's1', 'p1', 'red', 'team-decision', 'open', '2026-01-02T10:00:00Z'),
        ('f3', 's1', 'p1', 'risk-not-assessed', 'team-decision', 'open', '2026-01-03T10:00:00Z');`)
    migrate(db, migrations, 90)
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(90)
    expect(db.prepare('SELECT id, search_key, surname_key FROM people ORDER BY id').all()).toEqual([
      { id: 'p1', search_key: 'obrien pc12 sian', surname_key: 'obrien' },
      { id: 'p2', search_key: 'colliersmith ps9 maryjane mj', surname_key: 'colliersmith' },
      { id: 'p3', search_key: 'nunez pc7 zoe', surname_key: 'nunez' }
    ])
    const found = (match: string) =>
      db.prepare('SELECT p.id FROM people_search s JOIN people p ON p.rowid = s.rowid WHERE people_search MATCH ? ORDER BY p.id').all(match)
    expect(found('"obrien"')).toEqual([{ id: 'p1' }])
    expect(found('"colliersmith"')).toEqual([{ id: 'p2' }])
    // The old keys are gone from the trigram index.
    expect(found('"o\'brien"')).toEqual([])
    expect(found('"collier-smith"')).toEqual([])
    // The update trigger is back: a changed key is re-indexed.
    db.exec("UPDATE people SET search_key = 'darcy pc12 sian' WHERE id = 'p1'")
    expect(found('"darcy"')).toEqual([{ id: 'p1' }])
    expect(found('"obrien"')).toEqual([])
    expect(db.prepare("SELECT surname_key FROM people WHERE id = 'p1'").get()).toEqual({ surname_key: 'darcy' })
    expect(db.prepare('SELECT id, severity FROM screening_follow_ups ORDER BY severity DESC').all()).toEqual([
      { id: 'f2', severity: 3 },
      { id: 'f3', severity: 2 },
      { id: 'f1', severity: 1 }
    ])
    expect(() => db.prepare("UPDATE screening_follow_ups SET severity = 1 WHERE id = 'f2'").run()).toThrow(/generated column/)
    const indexes = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('people_surname_key', 'people_department', 'people_restricted', 'screening_follow_ups_worklist', 'screening_follow_ups_open') ORDER BY name"
        )
        .all() as { name: string }[]
    ).map((r) => r.name)
    expect(indexes).toEqual(['people_department', 'people_restricted', 'people_surname_key', 'screening_follow_ups_worklist'])
    db.close()
  })
})

describe('0100_department_spellings', () => {
  /** The recall departments as 0090 listed them, counting the department index when asked. */
  const departmentsBefore0100 = (db: ReturnType<ReturnType<typeof rawStore>['open']>, userId: string) =>
    (
      db
        .prepare(
          `SELECT department, max(n) AS n FROM (
             SELECT department, sum(n) AS n FROM (
               SELECT department, count(*) AS n FROM people WHERE restricted = 0 AND trim(department) <> '' GROUP BY department COLLATE NOCASE, department
               UNION ALL
               SELECT department, 1 AS n FROM people WHERE restricted = 1 AND trim(department) <> '' AND EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = people.id AND a.user_id = ?)
             ) GROUP BY department
           ) GROUP BY department COLLATE NOCASE ORDER BY department COLLATE NOCASE`
        )
        .all(userId) as { department: string }[]
    ).map((row) => row.department)

  it('counts each spelling of unrestricted people’s departments, kept by triggers through every change, listing what 0090 listed', async () => {
    const { departmentsQuery } = await import('../../electron/core/services/screening-recall')
    const { Kysely, SqliteDialect } = await import('kysely')
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 90)
    const insert = db.prepare(
      "INSERT INTO people (id, staff_number, given_name, family_name, employment_type, department, restricted, search_key, created_at, updated_at) VALUES (?, ?, 'A', 'B', 'police-staff', ?, ?, 'k', 't', 't')"
    )
    const before: [string, string | null, number][] = [
      ['p1', 'Firearms', 0],
      ['p2', 'Firearms', 0],
      ['p3', 'FIREARMS', 0],
      ['p4', 'Roads', 0],
      ['p5', '  ', 0],
      ['p6', null, 0],
      ['p7', 'Secret Unit', 1]
    ]
    for (const [id, department, restricted] of before) insert.run(id, id, department, restricted)
    migrate(db, migrations, 100)
    expect(schemaVersion(db)).toBe(100)
    const spellings = () => db.prepare('SELECT department, people FROM department_spellings ORDER BY department').all()
    expect(spellings()).toEqual([
      { department: 'FIREARMS', people: 1 },
      { department: 'Firearms', people: 2 },
      { department: 'Roads', people: 1 }
    ])

    // Every kind of change keeps the counts, and a spelling no one has any more goes.
    db.exec(
      "INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '[\"clinician\"]', 'active', 0, 't', 't'); INSERT INTO person_access (person_id, user_id) VALUES ('p7', 'u1')"
    )
    insert.run('p8', 'p8', 'roads', 0)
    insert.run('p9', 'p9', 'Hidden Team', 1)
    db.exec("UPDATE people SET department = 'Custody' WHERE id = 'p4'")
    db.exec("UPDATE people SET restricted = 1 WHERE id = 'p1'")
    db.exec("UPDATE people SET restricted = 0 WHERE id = 'p7'")
    db.exec("UPDATE people SET given_name = 'C' WHERE id = 'p2'")
    db.exec("DELETE FROM people WHERE id = 'p3'")
    db.exec("UPDATE people SET department = 'Roads' WHERE id = 'p6'")
    expect(spellings()).toEqual([
      { department: 'Custody', people: 1 },
      { department: 'Firearms', people: 1 },
      { department: 'Roads', people: 1 },
      { department: 'Secret Unit', people: 1 },
      { department: 'roads', people: 1 }
    ])
    expect(
      db
        .prepare(
          "SELECT department, count(*) AS people FROM people WHERE restricted = 0 AND trim(department) <> '' GROUP BY department ORDER BY department"
        )
        .all()
    ).toEqual(spellings())

    // The list reads the same as 0090's query did, for a user named on a restricted person and one not.
    const kysely = new Kysely<HarbourDatabase>({ dialect: new SqliteDialect({ database: db }) })
    for (const user of ['u1', 'someone-else']) {
      const listed = (await departmentsQuery({ db: kysely, dialect: sqliteDialect }, user).execute()).map((row) => row.department)
      expect(listed).toEqual(departmentsBefore0100(db, user))
    }
    expect((await departmentsQuery({ db: kysely, dialect: sqliteDialect }, 'u1').execute()).map((row) => row.department)).toEqual([
      'Custody',
      'Firearms',
      'Roads',
      'Secret Unit'
    ])
    db.close()
  })
})

describe('0130_not_attempted', () => {
  it('adds a not-attempted flag to each result, 0 for results saved before it, and refuses anything but 0 or 1', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 120)
    db.exec(`INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at) VALUES ('p1', 'PC1', 'A', 'B', 'police-officer', 'k', 't', 't');
      INSERT INTO users VALUES ('u1', 'nurse', 'Nurse', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES ('s1', 'p1', '2026-02-10', 'clinician-entered', 'amber', 'u1', 't');
      INSERT INTO screening_results (screening_id, instrument_id, answers, total, band, subscales, flags, complete, scoring_version) VALUES ('s1', 'gad7', NULL, NULL, NULL, '{}', '[]', 0, 'v1');`)
    migrate(db, migrations, 130)
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(130)
    expect(db.prepare('SELECT not_attempted FROM screening_results').all()).toEqual([{ not_attempted: 0 }])
    expect(() =>
      db.exec(
        "INSERT INTO screening_results (screening_id, instrument_id, subscales, flags, complete, scoring_version, not_attempted) VALUES ('s1', 'phq9', '{}', '[]', 0, 'v1', 2)"
      )
    ).toThrow(/CHECK/)
    db.close()
  })
})

describe('0110_recall_count', () => {
  it('replaces the due-date index with one that holds everything the recall count reads, and keeps the due dates the triggers set', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 90)
    db.exec(`INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, restricted, search_key, created_at, updated_at) VALUES
      ('p1', 'PC1', 'Ann', 'Lee', 'police-officer', 'firearms', 0, 'lee pc1 ann', 't', 't')`)
    const dueBefore = db.prepare("SELECT next_screening_due FROM people WHERE id = 'p1'").get()
    migrate(db, migrations, 110)
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(110)
    const index = (name: string) =>
      db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) as { sql: string } | undefined
    expect(index('people_next_screening_due')).toBeUndefined()
    expect(index('people_recall')?.sql).toBe(
      'CREATE INDEX people_recall ON people (next_screening_due, leaving_date, restricted, role_id, id)'
    )
    expect(db.prepare("SELECT next_screening_due FROM people WHERE id = 'p1'").get()).toEqual(dueBefore)
    expect(db.prepare('SELECT count(*) AS n FROM people INDEXED BY people_recall WHERE next_screening_due IS NOT NULL').get()).toEqual({
      n: 1
    })
    db.close()
  })
})

describe('0150_referrals', () => {
  it('adds the destinations catalogue, referrals and their append-only, numbered steps, leaving existing rows alone', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 120)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'pc1 sian evans', 't', 't');
    `)
    migrate(db, migrations, 150)
    expect(schemaVersion(db)).toBe(150)
    expect(db.prepare('SELECT id FROM people').all()).toEqual([{ id: 'p1' }])
    expect(db.prepare('SELECT name FROM referral_destinations ORDER BY sort_order LIMIT 2').all()).toEqual([
      { name: 'GP' },
      { name: 'NHS Talking Therapies' }
    ])
    expect(() =>
      db
        .prepare(
          "INSERT INTO referral_destinations (id, name, kind, sort_order, created_at, updated_at) VALUES ('x', 'gp', 'nhs', 1, 't', 't')"
        )
        .run()
    ).toThrow(/UNIQUE/)
    const referral = db.prepare(
      "INSERT INTO referrals (id, person_id, destination_id, reason, urgency, status, last_step_on, created_by, created_at, updated_at) VALUES (?, 'p1', 'gp', 'r', 'routine', ?, '2026-11-26', 'u1', 't', 't')"
    )
    referral.run('r1', 'drafted')
    expect(() => referral.run('r2', 'lost')).toThrow(/CHECK/)
    const step = db.prepare(
      "INSERT INTO referral_steps (id, referral_id, step_number, person_id, status, happened_on, recorded_by, recorded_at) VALUES (?, 'r1', ?, 'p1', 'drafted', '2026-11-26', 'u1', 't')"
    )
    step.run('s1', 1)
    expect(() => step.run('s2', 1)).toThrow(/UNIQUE/)
    expect(() => db.prepare("UPDATE referral_steps SET status = 'sent'").run()).toThrow(/cannot be changed or removed/)
    expect(() => db.prepare('DELETE FROM referral_steps').run()).toThrow(/cannot be changed or removed/)
    db.close()
  })
})

describe('0160_incidents', () => {
  it('adds the incident categories with weights, incidents and one exposure per person per incident, leaving existing rows alone', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 150)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'pc1 sian evans', 't', 't');
    `)
    migrate(db, migrations, 160)
    expect(schemaVersion(db)).toBe(160)
    expect(db.prepare('SELECT id FROM people').all()).toEqual([{ id: 'p1' }])
    expect(db.prepare('SELECT name, weight FROM incident_categories ORDER BY sort_order LIMIT 2').all()).toEqual([
      { name: 'Death of a child', weight: 5 },
      { name: 'Sudden death', weight: 3 }
    ])
    expect(db.prepare('SELECT count(*) AS n FROM incident_categories').get()).toEqual({ n: 10 })
    const category = db.prepare(
      "INSERT INTO incident_categories (id, name, weight, sort_order, created_at, updated_at) VALUES (?, ?, ?, 1, 't', 't')"
    )
    expect(() => category.run('x', 'SUICIDE', 3)).toThrow(/UNIQUE/)
    expect(() => category.run('y', 'Heavy', 11)).toThrow(/CHECK/)
    db.exec(
      "INSERT INTO incidents (id, occurred_on, category_id, reference, created_by, created_at) VALUES ('i1', '2026-11-26', 'suicide', 'CAD 123', 'u1', 't')"
    )
    const exposure = db.prepare(
      "INSERT INTO exposures (id, incident_id, person_id, occurred_on, part, intensity, weight, hours_reviewed, recorded_by, recorded_at) VALUES (?, 'i1', 'p1', '2026-11-26', ?, ?, 4, ?, 'u1', 't')"
    )
    exposure.run('e1', 'attended', 'high', null)
    expect(() => exposure.run('e2', 'attended', 'high', null)).toThrow(/UNIQUE/)
    db.exec('DELETE FROM exposures')
    expect(() => exposure.run('e3', 'watched', 'high', null)).toThrow(/CHECK/)
    expect(() => exposure.run('e4', 'attended', 'extreme', null)).toThrow(/CHECK/)
    expect(() => exposure.run('e5', 'viewed-material', 'low', 0)).toThrow(/CHECK/)
    exposure.run('e6', 'viewed-material', 'low', 2.5)
    expect(db.prepare('SELECT hours_reviewed FROM exposures').get()).toEqual({ hours_reviewed: 2.5 })
    db.close()
  })
})

describe('0180_signposting', () => {
  it('adds the support resources catalogue and append-only signposting and bereavement counselling records, leaving existing rows alone', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 150)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'pc1 sian evans', 't', 't');
    `)
    migrate(db, migrations, 180)
    expect(schemaVersion(db)).toBe(180)
    expect(db.prepare('SELECT id FROM people').all()).toEqual([{ id: 'p1' }])
    expect(db.prepare('SELECT name FROM support_resources ORDER BY sort_order LIMIT 2').all()).toEqual([
      { name: 'Stress management toolkit' },
      { name: 'Trauma risk management hub' }
    ])
    expect(db.prepare('SELECT count(*) AS n FROM support_resources').get()).toEqual({ n: 11 })
    expect(() =>
      db
        .prepare(
          "INSERT INTO support_resources (id, name, description, where_to_find, sort_order, created_at, updated_at) VALUES ('x', 'MINDFULNESS RESOURCES', 'd', 'w', 1, 't', 't')"
        )
        .run()
    ).toThrow(/UNIQUE/)
    db.prepare(
      "INSERT INTO signposting_records (id, person_id, resource_id, signposted_on, recorded_by, recorded_at) VALUES ('s1', 'p1', 'mindfulness-resources', '2026-12-01', 'u1', 't')"
    ).run()
    expect(() => db.prepare("UPDATE signposting_records SET signposted_on = '2026-12-02'").run()).toThrow(/cannot be changed or removed/)
    expect(() => db.prepare('DELETE FROM signposting_records').run()).toThrow(/cannot be changed or removed/)
    const entry = db.prepare(
      "INSERT INTO bereavement_counselling (id, person_id, status, happened_on, recorded_by, recorded_at) VALUES (?, 'p1', ?, '2026-12-01', 'u1', 't')"
    )
    entry.run('b1', 'offered')
    expect(() => entry.run('b2', 'maybe')).toThrow(/CHECK/)
    expect(() => db.prepare("UPDATE bereavement_counselling SET status = 'accepted'").run()).toThrow(/cannot be changed or removed/)
    expect(() => db.prepare('DELETE FROM bereavement_counselling').run()).toThrow(/cannot be changed or removed/)
    db.close()
  })
})

describe('0200_consent', () => {
  it('turns each referral’s inline consent into a consent record for its destination, points a sent referral at it, and keeps consents and released reports', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 180)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'pc1 sian evans', 't', 't');
      INSERT INTO referrals (id, person_id, destination_id, reason, urgency, status, consent_scope, consent_given_on, consent_recorded_by, referred_on, last_step_on, created_by, created_at, updated_at)
        VALUES ('00000000-0000-4000-8000-000000000001', 'p1', 'gp', 'r', 'routine', 'sent', 'Scores', '2026-11-20', 'u1', '2026-11-21', '2026-11-21', 'u1', 't', '2026-11-20T10:00:00.000Z'),
               ('00000000-0000-4000-8000-000000000002', 'p1', 'flint-house', 'r', 'routine', 'drafted', 'Letter', '2026-11-22', NULL, NULL, '2026-11-22', 'u1', 't', 't'),
               ('00000000-0000-4000-8000-000000000003', 'p1', 'gp', 'r', 'routine', 'drafted', NULL, NULL, NULL, NULL, '2026-11-22', 'u1', 't', 't');
    `)
    migrate(db, migrations, 200)
    expect(schemaVersion(db)).toBe(200)
    expect(
      db
        .prepare(
          'SELECT id, person_id, purpose, destination_id, recipient, scope, given_on, recorded_by, withdrawn_on FROM consents ORDER BY id'
        )
        .all()
    ).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        person_id: 'p1',
        purpose: 'referral',
        destination_id: 'gp',
        recipient: null,
        scope: 'Scores',
        given_on: '2026-11-20',
        recorded_by: 'u1',
        withdrawn_on: null
      },
      {
        id: '00000000-0000-4000-8000-000000000002',
        person_id: 'p1',
        purpose: 'referral',
        destination_id: 'flint-house',
        recipient: null,
        scope: 'Letter',
        given_on: '2026-11-22',
        recorded_by: 'u1',
        withdrawn_on: null
      }
    ])
    expect(db.prepare('SELECT id, consent_id FROM referrals ORDER BY id').all()).toEqual([
      { id: '00000000-0000-4000-8000-000000000001', consent_id: '00000000-0000-4000-8000-000000000001' },
      { id: '00000000-0000-4000-8000-000000000002', consent_id: null },
      { id: '00000000-0000-4000-8000-000000000003', consent_id: null }
    ])
    const consent = db.prepare(
      "INSERT INTO consents (id, person_id, purpose, destination_id, recipient, scope, given_on, recorded_by, recorded_at) VALUES (?, 'p1', ?, ?, ?, 's', '2026-11-26', 'u1', 't')"
    )
    expect(() => consent.run('c1', 'referral', null, 'GP')).toThrow(/CHECK/)
    expect(() => consent.run('c2', 'management-advice', 'gp', null)).toThrow(/CHECK/)
    expect(() => consent.run('c3', 'gossip', null, 'x')).toThrow(/CHECK/)
    consent.run('c4', 'management-advice', null, 'Inspector Cole')
    expect(() => db.prepare('DELETE FROM consents').run()).toThrow(/cannot be removed/)
    db.prepare("UPDATE consents SET withdrawn_on = '2026-11-27' WHERE id = 'c4'").run()
    expect(() => db.prepare("UPDATE consents SET withdrawn_on = NULL WHERE id = 'c4'").run()).toThrow(/withdrawn consent cannot be changed/)
    const report = db.prepare(
      "INSERT INTO management_advice_reports (id, person_id, manager_name, fitness, asked_to_see_first, status, created_by, created_at, updated_at) VALUES (?, 'p1', 'Inspector Cole', ?, 0, ?, 'u1', 't', 't')"
    )
    expect(() => report.run('m1', 'poorly', 'drafted')).toThrow(/CHECK/)
    report.run('m2', 'fit', 'drafted')
    db.prepare("UPDATE management_advice_reports SET status = 'released' WHERE id = 'm2'").run()
    expect(() => db.prepare("UPDATE management_advice_reports SET fitness = 'unfit'").run()).toThrow(
      /released management advice report cannot be changed/
    )
    expect(() => db.prepare('DELETE FROM management_advice_reports').run()).toThrow(/cannot be removed/)
    const columns = (db.prepare("SELECT name FROM pragma_table_info('management_advice_reports')").all() as { name: string }[]).map(
      (c) => c.name
    )
    for (const name of columns) expect(name).not.toMatch(/diagnos|score|clinical/)
    db.close()
  })
})

describe('0210_trim_prompt_claims', () => {
  it('keeps one claim per TRiM assessment, never changed or removed, and indexes the team’s prompts', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 210)
    // Only what this step adds is under test: the references are left dangling on purpose.
    db.pragma('foreign_keys = OFF')
    const claim = db.prepare("INSERT INTO trim_prompt_claims VALUES (?, 'p1', 'u1', ?, '2026-11-26T09:00:00.000Z')")
    claim.run('a1', 't1')
    expect(() => claim.run('a1', 't2')).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => db.prepare("UPDATE trim_prompt_claims SET clinician_id = 'u2'").run()).toThrow(/cannot be changed or removed/)
    expect(() => db.prepare('DELETE FROM trim_prompt_claims').run()).toThrow(/cannot be changed or removed/)
    expect(db.prepare('SELECT assessment_id, task_id FROM trim_prompt_claims').all()).toEqual([{ assessment_id: 'a1', task_id: 't1' }])
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM trim_assessments WHERE prompt_route = 'team' ORDER BY assessed_on")
      .all() as { detail: string }[]
    expect(plan.map((row) => row.detail).join(' ')).toContain('trim_assessments_team_prompts')
    db.close()
  })
})

describe('0220_referrals_worklist', () => {
  it('adds an index in the worklist’s order that the page walks and the count reads, without the referrals’ rows', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 210)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'pc1 sian evans', 't', 't');
      INSERT INTO referrals (id, person_id, destination_id, reason, urgency, status, referred_on, last_step_on, created_by, created_at, updated_at) VALUES
        ('r1', 'p1', 'gp', 'r', 'routine', 'drafted', NULL, '2026-11-26', 'u1', 't1', 't'),
        ('r2', 'p1', 'gp', 'r', 'routine', 'treatment-started', '2026-01-05', '2026-03-01', 'u1', 't2', 't'),
        ('r3', 'p1', 'gp', 'r', 'routine', 'acknowledged', '2026-10-01', '2026-10-03', 'u1', 't3', 't'),
        ('r4', 'p1', 'gp', 'r', 'routine', 'completed', '2025-01-01', '2025-06-01', 'u1', 't4', 't'),
        ('r5', 'p1', 'gp', 'r', 'routine', 'sent', '2026-02-01', '2026-02-01', 'u1', 't5', 't');
    `)
    migrate(db, migrations, 220)
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(220)
    const group = worklistGroupSql
    const page = `SELECT id FROM referrals WHERE ${group} < 4 ORDER BY ${group}, referred_on IS NULL, referred_on, created_at, id LIMIT 50`
    // Waiting on the service longest first (the breached among them), then in treatment, then drafts; ended ones not at all.
    expect(db.prepare(page).all()).toEqual([{ id: 'r5' }, { id: 'r3' }, { id: 'r2' }, { id: 'r1' }])
    const plan = (text: string) => (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all() as { detail: string }[]).map((r) => r.detail)
    expect(plan(page)).toEqual(['SEARCH referrals USING COVERING INDEX referrals_worklist (<expr><?)'])
    expect(
      plan(`SELECT count(*) FROM referrals WHERE ${group} < 4 AND created_by = 'u1' AND person_id <> 'x' AND case_id IS NULL`)
    ).toEqual(['SEARCH referrals USING COVERING INDEX referrals_worklist (<expr><?)'])
    db.close()
  })
})

describe('0240_report_views', () => {
  it('adds report views over existing rows that hold no name, staff number or free text, and indexes the periods they are read by', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 230)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, department, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'firearms', 'Armed Policing', 'pc1 sian evans', 't', 't');
      INSERT INTO referrals (id, person_id, destination_id, reason, urgency, status, referred_on, treatment_started_on, last_step_on, created_by, created_at, updated_at) VALUES
        ('r1', 'p1', 'gp', 'Low mood', 'routine', 'treatment-started', '2026-01-05', '2026-03-01', '2026-03-01', 'u1', 't1', 't'),
        ('r2', 'p1', 'gp', 'Low mood', 'routine', 'drafted', NULL, NULL, '2026-11-26', 'u1', 't2', 't');
    `)
    migrate(db, migrations, 240)
    expect(
      db
        .prepare('SELECT referred_on, days_to_treatment, destination_name, role_name, department, employment_type FROM report_referrals')
        .all()
    ).toEqual([
      {
        referred_on: '2026-01-05',
        days_to_treatment: 55,
        destination_name: 'GP',
        role_name: 'Firearms',
        department: 'Armed Policing',
        employment_type: 'police-officer'
      }
    ])
    const views = db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'report_%' ORDER BY name").all() as {
      name: string
    }[]
    expect(views.map((view) => view.name)).toEqual([
      'report_bereavement',
      'report_cases',
      'report_exposures',
      'report_people',
      'report_referrals',
      'report_screenings',
      'report_signposting',
      'report_trim'
    ])
    const forbidden = [
      'staff_number',
      'given_name',
      'family_name',
      'preferred_name',
      'reason_text',
      'text',
      'closure_outcome',
      'reference',
      'rag_reason',
      'email',
      'phone',
      'line_manager',
      'adjustments',
      'date_of_birth'
    ]
    for (const { name } of views) {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).map((column) => column.name)
      expect(columns.filter((column) => forbidden.includes(column))).toEqual([])
    }
    const plan = (text: string) => (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all() as { detail: string }[]).map((r) => r.detail).join(' ')
    expect(plan("SELECT count(*) FROM report_referrals WHERE referred_on >= '2026-01-01' AND referred_on <= '2026-03-31'")).toContain(
      'referrals_referred'
    )
    expect(plan("SELECT count(*) FROM report_signposting WHERE signposted_on >= '2026-01-01' AND signposted_on <= '2026-03-31'")).toContain(
      'signposting_records_signposted'
    )
    db.close()
  })
})

describe('0250_retention_purge', () => {
  it('lets an append-only row go only while its person is named for a purge, and refuses every other delete as before', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 240)
    db.pragma('foreign_keys = OFF')
    const at = '2026-11-26T09:00:00.000Z'
    for (const person of ['p1', 'p2']) {
      db.prepare(`INSERT INTO notes VALUES (?, 'c1', ?, 'telephone', '2026-11-26', 'Said', 'u1', NULL, NULL, ?)`).run(
        `n-${person}`,
        person,
        at
      )
      db.prepare(`INSERT INTO trim_prompt_claims VALUES (?, ?, 'u1', 't1', ?)`).run(`a-${person}`, person, at)
    }
    migrate(db, migrations, 250)
    expect(() => db.prepare('DELETE FROM notes').run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM trim_prompt_claims').run()).toThrow(/cannot be changed or removed/)
    db.transaction(() => {
      db.prepare("INSERT INTO retention_purges VALUES ('p1')").run()
      db.prepare("DELETE FROM notes WHERE person_id = 'p1'").run()
      db.prepare("DELETE FROM trim_prompt_claims WHERE person_id = 'p1'").run()
      db.prepare('DELETE FROM retention_purges').run()
    })()
    expect(db.prepare('SELECT person_id FROM notes').all()).toEqual([{ person_id: 'p2' }])
    expect(db.prepare('SELECT person_id FROM trim_prompt_claims').all()).toEqual([{ person_id: 'p2' }])
    // Another person's rows stay refused while one is named, updates always are, and the audit log is untouched.
    db.prepare("INSERT INTO retention_purges VALUES ('p1')").run()
    expect(() => db.prepare("DELETE FROM notes WHERE person_id = 'p2'").run()).toThrow(/append-only/)
    expect(() => db.prepare("UPDATE notes SET text = 'x' WHERE person_id = 'p2'").run()).toThrow(/append-only/)
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").get()).toEqual({
      sql: expect.not.stringContaining('retention_purges')
    })
    db.close()
  })
})

describe('0260_report_outcomes', () => {
  it('adds views of completed referrals and their PHQ-9 and GAD-7 totals, with no name, answer or free text, read by index', () => {
    const db = rawStore(tempFolder()).open()
    migrate(db, migrations, 250)
    db.exec(`
      INSERT INTO users VALUES ('u1', 'alex', 'Alex', '["clinician"]', 'active', 0, 't', 't');
      INSERT INTO people (id, staff_number, given_name, family_name, employment_type, role_id, department, search_key, created_at, updated_at)
        VALUES ('p1', 'PC1', 'Siân', 'Evans', 'police-officer', 'firearms', 'Armed Policing', 'pc1 sian evans', 't', 't');
      INSERT INTO referrals (id, person_id, destination_id, reason, urgency, status, referred_on, treatment_started_on, ended_on, last_step_on, created_by, created_at, updated_at) VALUES
        ('r1', 'p1', 'gp', 'Low mood', 'routine', 'completed', '2026-01-05', '2026-03-01', '2026-05-01', '2026-05-01', 'u1', 't1', 't'),
        ('r2', 'p1', 'gp', 'Low mood', 'routine', 'treatment-started', '2026-01-05', '2026-03-01', NULL, '2026-03-01', 'u1', 't2', 't');
      INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES
        ('s1', 'p1', '2026-01-01', 'imported', 'amber', 'u1', 't'),
        ('s2', 'p1', '2026-04-28', 'imported', 'green', 'u1', 't');
      INSERT INTO screening_results (screening_id, instrument_id, answers, total, complete, scoring_version) VALUES
        ('s1', 'phq9', NULL, 14, 1, '1'), ('s1', 'gad7', NULL, 9, 1, '1'), ('s1', 'pcl5', NULL, 40, 1, '1'),
        ('s2', 'phq9', NULL, 4, 1, '1'), ('s2', 'gad7', NULL, NULL, 0, '1');
    `)
    migrate(db, migrations, 260)
    expect(
      db.prepare('SELECT referral_id, referred_on, treatment_started_on, completed_on, department FROM report_completed_referrals').all()
    ).toEqual([
      {
        referral_id: 'r1',
        referred_on: '2026-01-05',
        treatment_started_on: '2026-03-01',
        completed_on: '2026-05-01',
        department: 'Armed Policing'
      }
    ])
    expect(db.prepare('SELECT sitting_date, measure, total FROM report_outcome_scores ORDER BY sitting_date, measure').all()).toEqual([
      { sitting_date: '2026-01-01', measure: 'gad7', total: 9 },
      { sitting_date: '2026-01-01', measure: 'phq9', total: 14 },
      { sitting_date: '2026-04-28', measure: 'phq9', total: 4 }
    ])
    for (const view of ['report_completed_referrals', 'report_outcome_scores']) {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(view) as { name: string }[]).map((column) => column.name)
      expect(
        columns.filter((column) => ['staff_number', 'given_name', 'family_name', 'reason', 'answers', 'scope'].includes(column))
      ).toEqual([])
    }
    const plan = (text: string) => (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all() as { detail: string }[]).map((r) => r.detail).join(' ')
    expect(
      plan("SELECT count(*) FROM report_completed_referrals WHERE completed_on >= '2026-01-01' AND completed_on <= '2026-03-31'")
    ).toContain('referrals_completed')
    db.close()
  })
})
