import { describe, expect, it } from 'vitest'
import { bundleCounts, fhirBundle, type FhirPersonRecord } from '../../../shared/fhir/bundle'
import { totalScoreCodes, totalScoreCodings } from '../../../shared/fhir/codes'

const sian: FhirPersonRecord = {
  person: {
    id: '11111111-1111-4111-8111-111111111111',
    staffNumber: 'PC4321',
    title: 'PC',
    givenName: 'Siân',
    familyName: 'Evans',
    dateOfBirth: '1985-04-12'
  },
  screenings: [
    {
      id: '22222222-2222-4222-8222-222222222222',
      sittingDate: '2026-11-20',
      complete: true,
      version: 1,
      results: [
        {
          instrumentId: 'phq9',
          answers: [3, 3, 3, 3, 0, 0, 0, 0, 0],
          total: 12,
          band: 'moderate',
          complete: true,
          externallyScored: false,
          notAttempted: false,
          scoringVersion: 'phq9@1'
        },
        {
          instrumentId: 'pcl5',
          answers: [1, null, 2],
          total: null,
          band: null,
          complete: false,
          externallyScored: false,
          notAttempted: false,
          scoringVersion: 'pcl5@1'
        },
        {
          instrumentId: 'auditc',
          answers: [1, 1, 0],
          total: 2,
          band: null,
          complete: true,
          externallyScored: false,
          notAttempted: false,
          scoringVersion: 'auditc@1'
        }
      ]
    }
  ],
  referrals: [
    {
      id: '33333333-3333-4333-8333-333333333333',
      destinationName: 'NHS Talking Therapies',
      reason: 'Low mood',
      urgency: 'urgent',
      status: 'declined',
      referredOn: '2026-11-21',
      createdAt: '2026-11-20T10:00:00.000Z',
      consentId: '44444444-4444-4444-8444-444444444444'
    }
  ],
  consents: [
    {
      id: '44444444-4444-4444-8444-444444444444',
      purpose: 'referral',
      recipient: 'NHS Talking Therapies',
      scope: 'Scores and the reason',
      givenOn: '2026-11-20',
      withdrawnOn: '2026-11-25'
    }
  ]
}

