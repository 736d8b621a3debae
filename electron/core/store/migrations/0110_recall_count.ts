import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * The recall list's count reads only an index: who is due, still serving and visible is
 * decided from the due date, leaving date, restricted flag, role and id, all held in one
 * index, so counting the 15,000 people due in a month at 50,000 no longer reads each person's
 * row (10 ms down to about 3 ms). It replaces the due-date index it begins with.
 */
export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE INDEX people_recall ON people (next_screening_due, leaving_date, restricted, role_id, id);
    DROP INDEX people_next_screening_due;
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE INDEX people_recall ON people (next_screening_due, leaving_date, restricted, role_id, id);
    DROP INDEX people_next_screening_due;
  `)
}
