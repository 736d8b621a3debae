import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import { todayInLondon } from '../../../shared/calendar-date'
import type { CriticalGapReason, SavedScreening, Screening, instrumentAnswers } from '../../../shared/contract/screening'
import {
  externalInstruments,
  getInstrument,
  instrumentIds,
  instrumentName,
  InstrumentInputError,
  scoreExternal,
  scoreInstrument
} from '../../../shared/instruments'
import { answeredFloor } from '../../../shared/instruments/answered-floor'
import { ragFor, ruleAsApplied, rulesProblem, type RagRule } from '../../../shared/instruments/rag'
import { missingOrRefused, requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { clearDraft } from '../store/drafts'
import type { HarbourDatabase } from '../store/schema'
import { readSetting, writeSetting } from '../store/settings'
import { raiseAlerts } from './screening-alerts'
import { raiseFollowUp, savedFollowUpOf } from './screening-follow-ups'
import { currentUser } from './session-helpers'
import { refuseFutureDate } from './refuse-future-date'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>
type Submitted = z.input<typeof instrumentAnswers>
type Mode = Screening['mode']

export interface Scored {
  instrument: string
  answers: (number | null)[] | null
  total: number | null
  band: string | null
  subscales: Record<string, number | null>
  flags: { code: string; severity: 'critical' | 'warning' | 'info'; message: string }[]
  complete: boolean
  unansweredCritical: number[]
  criticalNotAnswered: { item: number; reason: CriticalGapReason }[]
  externallyScored: boolean
  scoringVersion: string
  /** The clinician recorded that it was not attempted (never true for an external total). */
  notAttempted?: boolean
}

/** Why a safety question has no answer when nobody could say: the person left it, or the file lacked it. */
const automaticGapReason: Partial<Record<Mode, CriticalGapReason>> = {
  'self-completed': 'left-blank-self-completed',
  imported: 'not-in-import'
}

/**
 * Applies the clinician's account of each unanswered safety question: an answer given aloud
 * goes into the answers (so it is scored, and alerts, like any other), any other reason is
 * kept beside the result. A clinician must account for every one; Harbour records why for
 * self-completed and imported sittings.
 */
function withCriticalGaps(result: Extract<Submitted, { kind: 'items' }>, index: number, mode: Mode) {
  const definition = getInstrument(result.instrument)
  const name = instrumentName(result.instrument)
  const answers = [...result.answers]
  const gaps: { item: number; reason: CriticalGapReason }[] = []
  // Nothing answered is never saved silently: the clinician says whether it was not attempted.
  const nothingAnswered = answers.every((answer) => answer === null || answer === undefined)
  const notAttempted = result.notAttempted === true
  if (notAttempted && !nothingAnswered)
    throw new CoreError('invalid-input', `${name} has answers, so it was attempted. Clear “Not attempted”, or clear the answers.`, [
      `results.${index}.notAttempted`
    ])
  if (nothingAnswered && !notAttempted && mode === 'clinician-entered') {
    throw new CoreError('invalid-input', `Nothing is answered on ${name}. Record that it was not attempted, or answer it.`, [
      `results.${index}.notAttempted`
    ])
  }
  for (const gap of result.criticalNotAnswered ?? []) {
    const field = `results.${index}.answers.${gap.item - 1}`
    if (!definition.criticalItems.includes(gap.item))
      throw new CoreError('invalid-input', `${name} item ${gap.item} is not a safety question.`, [field])
    if (answers[gap.item - 1] !== null && answers[gap.item - 1] !== undefined) {
      throw new CoreError('invalid-input', `${name} item ${gap.item} has an answer, so it needs no reason for being unanswered.`, [field])
    }
    const verbal = gap.verbalAnswer ?? null
    if (gap.reason === 'asked-verbally') {
      if (verbal === null) throw new CoreError('invalid-input', `Enter the answer given aloud to ${name} item ${gap.item}.`, [field])
      answers[gap.item - 1] = verbal
    } else if (verbal !== null) {
      throw new CoreError('invalid-input', `An answer to ${name} item ${gap.item} can only be recorded when it was asked verbally.`, [
        field
      ])
    }
    gaps.push({ item: gap.item, reason: gap.reason })
  }
  const scored = scoreInstrument(result.instrument, answers)
  for (const item of scored.unansweredCritical) {
    if (gaps.some((gap) => gap.item === item)) continue
    const automatic = automaticGapReason[mode]
    if (!automatic) {
      throw new CoreError(
        'invalid-input',
        `${name} item ${item} is a safety question and has no answer. Answer it, or record why it was not answered.`,
        [`results.${index}.answers.${item - 1}`]
      )
    }
    gaps.push({ item, reason: automatic })
  }
  return { instrument: result.instrument, answers, ...scored, criticalNotAnswered: gaps, externallyScored: false, notAttempted }
}

/** The core never trusts a score from the window: every result is computed here, from answers. */
export function scoreAll(results: Submitted[], mode: Mode): Scored[] {
  const seen = new Set<string>()
  return results.map((result, index) => {
    if (seen.has(result.instrument))
      throw new CoreError('invalid-input', `Each questionnaire can appear once in a sitting.`, [`results.${index}.instrument`])
    seen.add(result.instrument)
    try {
      if (result.kind === 'items') return withCriticalGaps(result, index, mode)
      const scored = scoreExternal(result.instrument, { total: result.total, subscales: result.subscales ?? {} })
      return {
        instrument: result.instrument,
        answers: null,
        total: scored.total,
        band: scored.band,
        subscales: scored.subscales,
        flags: scored.flags,
        complete: scored.complete,
        unansweredCritical: [],
        criticalNotAnswered: [],
        externallyScored: true,
        scoringVersion: scored.scoringVersion,
        notAttempted: false
      }
    } catch (error) {
      if (error instanceof InstrumentInputError) {
        throw new CoreError('invalid-input', `${error.message}`, [`results.${index}${error.item ? `.answers.${error.item - 1}` : ''}`])
      }
      throw error
    }
  })
}

/** The administrators' rules, or the defaults when none are stored or the stored ones are unusable. */
export async function readRules(db: Db): Promise<RagRule[]> {
  return (await readSetting(db, 'ragRules')).value
}

/** Every earlier version of a sitting, newest first (a correction chain is short). */
async function earlierVersions(db: Db, id: string): Promise<string[]> {
  const chain: string[] = []
  let next: string | null = id
  while (next && chain.length < 1000) {
    chain.push(next)
    const row: { supersedes_id: string | null } | undefined = await db
      .selectFrom('screenings')
      .select('supersedes_id')
      .where('id', '=', next)
      .executeTakeFirst()
    next = row?.supersedes_id ?? null
  }
  return chain
}

/**
 * Saves one sitting in the caller's transaction: results re-scored, red/amber/green with the
 * rule and what fired it, then the alerts and the follow-up the result calls for.
 */
export async function insertSitting(
  trx: Db,
  call: CallContext,
  input: { personId: string; sittingDate: string; mode: Mode; supersedes: { id: string; version: number } | null; reason: string | null },
  scored: Scored[]
): Promise<string> {
  const user = currentUser(call)
  const now = call.core.clock().toISOString()
  const outcome = ragFor(scored, await readRules(trx))
  const id = randomUUID()
  await trx
    .insertInto('screenings')
    .values({
      id,
      person_id: input.personId,
      sitting_date: input.sittingDate,
      mode: input.mode,
      rag: outcome.rag,
      rag_rule: outcome.rule ? `${outcome.rule.id}: ${outcome.rule.description}` : null,
      rag_reason: outcome.reason,
      risk_not_assessed: outcome.riskNotAssessed ? 1 : 0,
      complete: scored.every((result) => result.complete) ? 1 : 0,
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
        scoring_version: result.scoringVersion,
        critical_not_answered: JSON.stringify(result.criticalNotAnswered),
        not_attempted: result.notAttempted ? 1 : 0
      })
      .execute()
  }
  const earlier = input.supersedes ? await earlierVersions(trx, input.supersedes.id) : []
  const sitting = { id, personId: input.personId, earlierVersions: earlier }
  // Safety signals: alerts and follow-ups in the same transaction as the answers.
  const alerts = await raiseAlerts(trx, call, sitting, scored)
  await raiseFollowUp(trx, call, { ...sitting, alertCovers: alerts.raised + alerts.earlier > 0 }, outcome)
  await appendAudit(
    trx,
    {
      actorId: user.id,
      action: input.supersedes ? 'screening.corrected' : 'screening.saved',
      entityType: 'screening',
      entityId: id,
      detail: scored.map((r) => r.instrument).join(',')
    },
    call.core.clock()
  )
  return id
}

