import { existsSync } from 'node:fs'
import type { StoreProblem, StoreStatus } from '../../../shared/contract/session'
import { defaultStoreSettings } from '../../../shared/contract/settings'
import type { StoreDatabase } from './database'
import type { StoreFiles } from './files'
import type { KdfParams } from './kdf'
import { readKeyring, type KeyRingFile } from './keyring'
import type { StoreSession } from './session'
import type { SlotAttempts } from './slot-attempts'

/**
 * The store's parts, each with one job: its files, the key ring, the database, the attempts
 * at opening key slots, and the session. The services that set a store up, sign in and
 * recover work with these; everything else works through a CallContext.
 */
export interface StoreParts {
  files: StoreFiles
  keyRing: KeyRingFile
  database: StoreDatabase
  attempts: SlotAttempts
  session: StoreSession
  /** Key-derivation settings for new slots: fixed in tests, otherwise calibrated on this machine. */
  kdf: () => Promise<KdfParams>
}

/** What the files say is wrong with the store, before anything is opened. */
function fileProblem({ files }: StoreParts): StoreProblem | null {
  if (!existsSync(files.keyring)) return existsSync(files.database) ? 'keyring-missing' : null
  try {
    readKeyring(files.keyring)
  } catch {
    return 'keyring-damaged'
  }
  if (!existsSync(files.database)) return 'missing'
  return null
}

/** The store's state as the window and the dispatcher see it: none yet, locked, unavailable or open. */
export function storeStatus(parts: StoreParts): StoreStatus {
  const open = parts.session.openStatus()
  if (open) return open
  const { files } = parts
  const hasAnything = existsSync(files.keyring) || existsSync(files.database)
  if (!hasAnything) {
    return {
      teamServer: null,
      state: 'no-store',
      problem: null,
      user: null,
      lockReason: null,
      idleLockMinutes: defaultStoreSettings.idleLockMinutes,
      handover: null,
      failedSignIns: null
    }
  }
  const problem = fileProblem(parts) ?? parts.database.knownProblem
  return {
    teamServer: null,
    state: problem ? 'unavailable' : 'locked',
    problem,
    user: null,
    lockReason: parts.session.lockReason,
    idleLockMinutes: defaultStoreSettings.idleLockMinutes,
    handover: null,
    failedSignIns: null
  }
}
