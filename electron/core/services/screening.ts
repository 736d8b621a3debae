import { randomUUID } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { z } from 'zod'
import { todayInLondon } from '../../../shared/calendar-date'
import type { Alert, DueRow, Screening, instrumentAnswers } from '../../../shared/contract/screening'
import { externalInstruments, instrumentIds, InstrumentInputError, scoreExternal, scoreInstrument } from '../../../shared/instruments'
import { defaultRagRules, ragFor, ragRules, type RagRule } from '../../../shared/instruments/rag'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'
import { displayName, requireVisiblePerson, visibleTo } from './people'
import { currentUser } from './session-helpers'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>
type Submitted = z.output<typeof instrumentAnswers>

interface Scored {
  instrument: string
  answers: (number | null)[] | null
  total: number | null
  band: string | null
  subscales: Record<string, number | null>
  flags: { code: string; severity: 'critical' | 'warning' | 'info'; message: string }[]
  complete: boolean
  externallyScored: boolean
  scoringVersion: string
}

/** The core never trusts a score from the window: every result is computed here, from answers. */
export function scoreAll(results: Submitted[]): Scored[] {
  const seen = new Set<string>()
  return results.map((result, index) => {
    if (seen.has(result.instrument)) throw new CoreError('invalid-input', `Each questionnaire can appear once in a sitting.`, [`results.${index}.instrument`])
    seen.add(result.instrument)
    try {
      if (result.kind === 'items') {
        const scored = scoreInstrument(result.instrument, result.answers)
        return { instrument: result.instrument, answers: result.answers, ...scored, externallyScored: false }
      }
      const scored = scoreExternal(result.instrument, { total: result.total, subscales: result.subscales })
      return { instrument: result.instrument, answers: null, total: scored.total, band: scored.band, subscales: scored.subscales, flags: scored.flags, complete: scored.complete, externallyScored: true, scoringVersion: scored.scoringVersion }
    } catch (error) {
      if (error instanceof InstrumentInputError) {
        throw new CoreError('invalid-input', `${error.message}`, [`results.${index}${error.item ? `.answers.${error.item - 1}` : ''}`])
      }
      throw error
    }
  })
}

export async function readRules(db: Db): Promise<RagRule[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'ragRules').executeTakeFirst()
  if (!row) return defaultRagRules
  const parsed = ragRules.safeParse(JSON.parse(row.value))
  return parsed.success ? parsed.data : defaultRagRules
}

/** Who must act on an alert: the clinician of the person's open case, else whoever saved it (on duty). */
async function alertOwner(db: Db, personId: string, fallback: string): Promise<string> {
  const open = await db
    .selectFrom('cases')
    .select('assigned_clinician_id')
    .where('person_id', '=', personId)
    .where('status', '<>', 'closed')
    .orderBy('opened_on', 'desc')
    .executeTakeFirst()
  return open?.assigned_clinician_id ?? fallback
}

export async function insertSitting(
  trx: Db,
  call: CallContext,
  input: { personId: string; sittingDate: string; mode: Screening['mode']; supersedes: { id: string; version: number } | null; reason: string | null },
  scored: Scored[]
): Promise<string> {
  const user = currentUser(call)
  const now = call.core.clock().toISOString()
  const { rag, rule } = ragFor(scored, await readRules(trx))
  const id = randomUUID()
  await trx
    .insertInto('screenings')
    .values({
      id,
      person_id: input.personId,
      sitting_date: input.sittingDate,
      mode: input.mode,
      rag,
      rag_rule: rule ? `${rule.id}: ${rule.description}` : null,
      version: (input.supersedes?.version ?? 0) + 1,
      supersedes_id: input.supersedes?.id ?? null,
      superseded_by_id: null,
      correction_reason: input.reason,
      entered_by: user.id,
      created_at: now
    })
    .execute()
  for (const result of scored) {
    await trx
      .insertInto('screening_results')
      .values({
        screening_id: id,
        instrument_id: result.instrument,
        answers: result.answers ? JSON.stringify(result.answers) : null,
        total: result.total,
        band: result.band,
        subscales: JSON.stringify(result.subscales),
        flags: JSON.stringify(result.flags),
        complete: result.complete ? 1 : 0,
        externally_scored: result.externallyScored ? 1 : 0,
        scoring_version: result.scoringVersion
      })
      .execute()
  }
  // Safety signals: an alert and a top-priority task, in the same transaction as the answers.
  const critical = scored.flatMap((result) => result.flags.filter((flag) => flag.severity === 'critical').map((flag) => ({ result, flag })))
  if (critical.length > 0) {
    const owner = await alertOwner(trx, input.personId, user.id)
    for (const { result, flag } of critical) {
      const taskId = randomUUID()
      await trx
        .insertInto('tasks')
        .values({ id: taskId, title: `Urgent: review risk (${result.instrument.toUpperCase()} ${flag.code})`, due_date: todayInLondon(call.core.clock()), assignee_id: owner, person_id: input.personId, case_id: null, source: 'rule:alert', rule_key: null, status: 'open', completed_at: null, completed_by: null, created_by: user.id, created_at: now, priority: 'top' })
        .execute()
      const alertId = randomUUID()
      await trx
        .insertInto('alerts')
        .values({ id: alertId, person_id: input.personId, screening_id: id, code: `${result.instrument}:${flag.code}`, message: `${result.instrument.toUpperCase()}: ${flag.message}`, status: 'open', task_id: taskId, acknowledged_by: null, acknowledged_at: null, action_note: null, created_at: now })
        .execute()
      await appendAudit(trx, { actorId: user.id, action: 'alert.raised', entityType: 'alert', entityId: alertId }, call.core.clock())
    }
  }
  await appendAudit(trx, { actorId: user.id, action: input.supersedes ? 'screening.corrected' : 'screening.saved', entityType: 'screening', entityId: id, detail: scored.map((r) => r.instrument).join(',') }, call.core.clock())
  return id
}