export async function saveScreening(
  call: CallContext,
  input: { personId: string; sittingDate: string; mode: Mode; results: Submitted[] }
): Promise<SavedScreening> {
  await requirePersonAccess(call, input.personId)
  refuseFutureDate(input.sittingDate, todayInLondon(call.core.clock()), 'sittingDate', 'The date of the screening')
  const scored = scoreAll(input.results, input.mode)
  const id = await call.db.transaction().execute(async (trx) => {
    const saved = await insertSitting(trx, call, { ...input, supersedes: null, reason: null }, scored)
    // Only the clinician's own form has a draft; a sitting completed on handover does not.
    if (input.mode === 'clinician-entered') await clearDraft(trx, currentUser(call).id, 'screening', input.personId)
    return saved
  })
  return { ...(await getScreening(call, id)), followUp: await savedFollowUpOf(call.db, id) }
}

/**
 * A correction: a new version with a reason; the original stays, marked as superseded. The
 * clinician correcting it accounts for any unanswered safety question, as when entering it.
 */
export async function correctScreening(
  call: CallContext,
  input: { screeningId: string; reason: string; results: Submitted[] }
): Promise<SavedScreening> {
  const original = await call.db.selectFrom('screenings').selectAll().where('id', '=', input.screeningId).executeTakeFirst()
  if (!original) return missingOrRefused(call, 'screenings', input.screeningId, 'There is no such screening to correct.')
  await requirePersonAccess(call, original.person_id)
  if (original.superseded_by_id) throw new CoreError('conflict', 'This screening has already been corrected. Correct the latest version.')
  const scored = scoreAll(input.results, 'clinician-entered')
  const id = await call.db.transaction().execute(async (trx) => {
    const newId = await insertSitting(
      trx,
      call,
      {
        personId: original.person_id,
        sittingDate: original.sitting_date,
        mode: original.mode,
        supersedes: { id: original.id, version: original.version },
        reason: input.reason
      },
      scored
    )
    await trx.updateTable('screenings').set({ superseded_by_id: newId }).where('id', '=', original.id).execute()
    await clearDraft(trx, currentUser(call).id, 'screening-correction', original.id)
    return newId
  })
  return { ...(await getScreening(call, id)), followUp: await savedFollowUpOf(call.db, id) }
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
  const sittings = await db
    .selectFrom('screenings')
    .innerJoin('users', 'users.id', 'screenings.entered_by')
    .selectAll('screenings')
    .select('users.display_name as entered_by_name')
    .where('screenings.id', 'in', ids)
    .execute()
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
        ragReason: s.rag_reason,
        riskNotAssessed: s.risk_not_assessed === 1,
        complete: s.complete === 1,
        version: s.version,
        supersedesId: s.supersedes_id,
        supersededById: s.superseded_by_id,
        correctionReason: s.correction_reason,
        enteredByName: s.entered_by_name,
        createdAt: s.created_at,
        results: results
          .filter((r) => r.screening_id === s.id)
          .sort((a, b) => instrumentOrder(a.instrument_id) - instrumentOrder(b.instrument_id))
          .map((r) => {
            const answers = r.answers ? (JSON.parse(r.answers) as (number | null)[]) : null
            return {
              instrument: r.instrument_id,
              answers,
              total: r.total,
              band: r.band,
              subscales: JSON.parse(r.subscales) as Record<string, number | null>,
              flags: JSON.parse(r.flags) as Screening['results'][number]['flags'],
              complete: r.complete === 1,
              externallyScored: r.externally_scored === 1,
              scoringVersion: r.scoring_version,
              criticalNotAnswered: JSON.parse(r.critical_not_answered) as Screening['results'][number]['criticalNotAnswered'],
              answeredFloor: r.complete === 1 || r.not_attempted === 1 ? null : answeredFloor(r.instrument_id, answers),
              notAttempted: r.not_attempted === 1
            }
          })
      }
    ]
  })
}

