import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEncryptedZipBytes, zipPasswordPattern } from '../../electron/core/documents/encrypted-zip'
import { personRecordExclusions, personRecordTables } from '../../electron/core/services/person-record-export'
import type { PersonRecordExportSaved } from '../../shared/contract/person-record-export'
import type { Person } from '../../shared/contract/people'
import type { PersonRecord } from '../../shared/person-record/record'
import { personFields } from '../fixtures/caseload'
import { engines, useEngineStores } from '../fixtures/engines'
import { parsePdf } from '../fixtures/pdf-text'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { everyKindOfRecord, noteText, tablesWithPersonId, type Team } from '../fixtures/every-kind-of-record'
import { trimTeamOn, type AuditRow } from '../fixtures/trim'

const stores = useEngineStores()
const tempFolder = useTempFolders()

const reason = 'Letter from her solicitor dated Tuesday'

/** Every id (or key) of a person's rows, table by table, read as the store's owner. */
async function idsInStore(team: Team, personId: string): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = { people: [personId] }
  for (const table of Object.keys(personRecordTables)) {
    if (table === 'people') continue
    const key = table === 'person_access' ? 'user_id' : table === 'trim_prompt_claims' ? 'assessment_id' : 'id'
    const where = table === 'tasks' ? 'person_id = ? OR case_id IN (SELECT id FROM cases WHERE person_id = ?)' : 'person_id = ?'
    const rows = await team.rows<{ key: string }>(
      `SELECT ${key} AS key FROM ${table} WHERE ${where}`,
      ...(table === 'tasks' ? [personId, personId] : [personId])
    )
    ids[table] = rows.map((row) => row.key).sort()
  }
  return ids
}

/** The same ids, as the export holds them. */
function idsInExport(record: PersonRecord): Record<string, string[]> {
  const sorted = (list: string[]) => [...list].sort()
  return {
    people: [record.person.id],
    person_access: sorted(record.person.namedClinicians.map((c) => c.id)),
    cases: sorted(record.cases.map((r) => r.id)),
    notes: sorted(record.notes.flatMap((r) => [r.id, ...r.amendments.map((a) => a.id)])),
    tasks: sorted(record.tasks.map((r) => r.id)),
    screenings: sorted(record.screenings.map((r) => r.id)),
    alerts: sorted(record.alerts.map((r) => r.id)),
    screening_follow_ups: sorted(record.screeningFollowUps.map((r) => r.id)),
    exposures: sorted(record.exposures.map((r) => r.id)),
    trim_offers: sorted(record.trimOffers.map((r) => r.id)),
    trim_assessments: sorted(record.trimAssessments.map((r) => r.id)),
    trim_prompt_claims: sorted(record.trimPromptClaims.map((r) => r.assessmentId)),
    referrals: sorted(record.referrals.map((r) => r.id)),
    referral_steps: sorted(record.referrals.flatMap((r) => r.steps.map((s) => s.id))),
    consents: sorted(record.consents.map((r) => r.id)),
    management_advice_reports: sorted(record.managementAdvice.map((r) => r.id)),
    signposting_records: sorted(record.signposting.map((r) => r.id)),
    bereavement_counselling: sorted(record.bereavementCounselling.map((r) => r.id))
  }
}

async function exportOf(team: Team, personId: string, over: Record<string, unknown> = {}) {
  const destination = join(tempFolder(), 'record.zip')
  const result = await team.call<PersonRecordExportSaved>('person-record-export:save', {
    personId,
    reason,
    passphrase: admin.passphrase,
    destination,
    ...over
  })
  const entries = await readEncryptedZipBytes(new Uint8Array(readFileSync(destination)), result.password)
  const json = new TextDecoder().decode(entries.find((entry) => entry.name === 'record.json')?.bytes)
  const pdf = await parsePdf(entries.find((entry) => entry.name === 'record.pdf')?.bytes ?? new Uint8Array())
  return { destination, result, entries, json, record: JSON.parse(json) as PersonRecord, pdf }
}

