import { randomUUID } from 'node:crypto'
import {
  bundleCounts,
  fhirBundle,
  type FhirBundle,
  type FhirConsent,
  type FhirPersonRecord,
  type FhirReferral,
  type FhirScreening
} from '../../../shared/fhir/bundle'
import { requirePersonAccess, visibleTo } from '../access'
import type { CallContext } from '../context'
import { encryptedZip, newZipPassword } from '../documents/encrypted-zip'
import { fhirSchemaProblem } from '../documents/fhir-schema'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import { currentUser } from './session-helpers'

/**
 * The FHIR R4 export (docs/exports.md): one person, or everyone the caller may see, as a Bundle
 * checked against HL7's R4 JSON schema, written as `bundle.json` inside an AES-256 zip whose
 * random password is returned once and kept nowhere. Clinicians only; restricted people only for
 * the clinicians they name (core/access). The audit entry holds who, the action, the person's id
 * for a one-person export, and counts — never the reason's words, a name or anything clinical.
 */

export type FhirSelection = { staffNumber: string } | { all: true }

type Db = CallContext['db']

function requireClinician(call: CallContext): void {
  if (!call.user.roles.includes('clinician')) throw new CoreError('forbidden', 'Only a clinician can export clinical records.')
}

/** The ids of the people selected, in staff-number order; a refusal for someone the caller may not see is audited. */
async function selectedPeople(call: CallContext, selection: FhirSelection): Promise<string[]> {
  if ('staffNumber' in selection) {
    const row = await call.db.selectFrom('people').select('id').where('staff_number', '=', selection.staffNumber).executeTakeFirst()
    if (!row) throw new CoreError('not-found', `There is no person with staff number ${selection.staffNumber}.`)
    return [await requirePersonAccess(call, row.id)]
  }
  const rows = await call.db.selectFrom('people').select('id').where(visibleTo(call.user.id)).orderBy('staff_number').execute()
  return rows.map((row) => row.id)
}

const parseAnswers = (answers: string | null): (number | null)[] | null =>
  answers === null ? null : (JSON.parse(answers) as (number | null)[])

/** Everything the bundle carries for these people, read in a few queries whatever their number. */
async function recordsOf(db: Db, personIds: readonly string[]): Promise<FhirPersonRecord[]> {
  if (personIds.length === 0) return []
  const ids = [...personIds]
  const records: FhirPersonRecord[] = []
  // SQLite allows a few thousand parameters a statement: read in slices.
  for (let start = 0; start < ids.length; start += 500) {
    records.push(...(await recordsOfSlice(db, ids.slice(start, start + 500))))
  }
  return records
}

