import { randomBytes } from 'node:crypto'
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ProgressUpdate } from '../../../shared/contract/progress'
import { CoreError } from '../errors'
import { readAuditHead, type AuditHead } from './audit-head'
import { BackupError, rowCounts, verifyBackupFile } from './backup'
import type { StoreFiles } from './files'
import type { KdfParams } from './kdf'
import { createSlot, isSealed, macHolds, readKeyring, resealSlot, withMac, writeKeyring, type Keyring, type KeySlot } from './keyring'
import { openEncrypted, type SqliteDatabase } from './open'
import { newRecoveryCode as makeRecoveryCode } from './recovery-code'
import { copyUnderNewKey } from './rekey-copy'

/**
 * Rotating the store key (DEK): after a user is disabled, an old copy of the key ring (one sits
 * beside every backup) still opens the live store with that user's passphrase, because the DEK
 * never changed. Rotation re-encrypts the store into a new file under a new random key, seals
 * the new key to every remaining slot (version 2 slots: no passphrase needed, see keyring.ts),
 * verifies the new file, and swaps it in.
 *
 * Crash safety: the key ring is the commit record. Before the files are touched, a transitional
 * ring is written whose slots hold both keys (`seal` new, `previousSeal` old), so whichever file
 * is in place after a crash opens; the next unlock settles the ring to the key that opened it
 * (`settleRotation`). The old file is kept aside (a hard link, or a copy where links are not
 * supported) until the new one has been verified in place, then removed: keeping a file that a
 * removed slot can open would undo the rotation. No data is lost: the new file has passed
 * `integrity_check`, has the same row counts and the same audit head before the old one goes.
 */
export type RotationPhase = 'checking' | 'copying' | 'verifying' | 'sealing' | 'swapping' | 'finishing' | 'done'
const phases: RotationPhase[] = ['checking', 'copying', 'verifying', 'sealing', 'swapping', 'finishing', 'done']

export interface RotationHost {
  files: StoreFiles
  sqlite: SqliteDatabase
  dek: Buffer
  /** Users whose slots are kept: the active ones. */
  activeUserIds: Set<string>
  kdf: KdfParams
  now: Date
  driver: { nativeBinding?: string }
  progress?: (update: ProgressUpdate) => void
  /** Closes the open store (checkpointing its write-ahead log). */
  closeStore: () => void
  /** Opens the store file under `dek` and makes it the session's; returns the connection. */
  reopenStore: (dek: Buffer) => SqliteDatabase
}

export interface RotationOutcome {
  dek: Buffer
  slots: number
  /** Set when the recovery slot could not be resealed (made before version 2): shown once. */
  newRecoveryCode: string | null
}