export async function saveScreening(call: CallContext, input: { personId: string; sittingDate: string; mode: Screening['mode']; results: Submitted[] }): Promise<Screening> {
  await requireVisiblePerson(call, input.personId)
  if (input.sittingDate > todayInLondon(call.core.clock())) throw new CoreError('invalid-input', 'The date of the screening cannot be in the future.', ['sittingDate'])
  const scored = scoreAll(input.results)
  const id = await call.vault.db.transaction().execute((trx) => insertSitting(trx, call, { ...input, supersedes: null, reason: null }, scored))
  return getScreening(call, id)
}

/** A correction: a new version with a reason; the original stays, marked as superseded. */
export async function correctScreening(call: CallContext, input: { screeningId: string; reason: string; results: Submitted[] }): Promise<Screening> {
  const original = await call.vault.db.selectFrom('screenings').selectAll().where('id', '=', input.screeningId).executeTakeFirst()
  if (!original) throw new CoreError('not-found', 'There is no such screening to correct.')
  await requireVisiblePerson(call, original.person_id)
  if (original.superseded_by_id) throw new CoreError('conflict', 'This screening has already been corrected. Correct the latest version.')
  const scored = scoreAll(input.results)
  const id = await call.vault.db.transaction().execute(async (trx) => {
    const newId = await insertSitting(trx, call, { personId: original.person_id, sittingDate: original.sitting_date, mode: original.mode, supersedes: { id: original.id, version: original.version }, reason: input.reason }, scored)
    await trx.updateTable('screenings').set({ superseded_by_id: newId }).where('id', '=', original.id).execute()
    return newId
  })
  return getScreening(call, id)
}

/** Results are shown in the library's order (PHQ-9, GAD-7, PCL-5, …), externally scored ones after. */
const libraryOrder = [...instrumentIds, ...Object.keys(externalInstruments)]
const instrumentOrder = (id: string) => {
  const index = libraryOrder.indexOf(id)
  return index === -1 ? libraryOrder.length : index
}

async function toScreenings(db: Db, rows: { id: string }[]): Promise<Screening[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  const sittings = await db.selectFrom('screenings').innerJoin('users', 'users.id', 'screenings.entered_by').selectAll('screenings').select('users.display_name as entered_by_name').where('screenings.id', 'in', ids).execute()
  const results = await db.selectFrom('screening_results').selectAll().where('screening_id', 'in', ids).execute()
  const byId = new Map(sittings.map((s) => [s.id, s]))
  return ids.flatMap((sittingId) => {
    const s = byId.get(sittingId)
    if (!s) return []
    return [
      {
        id: s.id,
        personId: s.person_id,
        sittingDate: s.sitting_date,
        mode: s.mode,
        rag: s.rag,
        ragRule: s.rag_rule,
        version: s.version,
        supersedesId: s.supersedes_id,
        supersededById: s.superseded_by_id,
        correctionReason: s.correction_reason,
        enteredByName: s.entered_by_name,
        createdAt: s.created_at,
        results: results
          .filter((r) => r.screening_id === s.id)
          .sort((a, b) => instrumentOrder(a.instrument_id) - instrumentOrder(b.instrument_id))
          .map((r) => ({
            instrument: r.instrument_id,
            answers: r.answers ? (JSON.parse(r.answers) as (number | null)[]) : null,
            total: r.total,
            band: r.band,
            subscales: JSON.parse(r.subscales) as Record<string, number | null>,
            flags: JSON.parse(r.flags) as Screening['results'][number]['flags'],
            complete: r.complete === 1,
            externallyScored: r.externally_scored === 1,
            scoringVersion: r.scoring_version
          }))
      }
    ]
  })
}

