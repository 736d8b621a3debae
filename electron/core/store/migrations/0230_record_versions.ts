import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * Optimistic concurrency for the records two clinicians may edit at once on a team server (a
 * person, a case): each row counts its saves in `version`, and `updated_by` names who saved it
 * last (null for an HR import). A save names the version its editor read; a save over a newer
 * one is refused with who changed it and when (services/record-versions.ts), so nothing is
 * overwritten silently. Notes and screenings are append-only and need none.
 */
const columns = `
  ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE people ADD COLUMN updated_by TEXT;
  ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE cases ADD COLUMN updated_by TEXT;
`

export function up(db: SqliteDatabase): void {
  db.exec(columns)
}

export const postgres: PostgresStep = async (run) => {
  await run(columns)
}
