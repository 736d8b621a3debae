import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEncryptedZip, zipPasswordPattern } from '../../electron/core/documents/encrypted-zip'
import { fhirSchemaProblem } from '../../electron/core/documents/fhir-schema'
import { fhirExportBundle, saveFhirExport } from '../../electron/core/services/fhir-export'
import { fhirBundle, type FhirBundle } from '../../shared/fhir/bundle'
import { callAs, repositoryRoot } from '../fixtures/core-context'
import { gad7, phq9, referralTeam } from '../fixtures/referrals'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/**
 * Siân and Owen, open records, each with a screening and a sent referral (with its consent), and
 * Rhys, restricted to the administrator who created him, with a screening of his own.
 */
async function exportTeam() {
  const team = await referralTeam(tempFolder())
  const sian = await team.person('PC4321', 'Siân', 'Evans')
  const owen = await team.person('PC5555', 'Owen', 'Price')
  const rhys = await team.person('PC7000', 'Rhys', 'Hughes', true)
  const screen = (personId: string, results: unknown[]) =>
    team.call<{ id: string }>('screening:save', { personId, sittingDate: '2026-11-20', mode: 'clinician-entered', results })
  await screen(sian.id, [phq9(12), gad7(8)])
  await screen(owen.id, [phq9(3)])
  await screen(rhys.id, [gad7(5)])
  await team.sent(sian.id, '2026-11-26')
  await team.sent(owen.id, '2026-11-26', null, 'gp')
  return { team, sian, owen, rhys }
}

type Resource = Record<string, unknown> & { resourceType: string; id: string }
const resources = (bundle: FhirBundle) => bundle.entry.map((entry) => entry.resource as Resource)
const ofType = (bundle: FhirBundle, type: string) => resources(bundle).filter((resource) => resource.resourceType === type)
const staffNumbers = (bundle: FhirBundle) =>
  ofType(bundle, 'Patient').map((patient) => (patient['identifier'] as { value: string }[])[0]?.value)

/** The Patient each resource is about, by the reference it carries. */
function aboutWhom(resource: Resource): string | undefined {
  const reference = (resource['subject'] ?? resource['patient']) as { reference: string } | undefined
  return reference?.reference
}

