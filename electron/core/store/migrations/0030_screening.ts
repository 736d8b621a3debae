import type { SqliteDatabase } from '../open'
import { refuse, type PostgresStep } from '../postgres/run'

/**
 * Screenings (one sitting, versioned: a correction supersedes, never overwrites), their
 * per-instrument results, safety alerts, and a priority for tasks so alert tasks come first.
 */
export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE screenings (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      sitting_date TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('clinician-entered', 'self-completed', 'imported')),
      rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
      rag_rule TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      supersedes_id TEXT REFERENCES screenings (id),
      superseded_by_id TEXT REFERENCES screenings (id),
      correction_reason TEXT,
      entered_by TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX screenings_person ON screenings (person_id, sitting_date);
    CREATE INDEX screenings_current ON screenings (person_id, superseded_by_id, sitting_date);

    CREATE TABLE screening_results (
      screening_id TEXT NOT NULL REFERENCES screenings (id),
      instrument_id TEXT NOT NULL,
      answers TEXT CHECK (answers IS NULL OR json_valid(answers)),
      total REAL,
      band TEXT,
      subscales TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(subscales)),
      flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
      complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
      externally_scored INTEGER NOT NULL DEFAULT 0 CHECK (externally_scored IN (0, 1)),
      scoring_version TEXT NOT NULL,
      PRIMARY KEY (screening_id, instrument_id)
    ) STRICT, WITHOUT ROWID;

    -- A completed screening is locked: corrections are new versions.
    CREATE TRIGGER screening_results_no_update BEFORE UPDATE ON screening_results
    BEGIN SELECT RAISE(ABORT, 'Completed screenings are locked: save a correction instead.'); END;
    CREATE TRIGGER screening_results_no_delete BEFORE DELETE ON screening_results
    BEGIN SELECT RAISE(ABORT, 'Completed screenings are locked: save a correction instead.'); END;

    CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      screening_id TEXT NOT NULL REFERENCES screenings (id),
      code TEXT NOT NULL,
      message TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
      task_id TEXT REFERENCES tasks (id),
      acknowledged_by TEXT REFERENCES users (id),
      acknowledged_at TEXT,
      action_note TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX alerts_open ON alerts (status, person_id);

    ALTER TABLE tasks ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'top'));
  `)
}

/** On PostgreSQL: the same tables; a sitting's results stay locked by refusing triggers. */
export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE screenings (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      sitting_date text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('clinician-entered', 'self-completed', 'imported')),
      rag text NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
      rag_rule text,
      version integer NOT NULL DEFAULT 1,
      supersedes_id text REFERENCES screenings (id),
      superseded_by_id text REFERENCES screenings (id),
      correction_reason text,
      entered_by text NOT NULL REFERENCES users (id),
      created_at text NOT NULL
    );
    CREATE INDEX screenings_person ON screenings (person_id, sitting_date);
    CREATE INDEX screenings_current ON screenings (person_id, superseded_by_id, sitting_date);

    CREATE TABLE screening_results (
      screening_id text NOT NULL REFERENCES screenings (id),
      instrument_id text NOT NULL,
      answers text CHECK (answers IS NULL OR answers::jsonb IS NOT NULL),
      total double precision,
      band text,
      subscales text NOT NULL DEFAULT '{}' CHECK (subscales::jsonb IS NOT NULL),
      flags text NOT NULL DEFAULT '[]' CHECK (flags::jsonb IS NOT NULL),
      complete integer NOT NULL CHECK (complete IN (0, 1)),
      externally_scored integer NOT NULL DEFAULT 0 CHECK (externally_scored IN (0, 1)),
      scoring_version text NOT NULL,
      PRIMARY KEY (screening_id, instrument_id)
    );
    ${refuse('screening_results', 'UPDATE', 'Completed screenings are locked: save a correction instead.')}
    ${refuse('screening_results', 'DELETE', 'Completed screenings are locked: save a correction instead.')}

    CREATE TABLE alerts (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      screening_id text NOT NULL REFERENCES screenings (id),
      code text NOT NULL,
      message text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'acknowledged')),
      task_id text REFERENCES tasks (id),
      acknowledged_by text REFERENCES users (id),
      acknowledged_at text,
      action_note text,
      created_at text NOT NULL
    );
    CREATE INDEX alerts_open ON alerts (status, person_id);

    ALTER TABLE tasks ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'top'));
  `)
}
