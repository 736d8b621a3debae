import { basename, extname } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { stageFile, type StagedFile } from '../fs/atomic-write'
import { comparable, isFolder, isInside, realLocation } from '../store/backup-destination'
import type { RejectedRow } from './people-import-check'

/** The column added in front of the file's own, saying what is wrong with the row. */
export const problemColumn = 'Problem'

/**
 * The rows that were not imported, each exactly as the file had it (every cell, untrimmed,
 * in the file's order) after a Problem column, under the file's own header row: fix them and
 * import this file. Cells are not neutralised as exports are (a leading "=" or "+"), because
 * a phone number like "+44…" must come back as it went out; nothing here is new to the user.
 */
export function rejectedRowsCsv(headerCells: string[], rows: RejectedRow[]): string {
  return stringify(
    [[problemColumn, ...headerCells], ...rows.map((row) => [`Line ${row.line}: ${row.messages.join('; ')}`, ...row.cells])],
    { bom: true, record_delimiter: 'windows' }
  )
}

export function suggestedRejectsName(sourcePath: string): string {
  return `${basename(sourcePath, extname(sourcePath))}-rejected-rows.csv`
}

/** Why the rejected rows may not be saved at `destination`, or null if they may. */
function destinationProblem(destination: string, sourcePath: string, dataFolder: string): string | null {
  if (isFolder(destination)) return 'Choose a file to save the rejected rows in, not a folder.'
  const real = realLocation(destination)
  if (real === null) return null
  const source = realLocation(sourcePath)
  if (source !== null && comparable(source) === comparable(real))
    return 'Choose another file: the rejected rows cannot replace the file being imported.'
  const folder = realLocation(dataFolder)
  if (folder !== null && isInside(folder, real))
    return 'Choose somewhere else: the rejected rows cannot be saved inside Harbour’s data folder.'
  return null
}

/**
 * Asks where to save the rejected rows (or uses the path given, on the command line) and
 * writes them beside it, private to the user and flushed, not yet in place: the caller puts
 * the file in place once the valid rows are saved, or discards it. Null if the user cancelled.
 */
export async function stageRejectedRows(
  call: CallContext,
  input: { sourcePath: string; destination?: string | undefined; csv: string }
): Promise<StagedFile | null> {
  let destination = input.destination
  if (!destination) {
    const choose = call.core.dialogs?.chooseRejectedRowsDestination
    if (!choose) throw new CoreError('unavailable', 'Saving the rejected rows needs a file dialog, which is not available here.')
    destination = (await choose(suggestedRejectsName(input.sourcePath))) ?? undefined
    if (!destination) return null
  }
  const problem = destinationProblem(destination, input.sourcePath, call.core.dataFolder)
  if (problem) throw new CoreError('invalid-input', problem)
  try {
    return stageFile(destination, input.csv)
  } catch {
    throw new CoreError('unavailable', 'The rejected rows could not be saved there, so nothing was imported. Choose another folder.')
  }
}
