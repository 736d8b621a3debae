import { existsSync } from 'node:fs'
import { basename, dirname, isAbsolute } from 'node:path'
import type { PersonRecordExportSaved as ChannelResult } from '../../../shared/contract/person-record-export'
import { externalInstruments } from '../../../shared/instruments/external'
import { instrumentName } from '../../../shared/instruments/names'
import { instruments } from '../../../shared/instruments/registry'
import {
  personRecordFormat,
  personRecordVersion,
  staffIdColumns,
  type PersonRecord,
  type PersonRecordAuditEntry,
  type PersonRecordItemAnswer,
  type PersonRecordResult,
  type RecordRow
} from '../../../shared/person-record/record'
import { personRecordDocument } from '../../../shared/person-record/printable'
import { requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import { encryptedZip, newZipPassword } from '../documents/encrypted-zip'
import { renderPdf } from '../documents/pdf'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import { currentUser } from './session-helpers'

/**
 * The person record export for a subject access request (docs/exports.md, "Person record"):
 * everything Harbour holds about one person, as `record.json` (the documented shape in
 * shared/person-record/record.ts) and a readable A4 `record.pdf`, inside an AES-256 zip whose
 * random password is returned once and kept nowhere. Clinicians only; a restricted person only
 * for the clinicians the record names (core/access), a refusal audited. The audit entry holds
 * who, the person's id and counts: never the reason's words, a name, the file's path or anything
 * clinical. Every table with a person_id column is either read here or excluded below with why;
 * a test fails when a new one is neither.
 */

/** Each table holding rows about a person, and the part of the record they go to. */
export const personRecordTables = {
  people: 'person',
  person_access: 'person.namedClinicians',
  cases: 'cases',
  notes: 'notes',
  tasks: 'tasks',
  screenings: 'screenings',
  alerts: 'alerts',
  screening_follow_ups: 'screeningFollowUps',
  exposures: 'exposures',
  trim_offers: 'trimOffers',
  trim_assessments: 'trimAssessments',
  trim_prompt_claims: 'trimPromptClaims',
  referrals: 'referrals',
  referral_steps: 'referrals[].steps',
  consents: 'consents',
  management_advice_reports: 'managementAdvice',
  signposting_records: 'signposting',
  bereavement_counselling: 'bereavementCounselling'
} as const satisfies Record<string, string>

/** Tables with a person_id column left out on purpose, and why. */
export const personRecordExclusions: Record<string, string> = {
  drafts: 'Unsaved form work: never part of the record, offered back only to the user who typed it, and discarded when the form is saved.',
  retention_purges: 'Names the people a retention purge is removing, only inside that purge’s transaction: it never holds a committed row.'
}

export type PersonSelection = { personId: string } | { staffNumber: string }

type Db = CallContext['db']
type Row = Record<string, unknown>

function requireClinician(call: CallContext): void {
  if (!call.user.roles.includes('clinician')) throw new CoreError('forbidden', 'Only a clinician can export clinical records.')
}

/** snake_case to camelCase. */
const camelKey = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** A stored row as the export shows it: camelCase, JSON columns parsed, 0/1 columns true/false, some columns left out. */
function shaped(row: Row, options: { json?: readonly string[]; flags?: readonly string[]; omit?: readonly string[] } = {}): Row {
  const out: Row = {}
  for (const [key, value] of Object.entries(row)) {
    if (options.omit?.includes(key)) continue
    if (options.json?.includes(key)) out[camelKey(key)] = value === null ? null : parseJson(value)
    else if (options.flags?.includes(key)) out[camelKey(key)] = value === null ? null : value === 1 || value === true
    else out[camelKey(key)] = typeof value === 'bigint' ? Number(value) : value
  }
  return out
}

const asRecordRow = (row: Row) => row as RecordRow

const lookup = <T>(record: Record<string, T>, id: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, id) ? record[id] : undefined

/** Item answers with each question's wording (where the definition holds it) and the chosen answer's wording. */
function itemAnswers(instrumentId: string, answers: unknown): PersonRecordItemAnswer[] {
  if (!Array.isArray(answers)) return []
  const definition = lookup(instruments, instrumentId)
  return answers.map((value: unknown, index) => {
    const item = definition?.items[index]
    const answer = typeof value === 'number' ? value : null
    return {
      item: index + 1,
      question: item?.text ?? null,
      answer,
      answerLabel: answer === null ? null : (item?.options.find((option) => option.value === answer)?.label ?? null)
    }
  })
}

/** In slices: SQLite allows a few thousand parameters a statement. */
async function inSlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (let start = 0; start < ids.length; start += 500) out.push(...(await read(ids.slice(start, start + 500))))
  return out
}