describe('the FHIR export', () => {
  it('holds exactly one person’s records, valid by the FHIR R4 schema, with the confirmed codes', async () => {
    const { team, sian, owen, rhys } = await exportTeam()
    const call = callAs(team.host)
    const { bundle, people } = await fhirExportBundle(call, { staffNumber: 'PC4321' })

    expect(people).toBe(1)
    expect(fhirSchemaProblem(call.core.appRoot, bundle)).toBeNull()
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-11-26T09:00:00.000Z' })
    expect(resources(bundle).map((resource) => resource.resourceType)).toEqual([
      'Patient',
      'QuestionnaireResponse',
      'Observation',
      'Observation',
      'Consent',
      'ServiceRequest'
    ])
    const patientUrl = `urn:uuid:${sian.id}`
    expect(bundle.entry[0]?.fullUrl).toBe(patientUrl)
    for (const resource of resources(bundle).slice(1)) expect(aboutWhom(resource)).toBe(patientUrl)

    // Nothing of anyone else: not their ids, staff numbers or names.
    const text = JSON.stringify(bundle)
    for (const other of [owen, rhys]) {
      expect(text).not.toContain(other.id)
      expect(text).not.toContain(other.staffNumber)
      expect(text).not.toContain(other.givenName)
    }

    // Each questionnaire of the sitting in the order of its code (gad7, phq9).
    const [gad, phq] = ofType(bundle, 'Observation')
    expect(phq).toMatchObject({ valueInteger: 12, interpretation: [{ text: 'moderate' }], code: { text: 'PHQ-9 total score' } })
    expect(gad).toMatchObject({
      valueInteger: 8,
      interpretation: [{ text: 'mild' }],
      code: {
        coding: [
          { system: 'http://snomed.info/sct', code: '445455005' },
          { system: 'http://loinc.org', code: '70274-6' }
        ]
      }
    })
    const [response] = ofType(bundle, 'QuestionnaireResponse')
    for (const observation of [phq, gad]) expect(observation?.['derivedFrom']).toEqual([{ reference: `urn:uuid:${response?.id}` }])
    const [consent] = ofType(bundle, 'Consent')
    expect(ofType(bundle, 'ServiceRequest')[0]).toMatchObject({
      status: 'active',
      performer: [{ display: 'NHS Talking Therapies' }],
      reasonCode: [{ text: 'Low mood after a fatal collision' }],
      supportingInfo: [{ reference: `urn:uuid:${consent?.id}` }]
    })
  })

  it('is checked for real: the schema refuses a bundle with a wrong code, a wrong type or an unknown field', async () => {
    const { team } = await exportTeam()
    const call = callAs(team.host)
    const { bundle } = await fhirExportBundle(call, { staffNumber: 'PC4321' })
    /** The bundle with one field of one entry (0 the Patient, 2 an Observation) set to `value`. */
    const spoilt = (index: number, field: string, value: unknown) => {
      const copy = structuredClone(bundle)
      const resource = resources(copy)[index]
      if (resource) resource[field] = value
      return fhirSchemaProblem(call.core.appRoot, copy)
    }
    expect(spoilt(2, 'status', 'final')).toBeNull()
    expect(spoilt(2, 'status', 'done')).not.toBeNull()
    expect(spoilt(2, 'valueInteger', '12')).not.toBeNull()
    expect(spoilt(0, 'staffNumber', 'PC4321')).not.toBeNull()
    expect(fhirSchemaProblem(call.core.appRoot, { ...bundle, type: 'bag' })).not.toBeNull()
  })

  it('keeps restricted people to the clinicians they name, and refuses other roles', async () => {
    const { team, rhys } = await exportTeam()

    const everyoneForAlex = await fhirExportBundle(callAs(team.host), { all: true })
    expect(staffNumbers(everyoneForAlex.bundle)).toEqual(['PC4321', 'PC5555', 'PC7000'])
    expect(fhirSchemaProblem(team.host.core.appRoot, everyoneForAlex.bundle)).toBeNull()

    await team.signInAsSam()
    const sam = callAs(team.host)
    const everyoneForSam = await fhirExportBundle(sam, { all: true })
    expect(everyoneForSam.people).toBe(2)
    expect(staffNumbers(everyoneForSam.bundle)).toEqual(['PC4321', 'PC5555'])
    expect(JSON.stringify(everyoneForSam.bundle)).not.toContain(rhys.id)
    // Each person's records go with them: Sam's bundle has both screenings and both referrals, and no third.
    expect(ofType(everyoneForSam.bundle, 'QuestionnaireResponse')).toHaveLength(2)
    expect(ofType(everyoneForSam.bundle, 'ServiceRequest')).toHaveLength(2)

    await expect(fhirExportBundle(sam, { staffNumber: 'PC7000' })).rejects.toMatchObject({ code: 'forbidden' })
    expect(team.host.vault.sqlite.prepare(`SELECT actor_id, entity_id FROM audit_log WHERE action = 'person.view-refused'`).all()).toEqual([
      { actor_id: team.samId, entity_id: rhys.id }
    ])
    await expect(fhirExportBundle(sam, { staffNumber: 'PC9999' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no person with staff number PC9999.'
    })

    await team.signInAsAdmin()
    await team.addUser({
      username: 'rita.reports',
      displayName: 'Rita Reports',
      roles: ['reporting'],
      passphrase: 'quarterly figures beside the old sea wall'
    })
    await team.signIn({ username: 'rita.reports', passphrase: 'quarterly figures beside the old sea wall' })
    await expect(fhirExportBundle(callAs(team.host), { all: true })).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('writes bundle.json in an AES-256 zip that opens with the password given once, audited without the reason', async () => {
    const { team, sian } = await exportTeam()
    const call = callAs(team.host)
    const file = join(tempFolder(), 'sian.zip')
    const reason = 'Subject access request from Siân, ticket 4471'
    const result = await saveFhirExport(call, { selection: { staffNumber: 'PC4321' }, reason }, file)

    expect(result).toMatchObject({ people: 1, resources: 6 })
    expect(result.password).toMatch(zipPasswordPattern)
    const bytes = new Uint8Array(readFileSync(file))
    const [entry, ...more] = await readEncryptedZip(bytes, result.password)
    expect(more).toEqual([])
    expect(entry).toMatchObject({ name: 'bundle.json', encrypted: true })
    const bundle = JSON.parse(entry?.text ?? '') as FhirBundle
    expect(staffNumbers(bundle)).toEqual(['PC4321'])
    expect(fhirSchemaProblem(call.core.appRoot, bundle)).toBeNull()
    await expect(readEncryptedZip(bytes, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF')).rejects.toThrow()

    const audit = team.host.vault.sqlite
      .prepare(`SELECT actor_id, entity_type, entity_id, detail FROM audit_log WHERE action = 'export.fhir'`)
      .all()
    expect(audit).toEqual([
      {
        actor_id: call.user.id,
        entity_type: 'person',
        entity_id: sian.id,
        detail: 'reason; people 1; resources 6; Consent 1, Observation 2, Patient 1, QuestionnaireResponse 1, ServiceRequest 1'
      }
    ])
    const everything = JSON.stringify(team.host.vault.sqlite.prepare('SELECT * FROM audit_log').all())
    for (const word of ['4471', 'Subject access', 'Siân', 'PC4321', 'moderate']) expect(everything).not.toContain(word)

    await expect(saveFhirExport(call, { selection: { all: true }, reason: '  ' }, join(tempFolder(), 'x.zip'))).rejects.toMatchObject({
      code: 'invalid-input'
    })
  })

  it('stays valid for the sparest records: no birth date or title, a draft referral, a consent to another recipient, scores made elsewhere', () => {
    const bundle = fhirBundle(
      [
        {
          person: {
            id: '11111111-1111-4111-8111-111111111111',
            staffNumber: 'S1',
            title: null,
            givenName: 'A',
            familyName: 'B',
            dateOfBirth: null
          },
          screenings: [
            {
              id: '22222222-2222-4222-8222-222222222222',
              sittingDate: '2026-11-20',
              complete: false,
              version: 1,
              results: [
                {
                  instrumentId: 'k10',
                  answers: null,
                  total: 31,
                  band: null,
                  complete: true,
                  externallyScored: true,
                  notAttempted: false,
                  scoringVersion: 'k10-external@1'
                },
                {
                  instrumentId: 'pcl5',
                  answers: null,
                  total: null,
                  band: null,
                  complete: false,
                  externallyScored: false,
                  notAttempted: true,
                  scoringVersion: 'pcl5@1'
                }
              ]
            }
          ],
          referrals: [
            {
              id: '33333333-3333-4333-8333-333333333333',
              destinationName: 'GP',
              reason: 'Sleep',
              urgency: 'routine',
              status: 'drafted',
              referredOn: null,
              createdAt: '2026-11-26T09:00:00.000Z',
              consentId: null
            }
          ],
          consents: [
            {
              id: '44444444-4444-4444-8444-444444444444',
              purpose: 'other',
              recipient: null,
              scope: 'Dates of absence only',
              givenOn: '2026-11-01',
              withdrawnOn: null
            }
          ]
        }
      ],
      {
        id: '99999999-9999-4999-8999-999999999999',
        timestamp: '2026-11-26T09:00:00.000Z',
        newId: () => '55555555-5555-4555-8555-555555555555'
      }
    )
    expect(bundle.entry.map((entry) => entry.resource.resourceType)).toEqual([
      'Patient',
      'QuestionnaireResponse',
      'Observation',
      'Consent',
      'ServiceRequest'
    ])
    expect(bundle.entry[2]?.resource).toMatchObject({ valueInteger: 31, code: { coding: [{ code: '720211004' }] } })
    expect(fhirSchemaProblem(repositoryRoot, bundle)).toBeNull()
  })
})