export function rotationFiles(files: StoreFiles) {
  return { partial: `${files.database}.rotating`, aside: `${files.database}-before-rotation` }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function keptSlots(keyring: Keyring, activeUserIds: Set<string>): KeySlot[] {
  return keyring.slots.filter((slot) => slot.kind === 'recovery' || (slot.userId !== null && activeUserIds.has(slot.userId)))
}

function checkRotatable(keyring: Keyring, dek: Buffer, kept: KeySlot[]): void {
  if (!macHolds(keyring, dek)) {
    throw new CoreError(
      'conflict',
      'The key file has been changed outside Harbour since it was last saved, so the store key was not rotated. Restore the key file from a backup, or ask your Harbour administrator.'
    )
  }
  const waiting = kept.filter((slot) => slot.kind === 'user' && !isSealed(slot)).map((slot) => slot.username ?? '')
  if (waiting.length > 0) {
    throw new CoreError(
      'conflict',
      `The store key cannot be rotated until these users have signed in once since Harbour was updated, or had their passphrase reset: ${waiting.join(', ')}.`
    )
  }
}

/** Checks the re-keyed copy: whole, same rows, same audit head, and it does not open with the old key. */
function verifyCopy(
  path: string,
  oldDek: Buffer,
  newDek: Buffer,
  expected: Record<string, number>,
  head: AuditHead,
  driver: RotationHost['driver']
): void {
  verifyBackupFile(path, newDek, expected, driver)
  const copy = openEncrypted(path, newDek, { readonly: true, ...driver })
  try {
    if (readAuditHead(copy).hash !== head.hash) throw new BackupError('The new store file does not hold the same audit history.')
  } finally {
    copy.close()
  }
  let opensWithOldKey = true
  try {
    openEncrypted(path, oldDek, { readonly: true, ...driver }).close()
  } catch {
    opensWithOldKey = false
  }
  if (opensWithOldKey) throw new BackupError('The new store file still opens with the old key.')
}

function report(host: RotationHost, phase: RotationPhase): void {
  host.progress?.({ task: 'key-rotation', phase, done: phases.indexOf(phase), total: phases.length - 1 })
}

/** The ring once a rotation is settled on the key that opened the store. */
export function settledRing(keyring: Keyring, usedNewKey: boolean): Keyring {
  const slots = keyring.slots.flatMap((slot): KeySlot[] => {
    const { previousSeal, ...rest } = slot
    if (!previousSeal) return usedNewKey || !isSealed(slot) ? [slot] : [] // a slot made by the rotation holds only the new key
    return [usedNewKey ? rest : { ...rest, seal: previousSeal }]
  })
  return { ...keyring, slots }
}

export function rotationUnderWay(keyring: Keyring): boolean {
  return keyring.slots.some((slot) => slot.previousSeal)
}

/**
 * Called by every unlock, once a key has opened the file in place: if a rotation stopped
 * part-way, puts the ring on that key, and removes whatever a stopped rotation left behind
 * (by now the ring names one key and the file in place opens with it, so they are stale).
 */
export function settleRotation(files: StoreFiles, usedNewKey: boolean): void {
  const keyring = readKeyring(files.keyring)
  if (rotationUnderWay(keyring)) writeKeyring(files.keyring, settledRing(keyring, usedNewKey))
  const { partial, aside } = rotationFiles(files)
  for (const leftover of [partial, `${partial}.key-holder`, aside]) rmSync(leftover, { force: true })
}

export async function rotateStoreKey(host: RotationHost): Promise<RotationOutcome> {
  const { files, driver } = host
  const { partial, aside } = rotationFiles(files)
  report(host, 'checking')
  const original = readKeyring(files.keyring)
  const kept = keptSlots(original, host.activeUserIds)
  checkRotatable(original, host.dek, kept)
  const newDek = randomBytes(32)
  let closed = false
  let swapped = false
  let final: Keyring
  let newRecoveryCode: string | null = null
  try {
    report(host, 'copying')
    // Copy, counts and head in one synchronous stretch, so they describe the same moment.
    copyUnderNewKey(files.database, host.dek, partial, newDek, driver)
    const expected = rowCounts(host.sqlite)
    const head = readAuditHead(host.sqlite)
    fsyncPath(partial)

    report(host, 'verifying')
    verifyCopy(partial, host.dek, newDek, expected, head, driver)

    report(host, 'sealing')
    // From here the ring opens either file, so a crash at any point leaves a store that opens.
    const transitional = withMac(
      { ...original, slots: kept.map((slot) => (isSealed(slot) ? resealSlot(original, slot, newDek, host.dek) : slot)) },
      newDek
    )
    writeKeyring(files.keyring, transitional)

    report(host, 'swapping')
    host.closeStore()
    closed = true
    if (existsSync(`${files.database}-wal`))
      throw new CoreError('conflict', 'Another program still has the store open. Close it, then try again.')
    rmSync(aside, { force: true })
    try {
      linkSync(files.database, aside)
    } catch {
      copyFileSync(files.database, aside)
    }
    renameSync(partial, files.database)
    swapped = true
    fsyncPath(dirname(files.database))
    const reopened = host.reopenStore(newDek)
    closed = false
    verifyBackupFile(files.database, newDek, expected, driver)
    if (readAuditHead(reopened).hash !== head.hash) throw new BackupError('The new store file does not hold the same audit history.')

    report(host, 'finishing')
    let slots = settledRing(transitional, true).slots
    // A recovery slot from before version 2 slots cannot be resealed: it gets a new code.
    const recovery = slots.find((slot) => slot.kind === 'recovery')
    if (recovery && !isSealed(recovery)) {
      newRecoveryCode = makeRecoveryCode()
      slots = [
        ...slots.filter((slot) => slot !== recovery),
        await createSlot(original, newDek, newRecoveryCode, { kind: 'recovery' }, host.kdf, host.now)
      ]
    }
    final = withMac({ ...transitional, slots }, newDek)
  } catch (error) {
    rollBack(host, original, { closed, swapped })
    newDek.fill(0)
    if (error instanceof CoreError) throw error
    if (error instanceof BackupError)
      throw new CoreError('unavailable', `The store key was not rotated: ${error.message} Nothing was changed.`)
    throw error
  }
  // The commit: the ring now holds only the new key. The old file goes only after it.
  writeKeyring(files.keyring, final)
  rmSync(aside, { force: true })
  host.dek.fill(0)
  report(host, 'done')
  return { dek: newDek, slots: final.slots.length, newRecoveryCode }
}

/** Puts everything back as it was: the old file, the old ring, the session on the old key. */
function rollBack(host: RotationHost, original: Keyring, state: { closed: boolean; swapped: boolean }): void {
  const { partial, aside } = rotationFiles(host.files)
  let closed = state.closed
  if (state.swapped) {
    if (!closed) host.closeStore()
    renameSync(aside, host.files.database)
    closed = true
  }
  rmSync(partial, { force: true })
  rmSync(`${partial}.key-holder`, { force: true })
  writeKeyring(host.files.keyring, original)
  rmSync(aside, { force: true })
  if (closed) host.reopenStore(host.dek)
}
