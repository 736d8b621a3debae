import { realpathSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path'
import { databaseCompanions, type StoreFiles } from './files'

/**
 * Where a path really leads, links resolved: the file itself if it exists, otherwise its
 * folder's real path with its name (a file not yet made lands there). Null if the folder
 * does not exist either; writing there fails later with its own message.
 */
export function realLocation(path: string): string | null {
  try {
    return realpathSync.native(path)
  } catch {
    // Missing, or a link to nothing: where it would be created is what counts.
  }
  try {
    return join(realpathSync.native(dirname(path)), basename(path))
  } catch {
    return null
  }
}

/** Windows and macOS folders ignore case, so compare without it there. */
export function comparable(path: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? path.toLowerCase() : path
}

export function isInside(folder: string, path: string): boolean {
  const fromFolder = relative(comparable(folder), comparable(path))
  return fromFolder === '' || (fromFolder !== '..' && !fromFolder.startsWith(`..${sep}`) && !isAbsolute(fromFolder))
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** Every file Harbour keeps for a store, by its real location (a data file may itself be a link). */
function ownedLocations(files: StoreFiles): string[] {
  const database = realLocation(files.database)
  const paths = [files.database, files.keyring, files.unlockAttempts, files.lock, files.preferences].map(realLocation)
  const companions = database ? databaseCompanions.map((suffix) => database + suffix) : []
  return [...paths, ...companions].filter((path): path is string => path !== null).map(comparable)
}

/**
 * Why a backup may not be written to `destination` (or its ring copy beside it), or null if
 * it may. A backup never goes inside the data folder or over any file Harbour owns, however
 * the path is spelt: links and `..` are resolved first, for the file and for its folder.
 */
export function backupDestinationProblem(
  destination: string,
  ringCopy: string,
  dataFolder: string,
  files: StoreFiles,
  /** The one folder inside the data folder that automatic backups may use (`backups`). */
  backupsFolder?: string
): string | null {
  if (isFolder(destination)) return 'Choose a file to save the backup as, not a folder.'
  const folder = realLocation(dataFolder)
  const allowed = backupsFolder === undefined ? null : realLocation(backupsFolder)
  const owned = ownedLocations(files)
  for (const candidate of [destination, ringCopy]) {
    const real = realLocation(candidate)
    if (real === null) continue
    const inAllowed = allowed !== null && isInside(allowed, real) && comparable(real) !== comparable(allowed)
    if (folder !== null && isInside(folder, real) && !inAllowed)
      return 'Choose somewhere else: a backup cannot be saved inside Harbour’s data folder.'
    if (owned.includes(comparable(real))) return 'Choose another file: a backup cannot replace a file Harbour uses.'
  }
  return null
}
