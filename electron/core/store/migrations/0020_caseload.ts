import shippedCatalogue from '../../../../resources/role-catalogue.json'
import type { SqliteDatabase } from '../open'
import { refuse, type PostgresStep } from '../postgres/run'

/**
 * People, the role catalogue (seeded with the default in resources/), cases, notes
 * (append-only), tasks, person search (FTS5 trigram index) and import presets.
 */
export function up(db: SqliteDatabase, catalogue: DefaultRole[] = shippedCatalogue.roles as DefaultRole[]): void {
  db.exec(`
    CREATE TABLE roles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      description TEXT NOT NULL DEFAULT '',
      risk_tier TEXT NOT NULL CHECK (risk_tier IN ('standard', 'elevated', 'high', 'highest')),
      screening_interval_months INTEGER CHECK (screening_interval_months IS NULL OR screening_interval_months BETWEEN 1 AND 60),
      screening_battery TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(screening_battery)),
      retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE people (
      id TEXT PRIMARY KEY,
      staff_number TEXT NOT NULL COLLATE NOCASE UNIQUE,
      title TEXT,
      given_name TEXT NOT NULL,
      family_name TEXT NOT NULL,
      preferred_name TEXT,
      date_of_birth TEXT,
      employment_type TEXT NOT NULL CHECK (employment_type IN ('police-officer', 'police-staff', 'special-constable', 'pcso', 'volunteer')),
      role_id TEXT REFERENCES roles (id),
      department TEXT,
      line_manager TEXT,
      email TEXT,
      phone TEXT,
      start_date TEXT,
      leaving_date TEXT,
      restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
      adjustments TEXT,
      search_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX people_name ON people (family_name COLLATE NOCASE, given_name COLLATE NOCASE);
    CREATE INDEX people_role ON people (role_id);

    CREATE TABLE person_access (
      person_id TEXT NOT NULL REFERENCES people (id),
      user_id TEXT NOT NULL REFERENCES users (id),
      PRIMARY KEY (person_id, user_id)
    ) STRICT, WITHOUT ROWID;

    CREATE VIRTUAL TABLE people_search USING fts5 (search_key, content = '', contentless_delete = 1, tokenize = 'trigram');
    CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
      INSERT INTO people_search (rowid, search_key) VALUES (new.rowid, new.search_key);
    END;
    CREATE TRIGGER people_search_update AFTER UPDATE OF search_key ON people BEGIN
      DELETE FROM people_search WHERE rowid = old.rowid;
      INSERT INTO people_search (rowid, search_key) VALUES (new.rowid, new.search_key);
    END;
    CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
      DELETE FROM people_search WHERE rowid = old.rowid;
    END;

    CREATE TABLE cases (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      reason TEXT NOT NULL,
      assigned_clinician_id TEXT NOT NULL REFERENCES users (id),
      status TEXT NOT NULL CHECK (status IN ('open', 'active', 'awaiting-treatment', 'in-treatment', 'monitoring', 'closed')),
      priority TEXT NOT NULL CHECK (priority IN ('routine', 'soon', 'urgent')),
      next_review_date TEXT,
      flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
      pathway TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(pathway)),
      last_contact_date TEXT,
      opened_on TEXT NOT NULL,
      closed_on TEXT,
      closure_outcome TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- At most one open case per person and reason.
    CREATE UNIQUE INDEX cases_one_open_per_reason ON cases (person_id, reason) WHERE status <> 'closed';
    CREATE INDEX cases_person ON cases (person_id, opened_on);
    CREATE INDEX cases_caseload ON cases (assigned_clinician_id, status, next_review_date);

    CREATE TABLE notes (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      type TEXT NOT NULL CHECK (type IN ('telephone', 'face-to-face', 'video', 'email', 'letter', 'did-not-attend', 'supervision', 'other')),
      contact_date TEXT NOT NULL,
      text TEXT NOT NULL,
      author_id TEXT NOT NULL REFERENCES users (id),
      amends_note_id TEXT REFERENCES notes (id),
      amendment_reason TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notes_case ON notes (case_id, created_at);
    CREATE INDEX notes_person ON notes (person_id, created_at);
    CREATE INDEX notes_amends ON notes (amends_note_id);
    CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
    BEGIN SELECT RAISE(ABORT, 'Notes are append-only: add an amendment instead.'); END;
    CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
    BEGIN SELECT RAISE(ABORT, 'Notes are append-only: add an amendment instead.'); END;

    CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      due_date TEXT NOT NULL,
      assignee_id TEXT NOT NULL REFERENCES users (id),
      person_id TEXT REFERENCES people (id),
      case_id TEXT REFERENCES cases (id),
      source TEXT NOT NULL,
      rule_key TEXT UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('open', 'done')),
      completed_at TEXT,
      completed_by TEXT REFERENCES users (id),
      created_by TEXT REFERENCES users (id),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_date);
    CREATE INDEX tasks_open_due ON tasks (status, due_date);
    CREATE INDEX tasks_person ON tasks (person_id, status);
    CREATE INDEX tasks_case ON tasks (case_id, status);

    CREATE TABLE import_presets (
      name TEXT PRIMARY KEY COLLATE NOCASE,
      mapping TEXT NOT NULL CHECK (json_valid(mapping)),
      updated_at TEXT NOT NULL
    ) STRICT;
  `)
  const now = new Date().toISOString()
  const insert = db.prepare(
    'INSERT INTO roles (id, name, description, risk_tier, screening_interval_months, screening_battery, retired, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)'
  )
  for (const role of catalogue) {
    insert.run(
      role.code,
      role.name,
      role.description,
      role.riskTier,
      role.screeningIntervalMonths,
      JSON.stringify(role.screeningBattery),
      now,
      now
    )
  }
}

