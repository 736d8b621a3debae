import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * Audit entries signed by the acting user's own key (Ed25519, the private half in their key
 * slot): who signed (a user id, or 'recovery' for the recovery slot) and the signature over
 * the entry's hash. Neither is part of the hash, so existing entries keep theirs; entries
 * before the first 'audit.signing-began' entry are unsigned.
 */
export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN signer_id TEXT;
    ALTER TABLE audit_log ADD COLUMN signature TEXT;
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    ALTER TABLE audit_log ADD COLUMN signer_id text;
    ALTER TABLE audit_log ADD COLUMN signature text;
  `)
}