async function getScreening(call: CallContext, id: string): Promise<Screening> {
  const [found] = await toScreenings(call.vault.db, [{ id }])
  if (!found) throw new CoreError('not-found', 'There is no such screening.')
  return found
}

export async function screeningsForPerson(call: CallContext, input: { personId: string }): Promise<Screening[]> {
  await requireVisiblePerson(call, input.personId)
  const rows = await call.vault.db.selectFrom('screenings').select('id').where('person_id', '=', input.personId).orderBy('sitting_date', 'desc').orderBy('version', 'desc').execute()
  return toScreenings(call.vault.db, rows)
}

function alertQuery(db: Db) {
  return db
    .selectFrom('alerts')
    .innerJoin('people', 'people.id', 'alerts.person_id')
    .leftJoin('users', 'users.id', 'alerts.acknowledged_by')
    .selectAll('alerts')
    .select(['people.given_name', 'people.family_name', 'people.preferred_name', 'users.display_name as acknowledged_by_name'])
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    personId: row.person_id,
    personName: displayName(row),
    screeningId: row.screening_id,
    code: row.code,
    message: row.message,
    status: row.status,
    acknowledgedByName: row.acknowledged_by_name,
    acknowledgedAt: row.acknowledged_at,
    actionNote: row.action_note,
    createdAt: row.created_at
  }
}

/** Open alerts for one person (and their history), or every open alert the caller may see. */
export async function listAlerts(call: CallContext, input: { personId?: string | undefined }): Promise<Alert[]> {
  const user = currentUser(call)
  let query = alertQuery(call.vault.db).where(visibleTo(user.id))
  if (input.personId) {
    await requireVisiblePerson(call, input.personId)
    query = query.where('alerts.person_id', '=', input.personId)
  } else {
    query = query.where('alerts.status', '=', 'open')
  }
  const rows = await query.orderBy('alerts.status', 'desc').orderBy('alerts.created_at', 'desc').limit(200).execute()
  return rows.map(toAlert)
}

/** An alert stays until a clinician records the action taken; that also completes its task. */
export async function acknowledgeAlert(call: CallContext, input: { alertId: string; actionNote: string }): Promise<Alert> {
  const user = currentUser(call)
  const row = await alertQuery(call.vault.db).where('alerts.id', '=', input.alertId).executeTakeFirst()
  if (!row) throw new CoreError('not-found', 'There is no such alert.')
  await requireVisiblePerson(call, row.person_id)
  if (row.status === 'acknowledged') throw new CoreError('conflict', 'This alert has already been acknowledged.')
  const now = call.core.clock().toISOString()
  await call.vault.db.transaction().execute(async (trx) => {
    await trx.updateTable('alerts').set({ status: 'acknowledged', acknowledged_by: user.id, acknowledged_at: now, action_note: input.actionNote }).where('id', '=', input.alertId).execute()
    if (row.task_id) await trx.updateTable('tasks').set({ status: 'done', completed_at: now, completed_by: user.id }).where('id', '=', row.task_id).execute()
    await appendAudit(trx, { actorId: user.id, action: 'alert.acknowledged', entityType: 'alert', entityId: input.alertId }, call.core.clock())
  })
  return toAlert(await alertQuery(call.vault.db).where('alerts.id', '=', input.alertId).executeTakeFirstOrThrow())
}

/**
 * Who is due for surveillance screening: people in roles with an interval, still serving,
 * whose last current screening (or none) puts them due within the window.
 */
/** The far-past date that means "never screened, due now" (see migration 0040). */
const neverScreened = '0001-01-01'

/**
 * Who is due surveillance screening: people whose trigger-kept next due date falls within
 * the window (an index range), still serving, and visible to the caller.
 */
