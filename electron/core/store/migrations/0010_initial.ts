import type { SqliteDatabase } from '../open'
import { refuse, refuseFunction, type PostgresStep } from '../postgres/run'

/**
 * Users, settings and the audit log. Frozen in time: later changes are new migrations.
 * The audit log is append-only: triggers refuse every UPDATE and DELETE.
 */
export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL COLLATE NOCASE UNIQUE,
      display_name TEXT NOT NULL,
      roles TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
      status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
      must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      action TEXT NOT NULL,
      entity_type TEXT,
      entity_id TEXT,
      detail TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;

    CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, seq);

    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;

    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
  `)
}

/**
 * On PostgreSQL. Usernames are `citext` so they compare without case, as SQLite's NOCASE
 * column does; the extensions team mode relies on (case-insensitive text, trigram search) are
 * trusted ones a database owner may create. TRUNCATE is refused too: PostgreSQL has it.
 */
export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE EXTENSION IF NOT EXISTS citext;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    ${refuseFunction}

    CREATE TABLE users (
      id text PRIMARY KEY,
      username citext NOT NULL UNIQUE,
      display_name text NOT NULL,
      roles text NOT NULL CHECK (jsonb_typeof(roles::jsonb) = 'array'),
      status text NOT NULL CHECK (status IN ('active', 'disabled')),
      must_change_passphrase integer NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1)),
      created_at text NOT NULL,
      updated_at text NOT NULL
    );

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value text NOT NULL
    );

    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      at text NOT NULL,
      actor_id text,
      action text NOT NULL,
      entity_type text,
      entity_id text,
      detail text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );

    CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, seq);

    ${refuse('audit_log', 'UPDATE', 'The audit log is append-only.')}
    ${refuse('audit_log', 'DELETE', 'The audit log is append-only.')}
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse('The audit log is append-only.');
  `)
}