export interface DefaultRole {
  code: string
  name: string
  description: string
  riskTier: 'standard' | 'elevated' | 'high' | 'highest'
  screeningIntervalMonths: number | null
  screeningBattery: string[]
}

/**
 * On PostgreSQL. Person search is a trigram index on the search key itself (pg_trgm), where
 * SQLite keeps a separate FTS5 table in step by triggers; names that SQLite compares without
 * case are `citext`, and the name order index is on the lower-cased names.
 */
export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE roles (
      id text PRIMARY KEY,
      name citext NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      risk_tier text NOT NULL CHECK (risk_tier IN ('standard', 'elevated', 'high', 'highest')),
      screening_interval_months integer CHECK (screening_interval_months IS NULL OR screening_interval_months BETWEEN 1 AND 60),
      screening_battery text NOT NULL DEFAULT '[]' CHECK (screening_battery::jsonb IS NOT NULL),
      retired integer NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      created_at text NOT NULL,
      updated_at text NOT NULL
    );

    CREATE TABLE people (
      id text PRIMARY KEY,
      staff_number citext NOT NULL UNIQUE,
      title text,
      given_name text NOT NULL,
      family_name text NOT NULL,
      preferred_name text,
      date_of_birth text,
      employment_type text NOT NULL CHECK (employment_type IN ('police-officer', 'police-staff', 'special-constable', 'pcso', 'volunteer')),
      role_id text REFERENCES roles (id),
      department text,
      line_manager text,
      email text,
      phone text,
      start_date text,
      leaving_date text,
      restricted integer NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
      adjustments text,
      search_key text NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE INDEX people_name ON people (lower(family_name), lower(given_name));
    CREATE INDEX people_role ON people (role_id);
    CREATE INDEX people_search ON people USING gin (search_key gin_trgm_ops);

    CREATE TABLE person_access (
      person_id text NOT NULL REFERENCES people (id),
      user_id text NOT NULL REFERENCES users (id),
      PRIMARY KEY (person_id, user_id)
    );

    CREATE TABLE cases (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      reason text NOT NULL,
      assigned_clinician_id text NOT NULL REFERENCES users (id),
      status text NOT NULL CHECK (status IN ('open', 'active', 'awaiting-treatment', 'in-treatment', 'monitoring', 'closed')),
      priority text NOT NULL CHECK (priority IN ('routine', 'soon', 'urgent')),
      next_review_date text,
      flags text NOT NULL DEFAULT '[]' CHECK (flags::jsonb IS NOT NULL),
      pathway text NOT NULL DEFAULT '{}' CHECK (pathway::jsonb IS NOT NULL),
      last_contact_date text,
      opened_on text NOT NULL,
      closed_on text,
      closure_outcome text,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE UNIQUE INDEX cases_one_open_per_reason ON cases (person_id, reason) WHERE status <> 'closed';
    CREATE INDEX cases_person ON cases (person_id, opened_on);
    CREATE INDEX cases_caseload ON cases (assigned_clinician_id, status, next_review_date);

    CREATE TABLE notes (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases (id),
      person_id text NOT NULL REFERENCES people (id),
      type text NOT NULL CHECK (type IN ('telephone', 'face-to-face', 'video', 'email', 'letter', 'did-not-attend', 'supervision', 'other')),
      contact_date text NOT NULL,
      text text NOT NULL,
      author_id text NOT NULL REFERENCES users (id),
      amends_note_id text REFERENCES notes (id),
      amendment_reason text,
      created_at text NOT NULL
    );
    CREATE INDEX notes_case ON notes (case_id, created_at);
    CREATE INDEX notes_person ON notes (person_id, created_at);
    CREATE INDEX notes_amends ON notes (amends_note_id);
    ${refuse('notes', 'UPDATE', 'Notes are append-only: add an amendment instead.')}
    ${refuse('notes', 'DELETE', 'Notes are append-only: add an amendment instead.')}

    CREATE TABLE tasks (
      id text PRIMARY KEY,
      title text NOT NULL,
      due_date text NOT NULL,
      assignee_id text NOT NULL REFERENCES users (id),
      person_id text REFERENCES people (id),
      case_id text REFERENCES cases (id),
      source text NOT NULL,
      rule_key text UNIQUE,
      status text NOT NULL CHECK (status IN ('open', 'done')),
      completed_at text,
      completed_by text REFERENCES users (id),
      created_by text REFERENCES users (id),
      created_at text NOT NULL
    );
    CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_date);
    CREATE INDEX tasks_open_due ON tasks (status, due_date);
    CREATE INDEX tasks_person ON tasks (person_id, status);
    CREATE INDEX tasks_case ON tasks (case_id, status);

    CREATE TABLE import_presets (
      name citext PRIMARY KEY,
      mapping text NOT NULL CHECK (mapping::jsonb IS NOT NULL),
      updated_at text NOT NULL
    );
  `)
  const now = new Date().toISOString()
  for (const role of shippedCatalogue.roles as DefaultRole[]) {
    await run(
      'INSERT INTO roles (id, name, description, risk_tier, screening_interval_months, screening_battery, retired, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8)',
      [role.code, role.name, role.description, role.riskTier, role.screeningIntervalMonths, JSON.stringify(role.screeningBattery), now, now]
    )
  }
}
