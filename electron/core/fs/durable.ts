import { chmodSync, closeSync, fchmodSync, fsyncSync, openSync } from 'node:fs'

/** Owner read and write only: records and keys are no other account's business on a shared computer. */
export const privateMode = 0o600

/** Flushes a file's contents to the disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Flushes a folder's entries, so a rename into it survives a power cut. Windows cannot open a
 * folder this way (NTFS journals its metadata itself), so there it is skipped.
 */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(folder, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Creates an empty file only its owner can read, whatever the umask (the mode given to open
 * is narrowed by the umask, so it is set again explicitly). Fails if the file exists.
 */
export function createPrivateFile(path: string): void {
  const fd = openSync(path, 'wx', privateMode)
  try {
    fchmodSync(fd, privateMode)
  } finally {
    closeSync(fd)
  }
}

/** Narrows an existing file to its owner; best effort, as a file on a share may not allow it. */
export function makePrivate(path: string): void {
  try {
    chmodSync(path, privateMode)
  } catch {
    // Not ours to change (another owner, a read-only medium): reading it still works.
  }
}
