import { existsSync } from 'node:fs'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import { verifyAuditChain } from '../store/audit'
import { checkAgainstHead, readAuditHead, type AuditHead } from '../store/audit-head'
import { verifyAuditSignatures } from '../store/audit-signatures'
import { readKeyring } from '../store/keyring'
import { openEncrypted, type SqliteDatabase } from '../store/open'
import type { KeyedStore } from '../store/key-access'
import { keyringBesideBackup } from './backup'

export interface VerifyOptions {
  /** A backup whose history the store must still hold unchanged. */
  against?: string
  /** A head noted down earlier (from `verify` or the Backups screen). */
  notedHead?: AuditHead
}

export interface VerifyReport {
  entries: number
  head: AuditHead
  /** The witness in the store's own key ring, or null before any session has closed. */
  ringHead: AuditHead | null
  against: { head: AuditHead; from: 'backup' | 'key file' } | null
  /** Signed entries, and where signing began (null: not yet, on a store no one has signed in to since the update). */
  signatures: { signed: number; beganAt: number | null }
}

function fail(message: string): never {
  throw new CoreError('conflict', message)
}

/** The head a backup witnesses: from the backup itself when it opens, else from its key file. */
function backupHead(file: string, dek: Buffer, core: CoreContext): { head: AuditHead; from: 'backup' | 'key file' } {
  if (!existsSync(file)) fail('There is no backup at that path.')
  const ringCopy = existsSync(keyringBesideBackup(file)) ? readKeyring(keyringBesideBackup(file)) : null
  let backup: SqliteDatabase | null = null
  try {
    backup = openEncrypted(file, dek, { readonly: true, ...(core.nativeBinding ? { nativeBinding: core.nativeBinding } : {}) })
  } catch {
    // Made under an earlier store key (before a rotation), or not a backup: fall back to its key file.
  }
  if (!backup) {
    if (!ringCopy?.auditHead)
      fail('The backup does not open with this store’s key and its key file records no audit head, so it cannot be compared.')
    return { head: ringCopy.auditHead, from: 'key file' }
  }
  try {
    const chain = verifyAuditChain(backup)
    if (!chain.ok) fail(`The backup’s own audit chain is broken at entry ${chain.firstBadSeq}: ${chain.reason}.`)
    const head = readAuditHead(backup)
    if (ringCopy?.auditHead && (ringCopy.auditHead.entries !== head.entries || ringCopy.auditHead.hash !== head.hash)) {
      fail('The key file beside the backup records a different audit head from the backup itself: one of them has been changed.')
    }
    return { head, from: 'backup' }
  } finally {
    backup.close()
  }
}

/**
 * Checks an unlocked store: every page, the audit chain, and the chain against its witnesses —
 * the head in the store's key ring, a backup's head, a head noted down earlier. Throws the first
 * problem as one sentence; returns what held.
 */
export function verifyStore(vault: KeyedStore, core: CoreContext, options: VerifyOptions = {}): VerifyReport {
  return vault.withKey((sqlite, dek) => {
    const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[]
    const pages = integrity.map((row) => row.integrity_check)
    if (pages.length !== 1 || pages[0] !== 'ok') fail(`integrity_check failed: ${pages.slice(0, 3).join('; ')}`)
    const chain = verifyAuditChain(sqlite)
    if (!chain.ok) fail(`Audit chain broken at entry ${chain.firstBadSeq}: ${chain.reason}.`)
    const signatures = verifyAuditSignatures(sqlite)
    if (!signatures.ok) fail(`Audit entry ${signatures.firstBadSeq} does not hold: ${signatures.reason}.`)
    const ringHead = readKeyring(vault.files.keyring).auditHead ?? null
    const witnesses: [AuditHead | null | undefined, string][] = [
      [ringHead, 'the key ring'],
      [options.notedHead, 'the noted head']
    ]
    const against = options.against ? backupHead(options.against, dek, core) : null
    witnesses.push([against?.head, against?.from === 'key file' ? 'the key file beside the backup' : 'the backup'])
    for (const [head, witness] of witnesses) {
      if (!head) continue
      const verdict = checkAgainstHead(sqlite, head, witness)
      if (!verdict.ok) fail(`Audit history does not hold: ${verdict.reason}.`)
    }
    return {
      entries: chain.entries,
      head: readAuditHead(sqlite),
      ringHead,
      against,
      signatures: { signed: signatures.signed, beganAt: signatures.beganAt }
    }
  })
}
