import { randomBytes } from 'node:crypto'
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join, basename } from 'node:path'
import { fsyncFolder, privateMode } from './durable'

/** New contents written beside their target and flushed, not yet in place. */
export interface StagedFile {
  temporary: string
  target: string
}

/**
 * Writes a small file so that a crash or power cut leaves either the old or the new contents,
 * never half: write a private sibling temporary file, flush it, rename it over the target,
 * then flush the folder so the rename itself is on the disk.
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  commitStaged(stageFile(path, contents))
}

/** The first half of an atomic write: the contents, flushed, in a temporary sibling of `target`. */
export function stageFile(target: string, contents: string | Uint8Array): StagedFile {
  const folder = dirname(target)
  mkdirSync(folder, { recursive: true })
  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  const fd = openSync(temporary, 'wx', privateMode)
  try {
    fchmodSync(fd, privateMode)
    writeSync(fd, typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temporary, { force: true })
    throw error
  }
  closeSync(fd)
  return { temporary, target }
}

/** The second half: rename into place and flush the folder. */
export function commitStaged(staged: StagedFile): void {
  try {
    renameSync(staged.temporary, staged.target)
  } catch (error) {
    discardStaged(staged)
    throw error
  }
  fsyncFolder(dirname(staged.target))
}

export function discardStaged(staged: StagedFile): void {
  rmSync(staged.temporary, { force: true })
}