describe.each(engines)('the person record export (%s)', (engine) => {
  it('reads every table that holds rows about a person, or says why it leaves one out', async () => {
    const { team } = await everyKindOfRecord(stores, engine)
    const covered = new Set([...Object.keys(personRecordTables), ...Object.keys(personRecordExclusions)])
    const tables = await tablesWithPersonId(team)
    expect(tables.length).toBeGreaterThan(10)
    expect(tables.filter((table) => !covered.has(table))).toEqual([])
    // And nothing is listed that is not there.
    expect([...covered].filter((table) => table !== 'people' && !tables.includes(table))).toEqual([])
  })

  it('holds every record of the person, compared id by id with the store, and nothing of anyone else', async () => {
    const { team, rhys } = await everyKindOfRecord(stores, engine)
    const { record, json, pdf, result, entries } = await exportOf(team, team.sian.id)

    expect(entries.map((entry) => [entry.name, entry.encrypted])).toEqual([
      ['record.json', true],
      ['record.pdf', true]
    ])
    expect(result.password).toMatch(zipPasswordPattern)
    expect(result.fileName).toBe('record.zip')
    expect(record).toMatchObject({
      format: 'harbour-person-record',
      version: 1,
      exportedAt: '2026-11-26T09:00:00.000Z',
      exportedBy: { displayName: 'Alex Morgan' },
      person: { id: team.sian.id, staffNumber: 'PC4321', givenName: 'Siân', familyName: 'Evans', restricted: false }
    })

    const inStore = await idsInStore(team, team.sian.id)
    // Every kind of record is there to be found (else this test would prove little)...
    for (const [table, ids] of Object.entries(inStore))
      if (table !== 'person_access') expect([table, ids.length > 0]).toEqual([table, true])
    // ...and the export holds exactly the store's rows of each kind.
    expect(idsInExport(record)).toEqual(inStore)
    expect(result.records).toBe(Object.values(inStore).reduce((sum, ids) => sum + ids.length, 0))

    // Notes keep the original with its amendment; the screening keeps both versions; answers carry the question.
    expect(record.notes.find((note) => note.text === noteText.sian)).toMatchObject({
      amendments: [{ text: `${noteText.sian}, and about sleep`, amendmentReason: 'Left out the sleep' }]
    })
    expect(record.notes.map((note) => note.text)).toContain('Handover: Sam knows the team')
    expect(record.screenings.map((s) => [s['sittingDate'], s['version']])).toEqual([
      ['2026-11-25', 1],
      ['2026-11-26', 1],
      ['2026-11-26', 2]
    ])
    expect(record.screenings[1]?.results[0]).toMatchObject({
      instrumentId: 'phq9',
      scoringVersion: 'phq9@1',
      total: 23,
      answers: expect.arrayContaining([
        {
          item: 9,
          question: 'Thoughts that you would be better off dead or of hurting yourself in some way',
          answer: 1,
          answerLabel: 'Several days'
        }
      ])
    })
    expect(record.screenings[2]).toMatchObject({ correctionReason: 'Item 7 was wrong', supersedesId: record.screenings[1]?.id })
    expect(record.exposures[0]?.incident).toEqual({
      id: team.incident.id,
      reference: 'CAD 1234',
      occurredOn: '2026-11-24',
      category: 'Sudden death'
    })
    expect(record.referrals[0]?.steps.map((s) => s['status'])).toEqual(['drafted', 'sent'])
    expect(record.cases[0]).toMatchObject({ assignedClinicianId: team.samId, pathway: expect.any(Object), flags: [] })
    // The audit trail about her records: who did what, on her and each record.
    expect(record.auditTrail.included).toBe(true)
    const auditIds = new Set(record.auditTrail.entries.map((entry) => entry.entityId))
    // Every entry naming her or any record of hers, of whatever kind, and no other (but the export's own, written after it).
    const everyId = [...new Set(Object.entries(inStore).flatMap(([table, ids]) => (table === 'person_access' ? [] : ids)))]
    const naming = await team.rows<{ seq: number | string }>(
      `SELECT seq FROM audit_log WHERE entity_id IN (${everyId.map(() => '?').join(', ')}) AND action <> 'export.person-record' ORDER BY seq`,
      ...everyId
    )
    expect(record.auditTrail.entries.map((entry) => entry.seq)).toEqual(naming.map((row) => Number(row.seq)))
    const written = record.notes.find((note) => note.text === noteText.sian)
    for (const id of [team.sian.id, record.cases[0]?.id, written?.id, record.referrals[0]?.id])
      expect([id, auditIds.has(id ?? '')]).toEqual([id, true])
    expect(record.staff.map((member) => member.displayName)).toEqual(expect.arrayContaining(['Alex Morgan', 'Sam Okafor', 'Tara Hughes']))

    // Nothing of Owen, Ade or Rhys: no id of theirs or of any record of theirs, no name, no staff number.
    for (const other of [team.owen, team.ade, rhys]) {
      // (person_access names users, who are staff, not records of theirs.)
      const theirs = Object.entries(await idsInStore(team, other.id)).flatMap(([table, ids]) => (table === 'person_access' ? [] : ids))
      expect(theirs.length).toBeGreaterThan(0)
      for (const text of [json, pdf.text]) {
        for (const id of theirs) expect(text).not.toContain(id)
        expect(text).not.toContain(other.staffNumber)
        expect(text).not.toContain(other.givenName)
        expect(text).not.toContain(other.familyName)
      }
    }
    expect(json).not.toContain(noteText.owen)
    expect(pdf.text).not.toContain('Owen')
    // The unsaved draft is not part of the record.
    expect(json).not.toContain('An unsaved thought')
  })

  it('writes a readable A4 PDF: sections, UK dates, question wording, and whose record on every page', async () => {
    const { team } = await everyKindOfRecord(stores, engine)
    const { pdf } = await exportOf(team, team.sian.id)
    expect(pdf.title).toBe('Person record: Siân Evans')
    expect(pdf.sizes.every((size) => size.width === 595 && size.height === 842)).toBe(true)
    expect(pdf.pages.length).toBeGreaterThan(1)
    pdf.pages.forEach((page, index) => {
      expect(page).toContain('Siân Evans · Staff number PC4321')
      expect(page).toContain(`Page ${index + 1} of ${pdf.pages.length}`)
    })
    expect(pdf.pages[0]).toContain('Exported by Alex Morgan on 26 Nov 2026 at 09:00 for a subject access request.')
    const squashed = pdf.text.replace(/\s+/g, ' ')
    for (const heading of [
      'Person',
      'Cases',
      'Notes',
      'Tasks',
      'Screenings',
      'Safety alerts',
      'Screening follow-ups',
      'Trauma exposure',
      'TRiM offers',
      'TRiM assessments',
      'TRiM prompts taken on',
      'Referrals',
      'Consent',
      'Management advice',
      'Signposting',
      'Bereavement counselling',
      'Audit trail'
    ])
      expect(squashed).toContain(heading)
    expect(squashed).toContain(noteText.sian)
    expect(squashed).toContain('Little interest or pleasure in doing things')
    expect(squashed).toContain('Date of birth 12 Apr 1985')
    // Coded values in words, as the window shows them.
    expect(squashed).toContain('Employment type Police officer')
    expect(squashed).toContain('Reason Post-incident')
    expect(squashed).not.toContain('police-officer')
    expect(squashed).toContain('Incident CAD 1234 on 24 Nov 2026: Sudden death')
    expect(squashed).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/)
  })

  it('audits the export with counts only, and refuses a restricted person, a wrong passphrase or a missing reason with nothing written', async () => {
    const { team, rhys } = await everyKindOfRecord(stores, engine)
    const { destination, result } = await exportOf(team, team.sian.id)
    const exported = (await team.audit()).filter((entry: AuditRow) => entry.action === 'export.person-record')
    expect(exported).toHaveLength(1)
    expect(exported[0]).toMatchObject({ actor_id: team.adminId, entity_type: 'person', entity_id: team.sian.id })
    expect(exported[0]?.detail).toMatch(
      new RegExp(
        `^reason; records ${result.records}; cases 1, notes 4, tasks \\d+, screenings 3, alerts 1, screeningFollowUps 2, exposures 1, trimOffers 1, trimAssessments 1, trimPromptClaims 1, referrals 1, referralSteps 2, consents 2, managementAdvice 1, signposting 1, bereavementCounselling 1, auditEntries \\d+$`
      )
    )
    for (const entry of await team.audit()) {
      for (const word of ['solicitor', 'Tuesday', destination, 'Siân', 'PC4321']) expect(entry.detail ?? '').not.toContain(word)
    }

    const refusal = async (input: Record<string, unknown>) => {
      const destination = join(tempFolder(), 'refused.zip')
      const answer = await team.raw('person-record-export:save', {
        personId: team.sian.id,
        reason,
        passphrase: admin.passphrase,
        destination,
        ...input
      })
      expect(existsSync(destination)).toBe(false)
      return answer
    }
    expect(await refusal({ passphrase: 'not the right one at all' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['passphrase'] }
    })
    expect(await refusal({ reason: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['reason'] } })
    // A request reference is kept in the audit, so it may not be a name or a sentence.
    for (const requestReference of ['Siân Marsh', 'SAR for the solicitor 2026', 'x'.repeat(29) + '12'])
      expect(await refusal({ requestReference })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', fields: ['requestReference'] }
      })
    expect(await refusal({ destination: 'relative.zip' })).toMatchObject({ ok: false, error: { fields: ['destination'] } })
    expect(await refusal({ destination: join(tempFolder(), 'no-such-folder', 'x.zip') })).toMatchObject({
      ok: false,
      error: { fields: ['destination'] }
    })
    const before = readFileSync(destination)
    expect(
      await team.raw('person-record-export:save', { personId: team.sian.id, reason, passphrase: admin.passphrase, destination })
    ).toMatchObject({
      ok: false,
      error: { fields: ['destination'] }
    })
    expect(readFileSync(destination)).toEqual(before)

    // Sam may not see Rhys: refused, and the refusal audited; Tara (TRiM) may not export at all.
    await team.signInAsSam()
    const refused = await team.raw('person-record-export:save', {
      personId: rhys.id,
      reason,
      passphrase: 'quay lights over grey water',
      destination: join(tempFolder(), 'rhys.zip')
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(existsSync(join(tempFolder(), 'rhys.zip'))).toBe(false)
    await team.signInAsAdmin()
    const entries = await team.audit()
    expect(entries.filter((entry) => entry.action === 'person.view-refused')).toEqual([
      expect.objectContaining({ actor_id: team.samId, entity_id: rhys.id })
    ])
    expect(entries.filter((entry) => entry.action === 'export.person-record')).toHaveLength(1)
    await team.signInAsTara()
    expect(
      await team.raw('person-record-export:save', {
        personId: team.sian.id,
        reason,
        passphrase: 'copper kestrel over tidal flats',
        destination: join(tempFolder(), 'tara.zip')
      })
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('keeps the request’s reference, and only it of what the exporter typed, in the audit entry', async () => {
    const team = await trimTeamOn(stores, engine)
    const rhys = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC7001', givenName: 'Rhys', familyName: 'Pritchard' })
    )
    const { result } = await exportOf(team, rhys.id, { requestReference: '  SAR 2026/114 ' })
    const exported = (await team.audit()).filter((entry: AuditRow) => entry.action === 'export.person-record')
    expect(exported).toHaveLength(1)
    expect(exported[0]?.detail).toMatch(new RegExp(`^reason; request SAR 2026/114; records ${result.records}; cases 0, `))
    expect(exported[0]?.detail).not.toContain('solicitor')
  })

  it('exports a restricted record for a clinician it names, with whom it is restricted to', async () => {
    const team = await trimTeamOn(stores, engine)
    const rhys = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC7000', givenName: 'Rhys', familyName: 'Pritchard', restricted: true, namedClinicianIds: [team.samId] })
    )
    const { record, pdf } = await exportOf(team, rhys.id)
    expect(record.person).toMatchObject({ restricted: true })
    expect(record.person.namedClinicians.map((clinician) => clinician.displayName).sort()).toEqual(['Alex Morgan', 'Sam Okafor'])
    expect(pdf.text.replace(/\s+/g, ' ')).toMatch(/Restricted to (Alex Morgan, Sam Okafor|Sam Okafor, Alex Morgan)/)
    expect(pdf.pages[0]).toContain('Rhys Pritchard · Staff number PC7000')
  })

  it('on a team server leaves the audit trail out for a clinician who is not an administrator, and says so', async () => {
    const { team } = await everyKindOfRecord(stores, engine)
    await team.signInAsSam()
    const destination = join(tempFolder(), 'sam.zip')
    const result = await team.call<PersonRecordExportSaved>('person-record-export:save', {
      personId: team.sian.id,
      reason,
      passphrase: 'quay lights over grey water',
      destination
    })
    const entries = await readEncryptedZipBytes(new Uint8Array(readFileSync(destination)), result.password)
    const record = JSON.parse(new TextDecoder().decode(entries[0]?.bytes)) as PersonRecord
    expect(record.notes.map((note) => note.text)).toContain(noteText.sian)
    expect(record.person.id).toBe(team.sian.id)
    if (engine === 'postgres') {
      expect(record.auditTrail).toMatchObject({ included: false, entries: [] })
      expect(record.auditTrail.note).toMatch(/only administrators can read the audit trail/)
    } else expect(record.auditTrail.included).toBe(true)
  })
})
