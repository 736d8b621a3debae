import { z } from 'zod'
import { genesisHash } from './audit'
import type { SqliteDatabase } from './open'

/**
 * Witnesses for the audit chain. A chain checked only against itself cannot show that its
 * last entries were cut or that the whole of it was recomputed after an edit: anyone with the
 * file and a valid passphrase can do either. So the head of the chain (how many entries, and
 * the hash of the last) is also written outside the database — into the key ring when a
 * session closes, and into the key-ring copy beside every backup — and printed by `verify` and
 * the Backups screen for a service lead to note. History only grows, so a store is consistent
 * with a witness when it has at least as many entries and its entry at the witnessed count
 * has the witnessed hash: that one hash covers every entry before it.
 */
export const auditHeadSchema = z.object({
  entries: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the witness was taken (informative only; not checked). */
  at: z.string().optional()
})

export type AuditHead = z.infer<typeof auditHeadSchema>

/** The current head: entry count and last hash (the genesis hash for an empty log). */
export function readAuditHead(db: SqliteDatabase): AuditHead {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
  return { entries: last?.seq ?? 0, hash: last?.hash ?? genesisHash }
}

export type HeadVerdict = { ok: true } | { ok: false; reason: string }

/**
 * Whether the store still holds the history a witness saw. Assumes the chain itself has been
 * verified (so sequence numbers run 1..n without gaps and each entry covers the one before).
 */
export function checkAgainstHead(db: SqliteDatabase, head: AuditHead, witness: string): HeadVerdict {
  if (head.entries === 0) return { ok: true }
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(head.entries) as { hash: string } | undefined
  if (!row) {
    const { entries } = readAuditHead(db)
    return {
      ok: false,
      reason: `the audit log has ${entries} entries, fewer than the ${head.entries} recorded in ${witness}: entries have been removed`
    }
  }
  if (row.hash !== head.hash) {
    return {
      ok: false,
      reason: `audit entry ${head.entries} is not the one recorded in ${witness}: the history before it has been rewritten`
    }
  }
  return { ok: true }
}

/** How a head is shown for a person to note down and compare later. */
export function describeHead(head: AuditHead): string {
  return `${head.entries} entries, last hash ${head.hash}`
}

/** Reads a head typed as `ENTRIES:HASH` (as `verify` prints it for noting down). */
export function parseNotedHead(text: string): AuditHead | null {
  const match = /^(\d{1,12}):([0-9a-f]{64})$/i.exec(text.trim())
  if (!match?.[1] || !match[2]) return null
  return { entries: Number(match[1]), hash: match[2].toLowerCase() }
}
