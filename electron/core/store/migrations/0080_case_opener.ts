import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * Who opened each case, kept apart from who holds it now: a handover changes the holder, never
 * the opener. Cases opened before this are filled in from their 'case.opened' audit entry (the
 * one place that fact was kept); a case with no such entry keeps no opener rather than a guess.
 */
export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE cases ADD COLUMN opened_by TEXT REFERENCES users (id);
    UPDATE cases SET opened_by = (
      SELECT audit_log.actor_id FROM audit_log
      WHERE audit_log.action = 'case.opened' AND audit_log.entity_type = 'case' AND audit_log.entity_id = cases.id
        AND audit_log.actor_id IN (SELECT id FROM users)
      ORDER BY audit_log.seq LIMIT 1
    );
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    ALTER TABLE cases ADD COLUMN opened_by text REFERENCES users (id);
    UPDATE cases SET opened_by = (
      SELECT audit_log.actor_id FROM audit_log
      WHERE audit_log.action = 'case.opened' AND audit_log.entity_type = 'case' AND audit_log.entity_id = cases.id
        AND audit_log.actor_id IN (SELECT id FROM users)
      ORDER BY audit_log.seq LIMIT 1
    );
  `)
}