export function dueQuery(db: Kysely<HarbourDatabase>, viewerId: string, today: string, cutoff: string, filters: { roleId?: string | undefined; department?: string | undefined }) {
  let query = db
    .selectFrom('people')
    .innerJoin('roles', 'roles.id', 'people.role_id')
    .where('people.next_screening_due', '<=', cutoff)
    .where((eb) => eb.or([eb('people.leaving_date', 'is', null), eb('people.leaving_date', '>', today)]))
    .where(visibleTo(viewerId))
  if (filters.roleId) query = query.where('people.role_id', '=', filters.roleId)
  if (filters.department) query = query.where('people.department', '=', filters.department)
  return query
}

export async function dueList(call: CallContext, input: { roleId?: string | undefined; department?: string | undefined; withinDays: number; page: { offset: number; limit: number } }): Promise<{ rows: DueRow[]; total: number; overdue: number }> {
  const user = currentUser(call)
  const today = todayInLondon(call.core.clock())
  const cutoff = new Date(`${today}T12:00:00Z`)
  cutoff.setUTCDate(cutoff.getUTCDate() + input.withinDays)
  const base = dueQuery(call.vault.db, user.id, today, cutoff.toISOString().slice(0, 10), input)
  const counts = await base
    .select([sql<number>`count(*)`.as('total'), sql<number>`coalesce(sum(people.next_screening_due < ${today} AND people.next_screening_due > ${neverScreened}), 0)`.as('overdue')])
    .executeTakeFirst()
  const rows = await base
    .select(['people.id', 'people.given_name', 'people.family_name', 'people.preferred_name', 'people.staff_number', 'people.department', 'people.next_screening_due', 'roles.name as role_name', 'roles.screening_interval_months'])
    .select(sql<string | null>`(SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = people.id AND s.superseded_by_id IS NULL)`.as('last_screened'))
    // Index order (due date, then row), so the page is read straight off the index without sorting.
    .orderBy('people.next_screening_due')
    .orderBy(sql`people.rowid`)
    .limit(input.page.limit)
    .offset(input.page.offset)
    .execute()
  return {
    rows: rows.map((row) => {
      const stored = row.next_screening_due ?? today
      const dueDate = stored === neverScreened ? today : stored
      return {
        personId: row.id,
        personName: displayName(row),
        staffNumber: row.staff_number,
        roleName: row.role_name,
        department: row.department,
        intervalMonths: Number(row.screening_interval_months),
        lastScreened: row.last_screened,
        dueDate,
        overdue: dueDate < today
      }
    }),
    total: Number(counts?.total ?? 0),
    overdue: Number(counts?.overdue ?? 0)
  }
}

export async function setRules(call: CallContext, input: { rules: RagRule[] }): Promise<RagRule[]> {
  const user = currentUser(call)
  await call.vault.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: 'ragRules', value: JSON.stringify(input.rules) })
      .onConflict((c) => c.column('key').doUpdateSet({ value: JSON.stringify(input.rules) }))
      .execute()
    await appendAudit(trx, { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: 'ragRules' }, call.core.clock())
  })
  return input.rules
}

/** The recall list as CSV (formula-safe: cells starting =, +, - or @ are neutralised), audited. */
export async function exportDue(call: CallContext, input: { roleId?: string | undefined; department?: string | undefined; withinDays: number }): Promise<{ file: string; rows: number } | null> {
  const user = currentUser(call)
  if (!call.core.dialogs?.chooseExportDestination) throw new CoreError('unavailable', 'Exporting needs a file dialog, which is not available here.')
  const file = await call.core.dialogs.chooseExportDestination(`harbour-recall-${todayInLondon(call.core.clock())}.csv`)
  if (!file) return null
  const { rows } = await dueList(call, { ...input, page: { offset: 0, limit: 1_000_000 } })
  const csv = stringify(
    rows.map((row) => [row.staffNumber, row.personName, row.roleName, row.department ?? '', row.lastScreened ?? 'Never', row.dueDate, row.overdue ? 'Overdue' : 'Due']),
    { header: true, columns: ['Staff number', 'Name', 'Role', 'Department', 'Last screened', 'Due', 'Status'], escape_formulas: true, bom: true, record_delimiter: 'windows' }
  )
  writeFileAtomic(file, csv)
  await appendAudit(call.vault.db, { actorId: user.id, action: 'screening.due-exported', entityType: 'export', detail: `rows=${rows.length}` }, call.core.clock())
  return { file, rows: rows.length }
}
