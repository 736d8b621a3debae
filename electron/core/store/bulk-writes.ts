import { randomUUID } from 'node:crypto'
import { appendAuditSync, type AuditEvent } from './audit'
import type { SqliteDatabase } from './open'
import type { PeopleTable, TasksTable } from './schema-caseload'

/**
 * Writes of many rows at once, through prepared statements on the raw driver: building each
 * row through Kysely would add its query compilation to every one of 50,000 rows. Services
 * reach these through `CallContext.bulk`, never the driver itself.
 */
export interface BulkWrites {
  /**
   * Inserts and updates people in ONE transaction (all of it or none of it) with its audit
   * entry, in batches with a yield between them so progress reaches the window as it goes.
   * Throws ConnectionClosedError if the store locked (and so rolled the write back) meanwhile.
   */
  writePeople(changes: PeopleWrite[], audit: AuditEvent, options: PeopleWriteOptions): Promise<void>
  /** Runs `work` in one immediate transaction with prepared inserts for synthetic data. */
  seedBatch(work: (insert: SeedInserts) => void): void
}

/** The columns an import writes; restriction, named clinicians and adjustments are Harbour's own. */
export const importedColumns = [
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

export type PeopleWrite = { kind: 'create'; values: ImportedValues } | { kind: 'update'; values: ImportedValues; id: string }

export interface PeopleWriteOptions {
  now: Date
  /** Rows written between yields. */
  batch: number
  /** Called before each batch, and once at the end with every row written. */
  progress?: (done: number, total: number) => void
  /** Tasks the write calls for (a new leaver's case holder is told), saved in the same transaction, each audited. */
  tasks?: NewTask[]
}

/** A task row to insert beside a bulk write, with its audit entry. */
export interface NewTask {
  values: Omit<TasksTable, 'priority' | 'outcome'>
  audit: AuditEvent
}

/** The store locked part-way through a long write: nothing of it was saved. */
export class ConnectionClosedError extends Error {
  constructor() {
    super('The store closed before the write finished')
  }
}

/** Changed pages held in memory before they go to the log during a long write (about 8 MB). */
const spillPages = 2000

export function bulkWrites(connection: () => SqliteDatabase): BulkWrites {
  return {
    writePeople: (changes, audit, options) => writePeople(connection(), changes, audit, options),
    seedBatch: (work) => {
      const sqlite = connection()
      const insert = seedInserts(sqlite)
      sqlite.transaction(() => work(insert)).immediate()
    }
  }
}

/** From this many rows, a people write merges the search index less often while it writes. */
const largeWrite = 5000
/** FTS5's own defaults, which person search keeps outside a large write. */
const ftsDefaults = { automerge: 4, crisismerge: 16 }

function setSearchMerging(sqlite: SqliteDatabase, merging: { automerge: number; crisismerge: number }): void {
  // FTS5's configuration commands take their values as literals; these are this file's own integers.
  sqlite.exec(`INSERT INTO people_search (people_search, rank) VALUES ('automerge', ${Math.trunc(merging.automerge)})`)
  sqlite.exec(`INSERT INTO people_search (people_search, rank) VALUES ('crisismerge', ${Math.trunc(merging.crisismerge)})`)
}

async function writePeople(sqlite: SqliteDatabase, changes: PeopleWrite[], audit: AuditEvent, options: PeopleWriteOptions): Promise<void> {
  const total = changes.length
  const now = options.now.toISOString()
  const insert = sqlite.prepare(
    `INSERT INTO people (id, ${importedColumns.join(', ')}, restricted, adjustments, search_key, created_at, updated_at)
     VALUES (@id, ${importedColumns.map((c) => `@${c}`).join(', ')}, 0, NULL, @search_key, @now, @now)`
  )
  const update = sqlite.prepare(
    `UPDATE people SET ${importedColumns.map((c) => `${c} = @${c}`).join(', ')}, search_key = @search_key, updated_at = @now, version = version + 1, updated_by = NULL WHERE id = @id`
  )
  // Spill changed pages to the log as the batches go, instead of all at COMMIT, which would
  // then hold the window for a second or more on a large file. Nothing is visible before COMMIT.
  const cacheSpill = sqlite.pragma('cache_spill', { simple: true }) as number
  sqlite.pragma(`cache_spill = ${spillPages}`)
  sqlite.exec('BEGIN IMMEDIATE')
  try {
    // Person search's FTS index merges its segments as rows go in; for a large file, merge less
    // often while writing (more than a third of the time went on merging), and go back to
    // FTS5's defaults, which the store otherwise keeps, in the same transaction.
    const manyRows = total >= largeWrite
    if (manyRows) setSearchMerging(sqlite, { automerge: 16, crisismerge: 64 })
    for (let done = 0; done < total; done += options.batch) {
      options.progress?.(done, total)
      await new Promise((resolve) => setImmediate(resolve))
      for (const step of changes.slice(done, done + options.batch)) {
        if (step.kind === 'create') insert.run({ ...step.values, id: randomUUID(), now })
        else update.run({ ...step.values, id: step.id, now })
      }
    }
    if (options.tasks?.length) {
      const insertTask = sqlite.prepare(
        `INSERT INTO tasks (id, title, due_date, assignee_id, person_id, case_id, source, rule_key, status, completed_at, completed_by, created_by, created_at)
         VALUES (@id, @title, @due_date, @assignee_id, @person_id, @case_id, @source, @rule_key, @status, @completed_at, @completed_by, @created_by, @created_at)`
      )
      for (const task of options.tasks) {
        insertTask.run(task.values)
        appendAuditSync(sqlite, task.audit, options.now)
      }
    }
    appendAuditSync(sqlite, audit, options.now)
    if (manyRows) setSearchMerging(sqlite, ftsDefaults)
    sqlite.exec('COMMIT')
  } catch (error) {
    if (sqlite.open && sqlite.inTransaction) sqlite.exec('ROLLBACK')
    if (!sqlite.open) throw new ConnectionClosedError()
    throw error
  } finally {
    if (sqlite.open) sqlite.pragma(`cache_spill = ${cacheSpill}`)
  }
}

type Row = Record<string, string | number | null>

/** One prepared insert per table the synthetic seed fills; each takes the named values shown. */
export interface SeedInserts {
  person: (values: Row) => void
  case: (values: Row) => void
  note: (values: Row) => void
  task: (values: Row) => void
  sitting: (values: Row) => void
  result: (values: Row) => void
  followUp: (values: Row) => void
  /** A task with its status given (TRiM assessments done, referral chasers), unlike `task`, always open. */
  taskWithStatus: (values: Row) => void
  incident: (values: Row) => void
  exposure: (values: Row) => void
  trimPlan: (values: Row) => void
  trimOffer: (values: Row) => void
  trimAssessment: (values: Row) => void
  consent: (values: Row) => void
  referral: (values: Row) => void
  referralStep: (values: Row) => void
}

const seedStatements = new WeakMap<SqliteDatabase, SeedInserts>()

function seedInserts(sqlite: SqliteDatabase): SeedInserts {
  const known = seedStatements.get(sqlite)
  if (known) return known
  const run = (text: string) => {
    const statement = sqlite.prepare(text)
    return (values: Row) => void statement.run(values)
  }
  const inserts: SeedInserts = {
    person:
      run(`INSERT INTO people (id, staff_number, title, given_name, family_name, preferred_name, date_of_birth, employment_type, role_id, department, line_manager, email, phone, start_date, leaving_date, restricted, adjustments, search_key, created_at, updated_at)
    VALUES (@id, @staff_number, @title, @given_name, @family_name, NULL, @date_of_birth, @employment_type, @role_id, @department, @line_manager, @email, NULL, @start_date, @leaving_date, 0, NULL, @search_key, @now, @now)`),
    case: run(`INSERT INTO cases (id, person_id, reason, assigned_clinician_id, status, priority, next_review_date, flags, pathway, last_contact_date, opened_on, closed_on, closure_outcome, created_at, updated_at, opened_by)
    VALUES (@id, @person_id, @reason, @clinician, @status, @priority, @next_review_date, '[]', @pathway, @last_contact_date, @opened_on, @closed_on, @closure_outcome, @now, @now, @clinician)`),
    note: run(`INSERT INTO notes (id, case_id, person_id, type, contact_date, text, author_id, amends_note_id, amendment_reason, created_at)
    VALUES (@id, @case_id, @person_id, @type, @contact_date, @text, @author, NULL, NULL, @now)`),
    task: run(`INSERT INTO tasks (id, title, due_date, assignee_id, person_id, case_id, source, rule_key, status, completed_at, completed_by, created_by, created_at)
    VALUES (@id, @title, @due_date, @assignee, @person_id, @case_id, @source, @rule_key, 'open', NULL, NULL, NULL, @now)`),
    sitting:
      run(`INSERT INTO screenings (id, person_id, sitting_date, mode, rag, rag_rule, rag_reason, version, supersedes_id, superseded_by_id, correction_reason, entered_by, created_at)
    VALUES (@id, @person_id, @sitting_date, 'imported', @rag, @rag_rule, @rag_reason, 1, NULL, NULL, NULL, @entered_by, @now)`),
    result:
      run(`INSERT INTO screening_results (screening_id, instrument_id, answers, total, band, subscales, flags, complete, externally_scored, scoring_version)
    VALUES (@screening_id, @instrument_id, @answers, @total, @band, '{}', @flags, 1, 0, @scoring_version)`),
    followUp: run(`INSERT INTO screening_follow_ups (id, screening_id, person_id, reason, route, case_id, task_id, status, created_at)
    VALUES (@id, @screening_id, @person_id, 'red', @route, @case_id, @task_id, 'open', @now)`),
    taskWithStatus:
      run(`INSERT INTO tasks (id, title, due_date, assignee_id, person_id, case_id, source, rule_key, status, completed_at, completed_by, created_by, created_at)
    VALUES (@id, @title, @due_date, @assignee, @person_id, @case_id, @source, @rule_key, @status, @completed_at, @completed_by, @created_by, @created_at)`),
    incident: run(`INSERT INTO incidents (id, occurred_on, category_id, reference, created_by, created_at)
    VALUES (@id, @occurred_on, @category_id, @reference, @created_by, @created_at)`),
    exposure:
      run(`INSERT INTO exposures (id, incident_id, person_id, occurred_on, part, intensity, weight, hours_reviewed, recorded_by, recorded_at)
    VALUES (@id, @incident_id, @person_id, @occurred_on, @part, @intensity, @weight, @hours_reviewed, @recorded_by, @recorded_at)`),
    trimPlan: run(`INSERT INTO trim_plans (id, incident_id, decided_on, decision, not_needed_reason, planned_by, created_at)
    VALUES (@id, @incident_id, @decided_on, @decision, @not_needed_reason, @planned_by, @created_at)`),
    trimOffer:
      run(`INSERT INTO trim_offers (id, plan_id, incident_id, person_id, practitioner_id, initial_due, follow_up_due, initial_task_id, follow_up_task_id, created_at)
    VALUES (@id, @plan_id, @incident_id, @person_id, @practitioner_id, @initial_due, @follow_up_due, @initial_task_id, @follow_up_task_id, @created_at)`),
    trimAssessment:
      run(`INSERT INTO trim_assessments (id, offer_id, person_id, practitioner_id, kind, assessed_on, factors_present, factors_considered, score, outcome, persistent_difficulty, prompted, prompt_reasons, prompt_route, prompt_assignee_id, prompt_task_id, assessed_by, created_at)
    VALUES (@id, @offer_id, @person_id, @practitioner_id, @kind, @assessed_on, @factors_present, @factors_considered, @score, @outcome, @persistent_difficulty, @prompted, @prompt_reasons, @prompt_route, @prompt_assignee_id, @prompt_task_id, @practitioner_id, @created_at)`),
    consent:
      run(`INSERT INTO consents (id, person_id, purpose, destination_id, recipient, scope, given_on, recorded_by, recorded_at, withdrawn_on, withdrawn_by, withdrawn_at)
    VALUES (@id, @person_id, 'referral', @destination_id, NULL, @scope, @given_on, @recorded_by, @recorded_at, NULL, NULL, NULL)`),
    referral:
      run(`INSERT INTO referrals (id, person_id, case_id, destination_id, reason, urgency, status, consent_scope, consent_given_on, consent_recorded_by, consent_id, referred_on, assessed_on, treatment_started_on, ended_on, last_step_on, created_by, created_at, updated_at)
    VALUES (@id, @person_id, @case_id, @destination_id, @reason, @urgency, @status, NULL, NULL, NULL, @consent_id, @referred_on, @assessed_on, @treatment_started_on, @ended_on, @last_step_on, @created_by, @created_at, @updated_at)`),
    referralStep: run(`INSERT INTO referral_steps (id, referral_id, step_number, person_id, status, happened_on, recorded_by, recorded_at)
    VALUES (@id, @referral_id, @step_number, @person_id, @status, @happened_on, @recorded_by, @recorded_at)`)
  }
  seedStatements.set(sqlite, inserts)
  return inserts
}
