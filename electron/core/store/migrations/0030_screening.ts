import type { SqliteDatabase } from '../open'

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
