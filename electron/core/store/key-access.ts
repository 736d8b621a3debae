import type { LockReason, StoreStatus } from '../../../shared/contract/session'
import type { AuditSigner } from './audit-signing'
import type { StoreFiles } from './files'
import type { Keyring } from './keyring'
import type { SqliteDatabase } from './open'
import type { RotationOutcome } from './rotate-key'

/**
 * The store with its key in reach: the raw driver, the key and the files, for the few services
 * that work on the encrypted file itself (backup, restore, key rotation, verification).
 * Everything else works through CallContext, which holds no key.
 */
export interface KeyedStore {
  readonly files: StoreFiles
  status(): StoreStatus
  lock(reason: LockReason): void
  /** Runs synchronous work with the raw connection and the store key. */
  withKey<T>(work: (sqlite: SqliteDatabase, dek: Buffer) => T): T
  /** Who signs the session's audit entries, for entries written on another connection. */
  auditSigner(): AuditSigner | null
  rotateKey(): Promise<RotationOutcome>
  withStoreLock<T>(work: () => Promise<T>): Promise<T>
  /** Opens a key slot for a username (with back-off), in the store's ring or the one given. */
  unwrapFor(username: string, passphrase: string, ring?: Keyring): Promise<{ dek: Buffer; userId: string }>
  openDatabase(dek: Buffer): SqliteDatabase
  witnessAuditHead(sqlite: SqliteDatabase): void
  clearKnownProblem(): void
}
