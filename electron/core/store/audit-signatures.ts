import { verify } from 'node:crypto'
import { keyRegistered, recoverySigner, signatureMessage } from './audit-signing'
import type { SqliteDatabase } from './open'
import { publicKeyObject } from './slot-keys'

/**
 * Checks every audit entry's signature against its signer's key, as the chain itself says
 * keys were given out. Rules, applied in order along the chain:
 * - Signing is enforced from the first `audit.signing-began` entry (written by the first sign-in
 *   after setup or after the update). Entries before it are not checked (keys registered there
 *   are taken as given: that stretch rests on the chain and its witnesses); it and every later
 *   entry must be signed, except `backup.restored` (written by a restore, before anyone is
 *   signed in).
 * - An entry with an actor is signed by that actor; one without (a failed sign-in recorded at
 *   the next sign-in, or a key given out with the recovery code) by whoever wrote it.
 * - `user.signing-key` gives a user their key (detail `ed25519:<base64>`). A user's first key
 *   may be registered by themselves, signed with that key (their first sign-in after the
 *   update). A replacement must be signed by someone else's key: the administrator who reset
 *   their passphrase, or the recovery key when they recovered it. So nobody can quietly
 *   swap in a key for another person: whoever did it signed the entry that says so.
 * - `store.recovery-key` gives the recovery slot its key: first by anyone, later by a user.
 */
export type SignatureVerdict = { ok: true; signed: number; beganAt: number | null } | { ok: false; firstBadSeq: number; reason: string }

const signingBegan = 'audit.signing-began'
const unsignedAllowed = new Set(['backup.restored'])

interface Row {
  seq: number
  actor_id: string | null
  action: string
  entity_type: string | null
  entity_id: string | null
  detail: string | null
  hash: string
  signer_id: string | null
  signature: string | null
}

function parseKey(name: string | null): Buffer | null {
  const match = /^ed25519:([A-Za-z0-9+/]{43}=)$/.exec(name ?? '')
  return match?.[1] ? Buffer.from(match[1], 'base64') : null
}

function holderOf(detail: string | null): string | null {
  if (detail === recoverySigner) return recoverySigner
  return detail?.startsWith('user:') ? detail.slice('user:'.length) : null
}

function signedBy(row: Row, key: Buffer | undefined): boolean {
  if (!key || !row.signature) return false
  try {
    return verify(null, signatureMessage(row.hash), publicKeyObject('ed25519', key), Buffer.from(row.signature, 'base64'))
  } catch {
    return false
  }
}

export function verifyAuditSignatures(db: SqliteDatabase): SignatureVerdict {
  const keys = new Map<string, Buffer>()
  let beganAt: number | null = null
  let signed = 0
  const rows = db
    .prepare('SELECT seq, actor_id, action, entity_type, entity_id, detail, hash, signer_id, signature FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<Row>
  for (const row of rows) {
    const bad = (reason: string): SignatureVerdict => ({ ok: false, firstBadSeq: row.seq, reason })
    if (beganAt === null && row.action === signingBegan) beganAt = row.seq
    const registers = row.action === keyRegistered
    const subject = registers ? holderOf(row.detail) : null
    const newKey = registers ? parseKey(row.entity_id) : null
    if (registers && (!newKey || !subject)) return bad('it gives out a key that is not one')

    if (beganAt === null) {
      // Before signing began nothing is checked (the chain and its witnesses cover that part),
      // but the keys given out there are the ones later entries are checked against.
      if (registers && subject && newKey) keys.set(subject, newKey)
      continue
    }
    if (!row.signature) {
      if (unsignedAllowed.has(row.action)) continue
      return bad('it is not signed')
    }
    const signer = row.signer_id ?? ''
    if (row.actor_id !== null && signer !== row.actor_id) return bad('it is signed by someone other than its actor')
    // A first key is proved by a signature made with it; any other key must already be known.
    const firstOwnKey = registers && subject === signer && !keys.has(signer)
    if (!signedBy(row, firstOwnKey ? (newKey ?? undefined) : keys.get(signer))) {
      return bad(
        keys.has(signer) || firstOwnKey
          ? `its signature does not match ${signer === recoverySigner ? 'the recovery key' : 'its signer’s key'}`
          : 'its signer has no signing key'
      )
    }
    if (registers && subject && newKey) {
      if (keys.has(subject) && signer === subject) return bad('it replaces a signing key with one signed by the same holder')
      keys.set(subject, newKey)
    }
    signed++
  }
  return { ok: true, signed, beganAt }
}
