import { randomUUID } from 'node:crypto'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAuditSync, type AuditEvent } from '../store/audit'
import type { SqliteDatabase } from '../store/open'
import type { PeopleTable } from '../store/schema-caseload'
import { toRow, type PersonFields } from './people'

/** The columns an import writes; restriction, named clinicians and adjustments are Harbour's own. */
const importedColumns = [
  'staff_number',
  'title',
  'given_name',
  'family_name',
  'preferred_name',
  'date_of_birth',
  'employment_type',
  'role_id',
  'department',
  'line_manager',
  'email',
  'phone',
  'start_date',
  'leaving_date'
] as const

export type ImportedValues = Pick<PeopleTable, (typeof importedColumns)[number]> & { search_key: string }

export type PlannedWrite = { kind: 'create'; values: ImportedValues } | { kind: 'update' | 'unchanged'; values: ImportedValues; id: string }

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

/** What importing these rows would do to the store as it is now: create, update or leave each person. */
export function planWrites(sqlite: SqliteDatabase, rows: ImportedValues[]): WritePlan {
  const existing = new Map<string, PeopleTable>()
  const select = sqlite.prepare(`SELECT id, ${importedColumns.join(', ')} FROM people`)
  for (const row of select.iterate() as IterableIterator<PeopleTable>) existing.set(row.staff_number.toLowerCase(), row)
  const plan: WritePlan = { steps: [], created: 0, updated: 0, unchanged: 0 }
  for (const values of rows) {
    const before = existing.get(values.staff_number.toLowerCase())
    if (!before) {
      plan.steps.push({ kind: 'create', values })
      plan.created++
      continue
    }
    const same = importedColumns.every((column) => (before[column] ?? null) === (values[column] ?? null))
    plan.steps.push({ kind: same ? 'unchanged' : 'update', values, id: before.id })
    if (same) plan.unchanged++
    else plan.updated++
  }
  return plan
}

/** Rows written between yields: small enough that the window never waits long, large enough to be quick. */
export const writeBatch = 500

/** Changed pages held in memory before they go to the log during an import (about 8 MB). */
const spillPages = 2000

/**
 * Writes the plan and its audit entry in ONE transaction (all of it or none of it), in batches
 * with a yield between them so progress reaches the window as it goes. The vault keeps every
 * other call out until it ends; a lock meanwhile abandons it and nothing is saved.
 */
export async function writePlan(call: CallContext, plan: WritePlan, audit: AuditEvent): Promise<void> {
  const { vault, core } = call
  await vault.holdConnection(async () => {
    const sqlite = vault.sqlite
    const changes = plan.steps.filter((step) => step.kind !== 'unchanged')
    const total = changes.length
    const now = core.clock().toISOString()
    const insert = sqlite.prepare(
      `INSERT INTO people (id, ${importedColumns.join(', ')}, restricted, adjustments, search_key, created_at, updated_at)
       VALUES (@id, ${importedColumns.map((c) => `@${c}`).join(', ')}, 0, NULL, @search_key, @now, @now)`
    )
    const update = sqlite.prepare(`UPDATE people SET ${importedColumns.map((c) => `${c} = @${c}`).join(', ')}, search_key = @search_key, updated_at = @now WHERE id = @id`)
    // Spill changed pages to the log as the batches go, instead of all at COMMIT, which would
    // then hold the window for a second or more on a large file. Nothing is visible before COMMIT.
    const cacheSpill = sqlite.pragma('cache_spill', { simple: true }) as number
    sqlite.pragma(`cache_spill = ${spillPages}`)
    sqlite.exec('BEGIN IMMEDIATE')
    try {
      for (let done = 0; done < total; done += writeBatch) {
        core.progress?.({ task: 'people-import', phase: 'saving', done, total })
        await new Promise((resolve) => setImmediate(resolve))
        for (const step of changes.slice(done, done + writeBatch)) {
          if (step.kind === 'create') insert.run({ ...step.values, id: randomUUID(), now })
          else update.run({ ...step.values, id: step.id, now })
        }
      }
      appendAuditSync(sqlite, audit, core.clock())
      sqlite.exec('COMMIT')
    } catch (error) {
      if (sqlite.open && sqlite.inTransaction) sqlite.exec('ROLLBACK')
      if (!sqlite.open) throw new CoreError('locked', 'Harbour locked before the import finished, so nothing was imported. Unlock it and import the file again.')
      throw error
    } finally {
      if (sqlite.open) sqlite.pragma(`cache_spill = ${cacheSpill}`)
    }
    core.progress?.({ task: 'people-import', phase: 'done', done: total, total })
  })
}
