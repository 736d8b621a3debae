import type { ProgressUpdate } from '../../shared/contract/progress'
import type { SessionUser } from '../../shared/contract/session'
import type { KdfParams } from './store/kdf'
import type { LockOwner } from './store/store-lock'
import type { Kysely } from 'kysely'
import type { AuditEvent } from './store/audit'
import type { BulkWrites } from './store/bulk-writes'
import type { Dialect } from './store/dialect'
import type { HarbourDatabase } from './store/schema'
import type { HandoverState } from './store/handover-state'
import type { KeyedStore } from './store/key-access'
import type { UserKeySlots } from './store/keyring'
import type { SessionControls } from './store/session'

/**
 * Everything the core needs from its host, passed in rather than read from globals, so the
 * same core runs under Electron, the CLI, tests and benchmarks.
 */
export interface CoreContext {
  /** Folder holding the store, key ring and preferences. */
  dataFolder: string
  /** Folder holding the app's package.json (the asar root when packaged). */
  appRoot: string
  productName: string
  version: string
  runtime: { node: string; electron: string | null; chrome: string | null }
  platform: string
  clock: () => Date
  /** Fixed key-derivation parameters (tests); otherwise calibrated on this machine at setup. */
  kdf?: KdfParams
  /** The database driver's native module built for this runtime (the Electron build under Electron). */
  nativeBinding?: string
  /** Native file dialogs in the app; scripted answers in tests. */
  dialogs?: FileDialogs
  /** Receives progress of long work, for the window to show. */
  progress?: (update: ProgressUpdate) => void
  /** What this process is, as the store's lock file names it to anyone else: the app unless set. */
  lockOwner?: LockOwner
}

export interface FileDialogs {
  /** Where to write a new backup; null if the user cancelled. */
  chooseBackupDestination: (suggestedName: string) => Promise<string | null>
  /** Which backup to restore; null if the user cancelled. */
  chooseBackupToRestore: () => Promise<string | null>
  /** Where to save a CSV export; null if the user cancelled. */
  chooseExportDestination?: (suggestedName: string) => Promise<string | null>
  /** Where to save an encrypted export (an AES-256 zip); null if the user cancelled. */
  chooseEncryptedExportDestination?: (suggestedName: string) => Promise<string | null>
  /** Which HR CSV file to import; null if the user cancelled. */
  chooseImportFile?: () => Promise<string | null>
  /** Where to save the rows an import left out (a CSV); null if the user cancelled. */
  chooseRejectedRowsDestination?: (suggestedName: string) => Promise<string | null>
  /** Where to save a letter or report as a PDF; null if the user cancelled. */
  chooseDocumentDestination?: (suggestedName: string) => Promise<string | null>
  /** The force's CA certificate file for a team server; null if the user cancelled. */
  chooseCaFile?: () => Promise<string | null>
}

/** Who is calling. Null until the encrypted store is unlocked. */
export type Session = SessionUser

/**
 * One request's view of the core, built afresh for every call by the dispatcher (and the
 * CLI): who is calling travels with the call, instead of being read from a process-wide
 * session. A service gets what it needs to do its work, and no key: the raw driver and the
 * store key reach only the services that need them, through KeyedCallContext.
 */
/**
 * What a query needs: the database and its engine's dialect (store/dialect), so one query
 * builder serves SQLite and PostgreSQL. Query builders take this; a CallContext is one.
 */
export interface Queries {
  /** The open store's database (it refuses with "locked" once the store locks). */
  readonly db: Kysely<HarbourDatabase>
  /** How this engine writes what the engines write differently. */
  readonly dialect: Dialect
}

export interface CallContext extends Queries {
  /** Facts about the host: folders, dialogs, progress. */
  core: CoreContext
  /** The signed-in user making this call. */
  user: SessionUser
  clock: () => Date
  /** Appends one audit entry for this call on its own (inside a transaction, use appendAudit). */
  audit: (event: AuditEvent) => Promise<void>
  /** The signed-in session: its status, idle setting, long-write hold. */
  session: SessionControls
  /** Whether Harbour is handed to a person for questionnaires. */
  handover: HandoverState
  /** The user key slots in the key ring, which only a holder of the store key can change. */
  keyRing: UserKeySlots
  /** Writes of many rows at once (imports, synthetic data) through the store's prepared statements. */
  bulk: BulkWrites
}

/** A call to a service that needs the store key or raw driver: backups, key rotation, verification. */
export interface KeyedCallContext extends CallContext {
  keys: KeyedStore
}
