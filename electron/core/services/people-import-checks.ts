import { createHash } from 'node:crypto'
import type { ImportMapping } from '../../../shared/contract/people-import'
import type { SessionControls } from '../store/session'
import type { CheckContext, CheckedFile } from './people-import-check'
import type { ImportedValues } from './people-import-write'

/** What a report says about the file itself, kept so that an unchanged file is not parsed again. */
export interface FileSummary {
  contentHash: string
  headers: string[]
  /** The header row exactly as the file has it, for the file of rejected rows. */
  headerCells: string[]
  sample: Record<string, string>[]
  rows: number
}

/** A check kept so that importing does not check every row again (see fingerprintOf). */
export interface KeptCheck extends Omit<CheckedFile, 'good' | 'refused'> {
  id: string
  fingerprint: string
  file: FileSummary
  /** The valid rows, as the columns they will write. */
  toImport: ImportedValues[]
}

/**
 * What a check depends on: the file's content (by hash, so a file saved again under the same
 * name is checked again), the mapping, who imports, the day, the role catalogue and the
 * records hidden from the importer. If any of them changes, the check no longer holds.
 */
export function fingerprintOf(contentHash: string, mapping: ImportMapping, userId: string, context: CheckContext): string {
  const hash = createHash('sha256')
  const sorted = (entries: Iterable<[string, string]>) => [...entries].sort(([a], [b]) => a.localeCompare(b))
  hash.update(
    JSON.stringify([
      contentHash,
      sorted(Object.entries(mapping).filter((entry): entry is [string, string] => Boolean(entry[1]))),
      userId,
      context.today,
      sorted(context.roles),
      sorted(context.hidden)
    ])
  )
  return hash.digest('hex')
}

/**
 * The latest check of each chosen file, per store. Checks hold people's details from the
 * file, so they are dropped when the store locks, and once their file is imported.
 */
const kept = new WeakMap<SessionControls, Map<string, KeptCheck>>()

function checksOf(session: SessionControls): Map<string, KeptCheck> {
  let checks = kept.get(session)
  if (!checks) {
    const created = new Map<string, KeptCheck>()
    session.onChange((state) => {
      if (state === 'locked') created.clear()
    })
    kept.set(session, created)
    checks = created
  }
  return checks
}

export const keptChecks = {
  get: (session: SessionControls, token: string): KeptCheck | undefined => checksOf(session).get(token),
  set: (session: SessionControls, token: string, check: KeptCheck): void => void checksOf(session).set(token, check),
  forget: (session: SessionControls, token: string): void => void checksOf(session).delete(token)
}
