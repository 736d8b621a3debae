import type { ProgressUpdate } from '../../shared/contract/progress'
import type { SessionUser } from '../../shared/contract/session'
import type { KdfParams } from './store/kdf'
import type { LockOwner } from './store/store-lock'
import type { Vault } from './store/vault'

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
  /** Which HR CSV file to import; null if the user cancelled. */
  chooseImportFile?: () => Promise<string | null>
  /** Where to save the rows an import left out (a CSV); null if the user cancelled. */
  chooseRejectedRowsDestination?: (suggestedName: string) => Promise<string | null>
}

/** Who is calling. Null until the encrypted store is unlocked. */
export type Session = SessionUser

export interface CallContext {
  core: CoreContext
  session: Session | null
  /** The encrypted store: its state, its database while unlocked, its key ring. */
  vault: Vault
}
