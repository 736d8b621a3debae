import type pg from 'pg'
import { AUDIT_CHAIN_LOCK, nextEntry, verifyChainRows, type AuditEvent, type ChainFields, type ChainVerdict } from '../audit'

/**
 * The audit log on a team server: the same hash chain as a standalone store, written by many
 * clients at once. Each append takes one transaction-scoped advisory lock before reading the
 * chain's head, so appends are serialised in commit order and every entry links to the one
 * before it; the head comes from a function, since users may append but not read the log.
 * Call inside the transaction that makes the change the entry records.
 */

/**
 * Takes the chain's lock for the rest of the transaction and reads its head (undefined when
 * empty). Every writer of entries goes through here, so appends are serialised.
 */
export async function lockedChainHead(client: pg.ClientBase): Promise<{ seq: number; hash: string } | undefined> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK])
  // bigint arrives as text unless the connection parses it: read it as a number either way.
  const head = await client.query<{ seq: string | number | null; hash: string | null }>('SELECT seq, hash FROM harbour_audit_head()')
  const row = head.rows[0]
  return row?.seq != null && row.hash != null ? { seq: Number(row.seq), hash: row.hash } : undefined
}

export async function appendAuditOnPostgres(client: pg.ClientBase, event: AuditEvent, at: Date): Promise<void> {
  const entry = nextEntry(await lockedChainHead(client), event, at)
  await client.query(
    `INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entry.seq, entry.at, entry.actor_id, entry.action, entry.entity_type, entry.entity_id, entry.detail, entry.prev_hash, entry.hash]
  )
}

/** Walks the server's chain in order (administrators and the schema's owner may read it). */
export async function verifyAuditChainOnPostgres(client: pg.ClientBase): Promise<ChainVerdict> {
  const rows = await client.query<Omit<ChainFields, 'seq'> & { seq: string | number; hash: string }>(
    'SELECT seq, at, actor_id, action, entity_type, entity_id, detail, prev_hash, hash FROM audit_log ORDER BY seq'
  )
  return verifyChainRows(rows.rows.map((row) => ({ ...row, seq: Number(row.seq) })))
}
