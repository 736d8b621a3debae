import { createHash } from 'node:crypto'
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely'
import type { SqliteDatabase } from './open'
import type { HarbourDatabase } from './schema'

/**
 * The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained, each
 * entry's hash covering its own fields and the previous entry's hash. It records who did
 * what to which entity and when — identifiers only, never clinical content.
 */
export const genesisHash = '0'.repeat(64)

/** The advisory lock that serialises appends to a team server's chain ("HARC"). */
export const AUDIT_CHAIN_LOCK = 0x48415243

export interface AuditEvent {
  actorId: string | null
  action: string
  entityType?: string | null
  entityId?: string | null
  /** Field names or counts only. */
  detail?: string | null
}

export interface ChainFields {
  seq: number
  at: string
  actor_id: string | null
  action: string
  entity_type: string | null
  entity_id: string | null
  detail: string | null
  prev_hash: string
}

export function entryHash(entry: ChainFields): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.actor_id,
    entry.action,
    entry.entity_type,
    entry.entity_id,
    entry.detail,
    entry.prev_hash
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

type Executor = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/** The entry that follows `last` (or starts the chain), with its hash. */
export function nextEntry(last: { seq: number; hash: string } | undefined, event: AuditEvent, at: Date) {
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor_id: event.actorId,
    action: event.action,
    entity_type: event.entityType ?? null,
    entity_id: event.entityId ?? null,
    detail: event.detail ?? null,
    prev_hash: last?.hash ?? genesisHash
  }
  return { ...fields, hash: entryHash(fields) }
}

/**
 * Appends one entry. Call it inside the transaction that makes the change it records. On a
 * standalone store the entry is signed by the connection's signer (see audit-signing.ts); on a
 * team server the chain is shared by every client, so the append takes the chain's lock first
 * (see postgres/audit.ts), in a transaction of its own when not called inside one.
 */
export async function appendAudit(db: Executor, event: AuditEvent, at: Date): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    if (!db.isTransaction) return db.transaction().execute((trx) => appendOnTeamServer(trx, event, at))
    return appendOnTeamServer(db, event, at)
  }
  // Reading the head and appending after it must not interleave with another call's append: a
  // transaction holds the store's one connection until both are done.
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAudit(trx, event, at))
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()
  const entry = nextEntry(last, event, at)
  await db
    .insertInto('audit_log')
    .values({
      ...entry,
      signer_id: sql<string | null>`harbour_audit_signer()`,
      signature: sql<string | null>`harbour_audit_sign(${entry.hash})`
    })
    .execute()
}

/** The chain's lock for the rest of the transaction, then its head (users may append but not read the log). */
async function appendOnTeamServer(trx: Executor, event: AuditEvent, at: Date): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx)
  const head = await sql<{ seq: number | null; hash: string | null }>`SELECT seq, hash FROM harbour_audit_head()`.execute(trx)
  const row = head.rows[0]
  const last = row?.seq != null && row.hash != null ? { seq: Number(row.seq), hash: row.hash } : undefined
  await trx
    .insertInto('audit_log')
    .values(nextEntry(last, event, at))
    .execute()
}

/** The same, synchronously, for the few writes that must finish before the connection closes. */
export function appendAuditSync(sqlite: SqliteDatabase, event: AuditEvent, at: Date): void {
  sqlite
    .transaction(() => {
      const last = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined
      sqlite
        .prepare(
          'INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, detail, prev_hash, hash, signer_id, signature) ' +
            'VALUES (@seq, @at, @actor_id, @action, @entity_type, @entity_id, @detail, @prev_hash, @hash, harbour_audit_signer(), harbour_audit_sign(@hash))'
        )
        .run(nextEntry(last, event, at))
    })
    .immediate()
}

export type ChainVerdict = { ok: true; entries: number } | { ok: false; entries: number; firstBadSeq: number; reason: string }

/**
 * Walks the chain in order and reports the first entry that does not hold: a changed field
 * (hash mismatch), a removed or reordered entry (broken link or gap in the sequence).
 */
export function verifyAuditChain(db: SqliteDatabase): ChainVerdict {
  return verifyChainRows(readChainFields(db))
}

/** A store's entries in order, with what their hashes cover. */
export function readChainFields(db: SqliteDatabase): IterableIterator<ChainFields & { hash: string }> {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<ChainFields & { hash: string }>
}

/** The same walk over entries read from any engine, in sequence order. */
export function verifyChainRows(rows: Iterable<ChainFields & { hash: string }>): ChainVerdict {
  let previousHash = genesisHash
  let expectedSeq = 1
  let count = 0
  for (const row of rows) {
    count++
    if (row.seq !== expectedSeq) {
      return { ok: false, entries: count, firstBadSeq: row.seq, reason: `entry ${expectedSeq} is missing` }
    }
    if (row.prev_hash !== previousHash) {
      return { ok: false, entries: count, firstBadSeq: row.seq, reason: 'it does not link to the entry before it' }
    }
    if (entryHash(row) !== row.hash) {
      return { ok: false, entries: count, firstBadSeq: row.seq, reason: 'its contents do not match its hash' }
    }
    previousHash = row.hash
    expectedSeq++
  }
  return { ok: true, entries: count }
}
