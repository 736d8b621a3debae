import type { Kysely } from 'kysely'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import type { AuditEvent } from '../store/audit'
import { ConnectionClosedError, importedColumns, type ImportedValues, type NewTask, type PeopleWrite } from '../store/bulk-writes'
import type { HarbourDatabase } from '../store/schema'
import { toRow, type PersonFields } from './people'

export type { ImportedValues }

/** An update names the columns it changes and the leaving date it replaces (a new leaver's case holder is told). */
export type PlannedWrite =
  | { kind: 'create'; values: ImportedValues }
  | { kind: 'unchanged'; values: ImportedValues; id: string }
  | { kind: 'update'; values: ImportedValues; id: string; changed: (typeof importedColumns)[number][]; leavingDateBefore: string | null }

export interface WritePlan {
  steps: PlannedWrite[]
  created: number
  updated: number
  unchanged: number
}

export function importedValues(fields: PersonFields): ImportedValues {
  // The same mapping as the person form, keeping only the columns an import owns.
  const row = toRow(fields)
  return { ...Object.fromEntries(importedColumns.map((column) => [column, row[column]])), search_key: row.search_key } as ImportedValues
}

type ExistingPerson = Pick<ImportedValues, (typeof importedColumns)[number]> & { id: string }

/** Everyone on record, by staff number (any case), with the columns an import owns: one read. */
export async function existingPeople(db: Kysely<HarbourDatabase>): Promise<Map<string, ExistingPerson>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', ...importedColumns])
    .execute()
  return new Map(rows.map((row) => [row.staff_number.toLowerCase(), row]))
}

/** What importing these rows would do to the store as it is now: create, update or leave each person. */
export function planWrites(existing: Map<string, ExistingPerson>, rows: ImportedValues[]): WritePlan {
  const plan: WritePlan = { steps: [], created: 0, updated: 0, unchanged: 0 }
  for (const values of rows) {
    const before = existing.get(values.staff_number.toLowerCase())
    if (!before) {
      plan.steps.push({ kind: 'create', values })
      plan.created++
      continue
    }
    const changed = importedColumns.filter((column) => (before[column] ?? null) !== (values[column] ?? null))
    if (changed.length === 0) {
      plan.steps.push({ kind: 'unchanged', values, id: before.id })
      plan.unchanged++
    } else {
      plan.steps.push({ kind: 'update', values, id: before.id, changed, leavingDateBefore: before.leaving_date ?? null })
      plan.updated++
    }
  }
  return plan
}

/** Rows written between yields: small enough that the window never waits long, large enough to be quick. */
export const writeBatch = 500

/**
 * Writes the plan and its audit entry in ONE transaction (all of it or none of it), in batches
 * with a yield between them so progress reaches the window as it goes. The session keeps every
 * other call out until it ends; a lock meanwhile abandons it and nothing is saved.
 */
export async function writePlan(call: CallContext, plan: WritePlan, audit: AuditEvent, tasks: NewTask[] = []): Promise<void> {
  const { core } = call
  const changes: PeopleWrite[] = plan.steps.flatMap((step) => (step.kind === 'unchanged' ? [] : [step]))
  const total = changes.length
  await call.session.holdConnection(async () => {
    try {
      await call.bulk.writePeople(changes, audit, {
        now: call.clock(),
        batch: writeBatch,
        tasks,
        progress: (done) => core.progress?.({ task: 'people-import', phase: 'saving', done, total })
      })
    } catch (error) {
      if (error instanceof ConnectionClosedError)
        throw new CoreError(
          'locked',
          'Harbour locked before the import finished, so nothing was imported. Unlock it and import the file again.'
        )
      throw error
    }
    core.progress?.({ task: 'people-import', phase: 'done', done: total, total })
  })
}
