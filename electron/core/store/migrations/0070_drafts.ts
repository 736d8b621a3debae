import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * Drafts: unsaved form work, kept per user so that navigating away, the idle lock or closing
 * Harbour loses nothing. One row per user, form and subject ('' when the form has none yet,
 * such as a new person); `person_id` is the person the draft is about, so a draft is offered
 * back only while its author may still see that person. Not part of the record: a draft is
 * replaced as its author types and deleted when the form is saved, discarded or goes stale.
 */
export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE drafts (
      user_id TEXT NOT NULL REFERENCES users (id),
      form TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      person_id TEXT REFERENCES people (id) ON DELETE CASCADE,
      content TEXT NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
      saved_at TEXT NOT NULL,
      PRIMARY KEY (user_id, form, subject_id)
    ) WITHOUT ROWID;
    CREATE INDEX drafts_saved_at ON drafts (saved_at);
    CREATE INDEX drafts_person ON drafts (person_id);
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE drafts (
      user_id text NOT NULL REFERENCES users (id),
      form text NOT NULL,
      subject_id text NOT NULL,
      person_id text REFERENCES people (id) ON DELETE CASCADE,
      content text NOT NULL CHECK (jsonb_typeof(content::jsonb) = 'object'),
      saved_at text NOT NULL,
      PRIMARY KEY (user_id, form, subject_id)
    );
    CREATE INDEX drafts_saved_at ON drafts (saved_at);
    CREATE INDEX drafts_person ON drafts (person_id);
  `)
}