function makeBundle(records: FhirPersonRecord[] = [sian]) {
  let next = 0
  return fhirBundle(records, {
    id: '99999999-9999-4999-8999-999999999999',
    timestamp: '2026-11-26T09:00:00.000Z',
    newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`
  })
}

const resourcesOf = (bundle: ReturnType<typeof makeBundle>, type: string) =>
  bundle.entry.filter((entry) => entry.resource.resourceType === type).map((entry) => entry.resource as Record<string, unknown>)

describe('the FHIR bundle', () => {
  it('is a collection with the patient first and every entry addressed by its own urn', () => {
    const bundle = makeBundle()
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-11-26T09:00:00.000Z' })
    expect(bundle.entry.map((entry) => entry.resource.resourceType)).toEqual([
      'Patient',
      'QuestionnaireResponse',
      'Observation',
      'Observation',
      'Consent',
      'ServiceRequest'
    ])
    for (const entry of bundle.entry) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource.id}`)
    expect(bundleCounts(bundle)).toEqual({ Patient: 1, QuestionnaireResponse: 1, Observation: 2, Consent: 1, ServiceRequest: 1 })
  })

  it('names the person with the staff number as an identifier, and the birth date', () => {
    const [patient] = resourcesOf(makeBundle(), 'Patient')
    expect(patient).toEqual({
      resourceType: 'Patient',
      id: sian.person.id,
      identifier: [{ use: 'official', type: { text: 'Staff number' }, value: 'PC4321' }],
      name: [{ use: 'official', text: 'PC Siân Evans', family: 'Evans', given: ['Siân'], prefix: ['PC'] }],
      birthDate: '1985-04-12'
    })
  })

  it('carries every item answer, leaving an unanswered item without an answer', () => {
    const [response] = resourcesOf(makeBundle(), 'QuestionnaireResponse')
    const patientUrl = `urn:uuid:${sian.person.id}`
    expect(response).toMatchObject({ status: 'completed', subject: { reference: patientUrl }, authored: '2026-11-20' })
    const items = response?.['item'] as { linkId: string; text: string; item?: { linkId: string; answer?: unknown }[] }[]
    expect(items.map((item) => item.linkId)).toEqual(['phq9', 'pcl5', 'auditc'])
    expect(items[0]?.item?.map((item) => item.answer)).toEqual([3, 3, 3, 3, 0, 0, 0, 0, 0].map((value) => [{ valueInteger: value }]))
    expect(items[0]?.item?.[8]?.linkId).toBe('phq9.9')
    expect(items[1]?.item?.[1]).toEqual(expect.not.objectContaining({ answer: expect.anything() }))
  })

  it('makes one survey Observation per score, derived from the response, with the band as interpretation', () => {
    const bundle = makeBundle()
    const [phq9, auditc] = resourcesOf(bundle, 'Observation')
    expect(phq9).toMatchObject({
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
      code: {
        coding: [
          { system: 'http://snomed.info/sct', code: '720433000' },
          { system: 'http://loinc.org', code: '44261-6' }
        ],
        text: 'PHQ-9 total score'
      },
      valueInteger: 12,
      interpretation: [{ text: 'moderate' }],
      derivedFrom: [{ reference: `urn:uuid:${sian.screenings[0]?.id}` }],
      effectiveDateTime: '2026-11-20'
    })
    // No confirmed code for AUDIT-C's total in the reference: text only, and no band to give.
    expect(auditc?.['code']).toEqual({ text: 'AUDIT-C total score' })
    expect(auditc).not.toHaveProperty('interpretation')
  })

  it('uses only the codes the reference confirms', () => {
    expect(Object.keys(totalScoreCodes).sort()).toEqual(['core10', 'gad7', 'k10', 'phq9', 'swemwbs', 'wemwbs'])
    expect(totalScoreCodings('gad7').map((coding) => coding.code)).toEqual(['445455005', '70274-6'])
    for (const unconfirmed of ['auditc', 'audit', 'pcl5', 'pcptsd5', 'itq', 'iesr', 'toString'])
      expect(totalScoreCodings(unconfirmed)).toEqual([])
  })

  it('makes a referral a ServiceRequest pointing at the consent it was sent on, and a withdrawn consent inactive', () => {
    const bundle = makeBundle()
    const [request] = resourcesOf(bundle, 'ServiceRequest')
    expect(request).toMatchObject({
      status: 'revoked',
      intent: 'order',
      priority: 'urgent',
      authoredOn: '2026-11-21',
      performer: [{ display: 'NHS Talking Therapies' }],
      reasonCode: [{ text: 'Low mood' }],
      supportingInfo: [{ reference: `urn:uuid:${sian.consents[0]?.id}` }],
      note: [{ text: 'Status in Harbour: Declined' }]
    })
    const [consent] = resourcesOf(bundle, 'Consent')
    expect(consent).toMatchObject({
      status: 'inactive',
      patient: { reference: `urn:uuid:${sian.person.id}` },
      dateTime: '2026-11-20',
      provision: { type: 'permit', period: { start: '2026-11-20', end: '2026-11-25' }, code: [{ text: 'Scores and the reason' }] }
    })
  })

  it('marks a corrected sitting as amended', () => {
    const corrected = { ...sian, screenings: sian.screenings.map((screening) => ({ ...screening, version: 2 })) }
    const bundle = makeBundle([corrected])
    expect(resourcesOf(bundle, 'QuestionnaireResponse')[0]?.['status']).toBe('amended')
    expect(resourcesOf(bundle, 'Observation').map((observation) => observation['status'])).toEqual(['amended', 'amended'])
  })
})