async function personIdOf(call: CallContext, selection: PersonSelection): Promise<string> {
  if ('staffNumber' in selection) {
    const row = await call.db.selectFrom('people').select('id').where('staff_number', '=', selection.staffNumber).executeTakeFirst()
    if (!row) throw new CoreError('not-found', `There is no person with staff number ${selection.staffNumber}.`)
    return requirePersonAccess(call, row.id)
  }
  return requirePersonAccess(call, selection.personId)
}

/**
 * Everything Harbour holds about one person that the caller may see, as the versioned JSON
 * shape. A refusal is audited here; the export itself is audited when it is saved.
 */
export async function personRecord(call: CallContext, selection: PersonSelection): Promise<PersonRecord> {
  requireClinician(call)
  const user = currentUser(call)
  const personId = await personIdOf(call, selection)
  const db = call.db

  const personRow = await db
    .selectFrom('people')
    .leftJoin('roles', 'roles.id', 'people.role_id')
    .selectAll('people')
    .select('roles.name as role_name')
    .where('people.id', '=', personId)
    .executeTakeFirstOrThrow()
  const named = await db.selectFrom('person_access').select('user_id').where('person_id', '=', personId).orderBy('user_id').execute()

  const cases = await db.selectFrom('cases').selectAll().where('person_id', '=', personId).orderBy('opened_on').orderBy('id').execute()
  const caseIds = cases.map((row) => row.id)
  const notes = await db.selectFrom('notes').selectAll().where('person_id', '=', personId).orderBy('created_at').orderBy('id').execute()
  const tasks = await db
    .selectFrom('tasks')
    .selectAll()
    .where((eb) =>
      caseIds.length === 0 ? eb('person_id', '=', personId) : eb.or([eb('person_id', '=', personId), eb('case_id', 'in', caseIds)])
    )
    .orderBy('due_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const screenings = await db
    .selectFrom('screenings')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('sitting_date')
    .orderBy('version')
    .orderBy('created_at')
    .execute()
  const screeningIds = screenings.map((row) => row.id)
  const results = await inSlices(screeningIds, (slice) =>
    db
      .selectFrom('screening_results')
      .selectAll()
      .where('screening_id', 'in', slice)
      .orderBy('screening_id')
      .orderBy('instrument_id')
      .execute()
  )
  const alerts = await db.selectFrom('alerts').selectAll().where('person_id', '=', personId).orderBy('created_at').orderBy('id').execute()
  const followUps = await db
    .selectFrom('screening_follow_ups')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const exposures = await db
    .selectFrom('exposures')
    .innerJoin('incidents', 'incidents.id', 'exposures.incident_id')
    .leftJoin('incident_categories as category', 'category.id', 'incidents.category_id')
    .selectAll('exposures')
    .select(['incidents.reference as incident_reference', 'category.name as category_name'])
    .where('exposures.person_id', '=', personId)
    .orderBy('exposures.occurred_on')
    .orderBy('exposures.id')
    .execute()
  const offers = await db
    .selectFrom('trim_offers')
    .leftJoin('incidents', 'incidents.id', 'trim_offers.incident_id')
    .selectAll('trim_offers')
    .select(['incidents.reference as incident_reference', 'incidents.occurred_on as incident_occurred_on'])
    .where('trim_offers.person_id', '=', personId)
    .orderBy('trim_offers.created_at')
    .orderBy('trim_offers.id')
    .execute()
  const assessments = await db
    .selectFrom('trim_assessments')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('assessed_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const claims = await db
    .selectFrom('trim_prompt_claims')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('claimed_at')
    .orderBy('assessment_id')
    .execute()
  const factorNames = new Map((await db.selectFrom('trim_risk_factors').select(['id', 'name']).execute()).map((row) => [row.id, row.name]))
  const referrals = await db
    .selectFrom('referrals')
    .leftJoin('referral_destinations as d', 'd.id', 'referrals.destination_id')
    .selectAll('referrals')
    .select('d.name as destination_name')
    .where('referrals.person_id', '=', personId)
    .orderBy('referrals.created_at')
    .orderBy('referrals.id')
    .execute()
  const steps = await db
    .selectFrom('referral_steps')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('referral_id')
    .orderBy('step_number')
    .execute()
  const consents = await db
    .selectFrom('consents')
    .leftJoin('referral_destinations as d', 'd.id', 'consents.destination_id')
    .selectAll('consents')
    .select('d.name as destination_name')
    .where('consents.person_id', '=', personId)
    .orderBy('consents.given_on')
    .orderBy('consents.recorded_at')
    .orderBy('consents.id')
    .execute()
  const advice = await db
    .selectFrom('management_advice_reports')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const signposting = await db
    .selectFrom('signposting_records')
    .leftJoin('support_resources as r', 'r.id', 'signposting_records.resource_id')
    .selectAll('signposting_records')
    .select('r.name as resource_name')
    .where('signposting_records.person_id', '=', personId)
    .orderBy('signposting_records.signposted_on')
    .orderBy('signposting_records.recorded_at')
    .orderBy('signposting_records.id')
    .execute()
  const bereavement = await db
    .selectFrom('bereavement_counselling')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('happened_on')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute()

  // Notes as first written, each with its amendments.
  type NoteRow = (typeof notes)[number]
  const amendmentsOf = new Map<string, PersonRecord['notes'][number]['amendments']>()
  const originals: NoteRow[] = []
  const noteIds = new Set(notes.map((row) => row.id))
  for (const row of notes) {
    if (row.amends_note_id !== null && noteIds.has(row.amends_note_id)) {
      const list = amendmentsOf.get(row.amends_note_id) ?? []
      list.push({ ...asRecordRow(shaped(row)), text: row.text })
      amendmentsOf.set(row.amends_note_id, list)
    } else originals.push(row)
  }

  const resultsOf = new Map<string, PersonRecordResult[]>()
  for (const row of results) {
    const definition = lookup(instruments, row.instrument_id)
    const answers = row.answers === null ? null : parseJson(row.answers)
    const list = resultsOf.get(row.screening_id) ?? []
    list.push({
      instrumentId: row.instrument_id,
      instrumentTitle: definition?.title ?? lookup(externalInstruments, row.instrument_id)?.title ?? instrumentName(row.instrument_id),
      scoringVersion: row.scoring_version,
      instrumentVersion: definition && definition.scoringVersion === row.scoring_version ? definition.version : null,
      total: row.total,
      band: row.band,
      subscales: (parseJson(row.subscales) ?? {}) as Record<string, number | null>,
      flags: (parseJson(row.flags) ?? []) as unknown[],
      complete: row.complete === 1,
      externallyScored: row.externally_scored === 1,
      notAttempted: row.not_attempted === 1,
      criticalNotAnswered: (parseJson(row.critical_not_answered) ?? []) as unknown[],
      answers: itemAnswers(row.instrument_id, answers)
    })
    resultsOf.set(row.screening_id, list)
  }

  const stepsOf = new Map<string, RecordRow[]>()
  for (const row of steps) {
    const list = stepsOf.get(row.referral_id) ?? []
    list.push(asRecordRow(shaped(row)))
    stepsOf.set(row.referral_id, list)
  }

  const names = (ids: unknown) => (Array.isArray(ids) ? ids.map((id) => factorNames.get(String(id)) ?? String(id)) : [])

  const recordIds = [
    personId,
    ...caseIds,
    ...notes.map((row) => row.id),
    ...tasks.map((row) => row.id),
    ...screeningIds,
    ...alerts.map((row) => row.id),
    ...followUps.map((row) => row.id),
    ...exposures.map((row) => row.id),
    ...offers.map((row) => row.id),
    ...assessments.map((row) => row.id),
    ...referrals.map((row) => row.id),
    ...consents.map((row) => row.id),
    ...advice.map((row) => row.id),
    ...signposting.map((row) => row.id),
    ...bereavement.map((row) => row.id)
  ]
  const auditTrail = await auditEntriesAbout(call, recordIds)

  const record: Omit<PersonRecord, 'staff'> = {
    format: personRecordFormat,
    version: personRecordVersion,
    exportedAt: call.clock().toISOString(),
    exportedBy: { id: user.id, displayName: user.displayName },
    purpose: 'subject access request',
    person: {
      ...(shaped(personRow, { flags: ['restricted'], omit: ['search_key', 'surname_key', 'role_name'] }) as PersonRecord['person']),
      roleName: personRow.role_name,
      namedClinicians: named.map((row) => ({ id: row.user_id, displayName: '' }))
    },
    cases: cases.map((row) => asRecordRow(shaped(row, { json: ['flags', 'pathway'] }))),
    notes: originals.map((row) => ({
      ...asRecordRow(shaped(row)),
      text: row.text,
      contactDate: row.contact_date,
      amendments: amendmentsOf.get(row.id) ?? []
    })),
    tasks: tasks.map((row) => asRecordRow(shaped(row))),
    screenings: screenings.map((row) => ({
      ...asRecordRow(shaped(row, { flags: ['risk_not_assessed', 'complete'] })),
      results: resultsOf.get(row.id) ?? []
    })),
    alerts: alerts.map((row) => asRecordRow(shaped(row))),
    screeningFollowUps: followUps.map((row) => asRecordRow(shaped(row))),
    exposures: exposures.map((row) => ({
      ...asRecordRow(shaped(row, { omit: ['incident_reference', 'category_name'] })),
      incident: { id: row.incident_id, reference: row.incident_reference, occurredOn: row.occurred_on, category: row.category_name }
    })),
    trimOffers: offers.map((row) => ({
      ...asRecordRow(shaped(row, { omit: ['incident_reference', 'incident_occurred_on'] })),
      incident:
        row.incident_reference === null || row.incident_occurred_on === null
          ? null
          : { id: row.incident_id, reference: row.incident_reference, occurredOn: row.incident_occurred_on }
    })),
    trimAssessments: assessments.map((row) => {
      const shapedRow = asRecordRow(
        shaped(row, { json: ['factors_present', 'factors_considered', 'prompt_reasons'], flags: ['persistent_difficulty', 'prompted'] })
      )
      return {
        ...shapedRow,
        factorsPresentNames: names(shapedRow['factorsPresent']),
        factorsConsideredNames: names(shapedRow['factorsConsidered'])
      }
    }),
    trimPromptClaims: claims.map((row) => shaped(row) as PersonRecord['trimPromptClaims'][number]),
    referrals: referrals.map((row) => ({
      ...asRecordRow(shaped(row, { omit: ['destination_name'] })),
      destinationName: row.destination_name,
      steps: stepsOf.get(row.id) ?? []
    })),
    consents: consents.map((row) => ({
      ...asRecordRow(shaped(row, { omit: ['destination_name'] })),
      destinationName: row.destination_name
    })),
    managementAdvice: advice.map((row) => asRecordRow(shaped(row, { flags: ['asked_to_see_first'] }))),
    signposting: signposting.map((row) => ({ ...asRecordRow(shaped(row, { omit: ['resource_name'] })), resourceName: row.resource_name })),
    bereavementCounselling: bereavement.map((row) => asRecordRow(shaped(row))),
    auditTrail
  }

  const staff = await staffNamed(db, record)
  const nameOf = new Map(staff.map((member) => [member.id, member.displayName]))
  record.person.namedClinicians = record.person.namedClinicians.map((clinician) => ({
    id: clinician.id,
    displayName: nameOf.get(clinician.id) ?? ''
  }))

  return { ...record, staff }
}

/** Columns that name a member of staff, in any table read above: the audit trail's actor too. */
const staffColumns = new Set([...staffIdColumns, 'actorId'])

/** Everyone the record names by id, with their names: read from users, which every signed-in user may read. */
async function staffNamed(db: Db, record: Omit<PersonRecord, 'staff'>): Promise<PersonRecord['staff']> {
  const ids = new Set<string>(record.person.namedClinicians.map((clinician) => clinician.id))
  ids.add(record.exportedBy.id)
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (value === null || typeof value !== 'object') return
    for (const [key, inner] of Object.entries(value)) {
      if (staffColumns.has(key) && typeof inner === 'string') ids.add(inner)
      else if (typeof inner === 'object') visit(inner)
    }
  }
  visit(record)
  const list = [...ids]
  if (list.length === 0) return []
  const rows = await inSlices(list, (slice) => db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', slice).execute())
  return rows
    .map((row) => ({ id: row.id, displayName: row.display_name }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
}

/**
 * The entity types audit entries name the person or one of their records by. Entries are read by
 * type and id together, as the audit's index is keyed; the test compares the entries found with
 * every entry naming any of the person's ids, so a new type left out here fails it.
 */
const auditEntityTypes = [
  'person',
  'case',
  'note',
  'task',
  'screening',
  'alert',
  'follow-up',
  'referral',
  'consent',
  'management-advice',
  'management-advice-report',
  'signposting',
  'bereavement-counselling'
]

/**
 * The audit entries about the person and each of their records (who, what, when: the audit
 * holds no clinical content). A team server lets only administrators read the audit trail.
 */
async function auditEntriesAbout(call: CallContext, ids: readonly string[]): Promise<PersonRecord['auditTrail']> {
  if (call.dialect.engine === 'postgres' && !call.user.roles.includes('admin'))
    return {
      included: false,
      note: 'On a team server only administrators can read the audit trail: an administrator who is also a clinician can export it.',
      entries: []
    }
  const rows = await inSlices([...new Set(ids)], (slice) =>
    call.db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'detail'])
      .where('entity_type', 'in', auditEntityTypes)
      .where('entity_id', 'in', slice)
      .execute()
  )
  const entries: PersonRecordAuditEntry[] = rows
    .map((row) => ({
      seq: Number(row.seq),
      at: row.at,
      actorId: row.actor_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      detail: row.detail
    }))
    .sort((a, b) => a.seq - b.seq)
  return { included: true, note: null, entries }
}

/** How many records of each kind the export holds, for the audit entry and the caller. */
export function personRecordCounts(record: PersonRecord): Record<string, number> {
  return {
    cases: record.cases.length,
    notes: record.notes.reduce((sum, note) => sum + 1 + note.amendments.length, 0),
    tasks: record.tasks.length,
    screenings: record.screenings.length,
    alerts: record.alerts.length,
    screeningFollowUps: record.screeningFollowUps.length,
    exposures: record.exposures.length,
    trimOffers: record.trimOffers.length,
    trimAssessments: record.trimAssessments.length,
    trimPromptClaims: record.trimPromptClaims.length,
    referrals: record.referrals.length,
    referralSteps: record.referrals.reduce((sum, referral) => sum + referral.steps.length, 0),
    consents: record.consents.length,
    managementAdvice: record.managementAdvice.length,
    signposting: record.signposting.length,
    bereavementCounselling: record.bereavementCounselling.length,
    auditEntries: record.auditTrail.entries.length
  }
}

export interface PersonRecordExportResult {
  /** Shown once to the person exporting; kept nowhere. */
  password: string
  /** Every record in the export, the person's own included. */
  records: number
}

/**
 * Writes `record.json` and `record.pdf` in an AES-256 zip at `file`, and audits the export:
 * who, the person's id, and counts by kind. The reason must be given, but its words are never
 * written anywhere. With `passphrase`, the caller's passphrase is checked first (the window asks
 * for it again; the CLI has just unlocked with it).
 */
export async function savePersonRecordExport(
  call: CallContext,
  input: { selection: PersonSelection; reason: string; passphrase?: string; requestReference?: string | undefined },
  /** Null: check the reason, the passphrase and access to the person only, writing nothing. */
  file: string | null
): Promise<PersonRecordExportResult> {
  const user = currentUser(call)
  requireClinician(call)
  if (input.reason.trim() === '') throw new CoreError('invalid-input', 'Give a reason for the export.', ['reason'])
  if (input.passphrase !== undefined)
    await call.keyRing.checkPassphrase(user.username, input.passphrase).catch((error: unknown) => {
      if (error instanceof CoreError && error.code === 'unauthenticated')
        throw new CoreError('invalid-input', 'That passphrase is not right: enter the one you sign in with.', ['passphrase'])
      throw error
    })
  if (file === null) {
    await personIdOf(call, input.selection)
    return { password: '', records: 0 }
  }
  const record = await personRecord(call, input.selection)
  const document = personRecordDocument(record, { staffName: (id) => record.staff.find((member) => member.id === id)?.displayName ?? null })
  const pdf = await renderPdf(document, { appRoot: call.core.appRoot, created: call.clock() })
  const password = newZipPassword()
  const bytes = await encryptedZip(
    [
      { name: 'record.json', text: `${JSON.stringify(record, null, 2)}\n` },
      { name: 'record.pdf', bytes: pdf }
    ],
    password
  )
  writeFileAtomic(file, bytes)
  const counts = personRecordCounts(record)
  const records = 1 + Object.entries(counts).reduce((sum, [kind, n]) => (kind === 'auditEntries' ? sum : sum + n), 0)
  await appendAudit(
    call.db,
    {
      actorId: user.id,
      action: 'export.person-record',
      entityType: 'person',
      entityId: record.person.id,
      detail: `reason; ${referenceDetail(input.requestReference)}records ${records}; ${Object.entries(counts)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}`
    },
    call.clock()
  )
  return { password, records }
}

/**
 * The request's own reference, when given, is the one thing the exporter typed that the audit
 * keeps: the contract allows only a short reference with a digit, never a name or a sentence.
 */
function referenceDetail(reference: string | undefined): string {
  const kept = reference?.trim() ?? ''
  return kept === '' ? '' : `request ${kept}; `
}

/**
 * The channel's export: a person by id, the reason and the passphrase again. From the window the
 * core asks where to save with the native save dialog, after the reason and passphrase are
 * accepted (null if the exporter cancels: nothing is written or audited). A destination given
 * instead that is not a full path, whose folder is missing, or where a file already is, is
 * refused before anything is read or written.
 */
export async function exportPersonRecord(
  call: CallContext,
  input: { personId: string; reason: string; passphrase: string; requestReference?: string | undefined; destination?: string | undefined }
): Promise<ChannelResult | null> {
  const selection = { personId: input.personId }
  const { requestReference } = input
  if (input.destination === undefined) {
    const choose = call.core.dialogs?.chooseEncryptedExportDestination
    if (!choose) throw new CoreError('unavailable', 'Exporting needs a file dialog, which is not available here.')
    // Everything the exporter typed, and their access to the person, is checked before the dialog opens.
    await savePersonRecordExport(call, { selection, reason: input.reason, passphrase: input.passphrase }, null)
    const chosen = await choose(`person-record-${call.clock().toISOString().slice(0, 10)}.zip`)
    if (!chosen) return null
    const result = await savePersonRecordExport(call, { selection, reason: input.reason, requestReference }, chosen)
    return { fileName: basename(chosen), ...result }
  }
  const file = input.destination
  if (!isAbsolute(file)) throw new CoreError('invalid-input', 'Choose where to save the export with the save dialog.', ['destination'])
  if (!existsSync(dirname(file)))
    throw new CoreError('invalid-input', 'The folder chosen for the export is no longer there: choose another.', ['destination'])
  if (existsSync(file))
    throw new CoreError('invalid-input', 'There is already a file with that name there: choose another name.', ['destination'])
  const result = await savePersonRecordExport(
    call,
    { selection, reason: input.reason, passphrase: input.passphrase, requestReference },
    file
  )
  return { fileName: basename(file), ...result }
}
