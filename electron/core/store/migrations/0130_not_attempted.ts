import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * A questionnaire the clinician says was not attempted is recorded as such, not as a blank
 * or incomplete result: one flag per result. Earlier results are all 0 (they were attempted,
 * or saved before the question was asked).
 */
export function up(db: SqliteDatabase): void {
  db.exec(`ALTER TABLE screening_results ADD COLUMN not_attempted INTEGER NOT NULL DEFAULT 0 CHECK (not_attempted IN (0, 1))`)
}

export const postgres: PostgresStep = async (run) => {
  await run(`ALTER TABLE screening_results ADD COLUMN not_attempted integer NOT NULL DEFAULT 0 CHECK (not_attempted IN (0, 1))`)
}