async function getScreening(call: CallContext, id: string): Promise<Screening> {
  const [found] = await toScreenings(call.db, [{ id }])
  if (!found) return missingOrRefused(call, 'screenings', id, 'There is no such screening.')
  return found
}

export async function screeningsForPerson(call: CallContext, input: { personId: string }): Promise<Screening[]> {
  await requirePersonAccess(call, input.personId)
  const rows = await call.db
    .selectFrom('screenings')
    .select('id')
    .where('person_id', '=', input.personId)
    .orderBy('sitting_date', 'desc')
    .orderBy('version', 'desc')
    .execute()
  return toScreenings(call.db, rows)
}

/** What changed between two sets of rules, rule by rule, for the audit log (rules are settings, not clinical content). */
function ruleChanges(before: RagRule[], after: RagRule[]) {
  const byId = (rules: RagRule[]) => new Map(rules.map((rule) => [rule.id, rule]))
  const old = byId(before)
  const next = byId(after)
  // Cut-off rules are logged with the number they refer to (ruleAsApplied).
  return {
    removed: before.filter((rule) => !next.has(rule.id)).map(ruleAsApplied),
    added: after.filter((rule) => !old.has(rule.id)).map(ruleAsApplied),
    changed: after
      .filter((rule) => old.has(rule.id) && JSON.stringify(old.get(rule.id)) !== JSON.stringify(rule))
      .map((rule) => ({ before: ruleAsApplied(old.get(rule.id) as RagRule), after: ruleAsApplied(rule) }))
  }
}

/** Replaces the rules, refusing any set without the critical-item rule; the audit keeps each old and new rule. */
export async function setRules(call: CallContext, input: { rules: RagRule[] }): Promise<RagRule[]> {
  const user = currentUser(call)
  const problem = rulesProblem(input.rules)
  if (problem) throw new CoreError('invalid-input', problem, ['rules'])
  await call.db.transaction().execute(async (trx) => {
    const before = await readRules(trx)
    const changes = ruleChanges(before, input.rules)
    await writeSetting(trx, 'ragRules', input.rules)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', entityId: 'ragRules', detail: JSON.stringify(changes) },
      call.core.clock()
    )
  })
  return input.rules
}