async function recordsOfSlice(db: Db, ids: string[]): Promise<FhirPersonRecord[]> {
  const people = await db
    .selectFrom('people')
    .select(['id', 'staff_number', 'title', 'given_name', 'family_name', 'date_of_birth'])
    .where('id', 'in', ids)
    .execute()
  // The current version of each sitting: a corrected one is exported as amended, its original not repeated.
  const screenings = await db
    .selectFrom('screenings')
    .select(['id', 'person_id', 'sitting_date', 'complete', 'version'])
    .where('person_id', 'in', ids)
    .where('superseded_by_id', 'is', null)
    .orderBy('sitting_date')
    .orderBy('created_at')
    .execute()
  const screeningIds = screenings.map((row) => row.id)
  const results =
    screeningIds.length === 0
      ? []
      : await db
          .selectFrom('screening_results')
          .innerJoin('screenings', 'screenings.id', 'screening_results.screening_id')
          .select([
            'screening_results.screening_id',
            'screening_results.instrument_id',
            'screening_results.answers',
            'screening_results.total',
            'screening_results.band',
            'screening_results.complete',
            'screening_results.externally_scored',
            'screening_results.not_attempted',
            'screening_results.scoring_version'
          ])
          .where('screenings.person_id', 'in', ids)
          .where('screenings.superseded_by_id', 'is', null)
          .orderBy('screening_results.screening_id')
          .orderBy('screening_results.instrument_id')
          .execute()
  const referrals = await db
    .selectFrom('referrals')
    .innerJoin('referral_destinations as d', 'd.id', 'referrals.destination_id')
    .select([
      'referrals.id',
      'referrals.person_id',
      'd.name as destination_name',
      'referrals.reason',
      'referrals.urgency',
      'referrals.status',
      'referrals.referred_on',
      'referrals.created_at',
      'referrals.consent_id'
    ])
    .where('referrals.person_id', 'in', ids)
    .orderBy('referrals.created_at')
    .orderBy('referrals.id')
    .execute()
  const consents = await db
    .selectFrom('consents')
    .leftJoin('referral_destinations as d', 'd.id', 'consents.destination_id')
    .select([
      'consents.id',
      'consents.person_id',
      'consents.purpose',
      'consents.recipient',
      'd.name as destination_name',
      'consents.scope',
      'consents.given_on',
      'consents.withdrawn_on'
    ])
    .where('consents.person_id', 'in', ids)
    .orderBy('consents.given_on')
    .orderBy('consents.recorded_at')
    .execute()

  const byPerson = new Map<string, { screenings: FhirScreening[]; referrals: FhirReferral[]; consents: FhirConsent[] }>(
    ids.map((id) => [id, { screenings: [], referrals: [], consents: [] }])
  )
  const resultsOf = new Map<string, FhirScreening['results'][number][]>()
  for (const row of results) {
    const list = resultsOf.get(row.screening_id) ?? []
    list.push({
      instrumentId: row.instrument_id,
      answers: parseAnswers(row.answers),
      total: row.total,
      band: row.band,
      complete: row.complete === 1,
      externallyScored: row.externally_scored === 1,
      notAttempted: row.not_attempted === 1,
      scoringVersion: row.scoring_version
    })
    resultsOf.set(row.screening_id, list)
  }
  for (const row of screenings)
    byPerson.get(row.person_id)?.screenings.push({
      id: row.id,
      sittingDate: row.sitting_date,
      complete: row.complete === 1,
      version: row.version,
      results: resultsOf.get(row.id) ?? []
    })
  for (const row of referrals)
    byPerson.get(row.person_id)?.referrals.push({
      id: row.id,
      destinationName: row.destination_name,
      reason: row.reason,
      urgency: row.urgency,
      status: row.status,
      referredOn: row.referred_on,
      createdAt: row.created_at,
      consentId: row.consent_id
    })
  for (const row of consents)
    byPerson.get(row.person_id)?.consents.push({
      id: row.id,
      purpose: row.purpose,
      recipient: row.destination_name ?? row.recipient,
      scope: row.scope,
      givenOn: row.given_on,
      withdrawnOn: row.withdrawn_on
    })

  return people
    .sort((a, b) => a.staff_number.localeCompare(b.staff_number))
    .map((person) => ({
      person: {
        id: person.id,
        staffNumber: person.staff_number,
        title: person.title,
        givenName: person.given_name,
        familyName: person.family_name,
        dateOfBirth: person.date_of_birth
      },
      ...(byPerson.get(person.id) ?? { screenings: [], referrals: [], consents: [] })
    }))
}

/**
 * The bundle for the selection, checked against the FHIR R4 schema: a bundle that fails is a
 * fault in Harbour, so nothing is written and the message names only where it failed.
 */
export async function fhirExportBundle(call: CallContext, selection: FhirSelection): Promise<{ bundle: FhirBundle; people: number }> {
  requireClinician(call)
  const personIds = await selectedPeople(call, selection)
  const records = await recordsOf(call.db, personIds)
  const bundle = fhirBundle(records, { id: randomUUID(), timestamp: call.clock().toISOString(), newId: randomUUID })
  const problem = fhirSchemaProblem(call.core.appRoot, bundle)
  if (problem) throw new CoreError('internal', `The FHIR bundle did not pass the FHIR R4 schema (${problem}); nothing was written.`)
  return { bundle, people: records.length }
}

export interface FhirExportResult {
  /** Shown once to the person exporting; kept nowhere. */
  password: string
  people: number
  resources: number
}

/** Writes the bundle as `bundle.json` in an AES-256 zip at `file`, and audits the export. */
export async function saveFhirExport(
  call: CallContext,
  input: { selection: FhirSelection; reason: string },
  file: string
): Promise<FhirExportResult> {
  const user = currentUser(call)
  if (input.reason.trim() === '') throw new CoreError('invalid-input', 'Give a reason for the export.', ['reason'])
  const { bundle, people } = await fhirExportBundle(call, input.selection)
  const password = newZipPassword()
  const bytes = await encryptedZip([{ name: 'bundle.json', text: `${JSON.stringify(bundle, null, 2)}\n` }], password)
  writeFileAtomic(file, bytes)
  const counts = bundleCounts(bundle)
  const kinds = Object.keys(counts)
    .sort()
    .map((kind) => `${kind} ${counts[kind] ?? 0}`)
  await appendAudit(
    call.db,
    {
      actorId: user.id,
      action: 'export.fhir',
      ...('staffNumber' in input.selection && people === 1
        ? { entityType: 'person', entityId: bundle.entry[0]?.resource.id ?? null }
        : { entityType: 'people' }),
      detail: `reason; people ${people}; resources ${bundle.entry.length}; ${kinds.join(', ')}`
    },
    call.clock()
  )
  return { password, people, resources: bundle.entry.length }
}
