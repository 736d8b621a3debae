import { sign } from 'node:crypto'
import type { SqliteDatabase } from './open'
import { privateKeyObject, publicKeyOf } from './slot-keys'

/**
 * Who signs the audit entries written on a connection. The hash chain alone can be rebuilt by
 * anyone with the store key; a signature needs the acting user's own Ed25519 key, which only
 * their passphrase unwraps (it lives in their key slot). So one person's passphrase cannot
 * write or rewrite entries in another's name.
 *
 * The signer is attached to the connection as two SQL functions that every audit insert
 * calls, so all the code that appends entries (inside whatever transaction) signs without
 * knowing about it. A connection with no signer writes unsigned entries; `verify` accepts
 * those only before signing began, or for the few actions written with no one signed in.
 */
export interface AuditSigner {
  /** A user id, or 'recovery' for the recovery slot's key. */
  id: string
  /** The raw 32-byte Ed25519 private key (owned by the caller, who overwrites it on lock). */
  privateKey: Buffer
}

/** The signer id of entries signed with the recovery slot's key (registering a recovered user's new key). */
export const recoverySigner = 'recovery'

export function signatureMessage(hash: string): Buffer {
  return Buffer.from(`harbour-audit|${hash}`)
}

export function attachAuditSigner(db: SqliteDatabase, signer: AuditSigner | null): void {
  db.function('harbour_audit_signer', { deterministic: false, directOnly: true }, () => signer?.id ?? null)
  db.function('harbour_audit_sign', { deterministic: false, directOnly: true }, (hash: unknown) =>
    signer && typeof hash === 'string'
      ? sign(null, signatureMessage(hash), privateKeyObject('ed25519', signer.privateKey)).toString('base64')
      : null
  )
}

/** How a public signing key is named in the audit log: `ed25519:<base64>`. */
export function describeSigningKey(privateKey: Buffer): string {
  return `ed25519:${publicKeyOf('ed25519', privateKey).toString('base64')}`
}

export const keyRegistered = 'signing-key.registered'

/**
 * The entry that gives a key holder (a user id, or 'recovery') a signing key. The key is the
 * entity; the holder is in the detail (see audit-signatures.ts for who may register what).
 */
export function keyRegistration(actorId: string | null, holder: string, signingKey: string) {
  return {
    actorId,
    action: keyRegistered,
    entityType: 'signing-key',
    entityId: signingKey,
    detail: holder === recoverySigner ? recoverySigner : `user:${holder}`
  }
}
