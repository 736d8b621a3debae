import { consentPurposeLabels, type ConsentPurpose } from '../consent/purposes'
import { instrumentName, instruments } from '../instruments'
import { referralStatusLabels, type ReferralStatus } from '../referrals/status'
import { totalScoreCodings } from './codes'

/**
 * A FHIR R4 `Bundle` (type `collection`) from what Harbour holds about people: pure, so the
 * same records always make the same bundle. The core reads the records (need-to-know applied
 * there) and checks the result against HL7's R4 JSON schema before writing it anywhere.
 *
 * Per person: a `Patient` (staff number as identifier, name, birth date); per screening sitting a
 * `QuestionnaireResponse` with each questionnaire's item answers; per score an `Observation`
 * (category `survey`, `valueInteger` total, `derivedFrom` the response, band as interpretation);
 * per referral a `ServiceRequest`; per consent record a `Consent`. Codes only where
 * `codes.ts` holds a confirmed one; otherwise text.
 */

export interface FhirPerson {
  id: string
  staffNumber: string
  title: string | null
  givenName: string
  familyName: string
  dateOfBirth: string | null
}

export interface FhirScreeningResult {
  instrumentId: string
  answers: readonly (number | null)[] | null
  total: number | null
  band: string | null
  complete: boolean
  externallyScored: boolean
  notAttempted: boolean
  scoringVersion: string
}

export interface FhirScreening {
  id: string
  sittingDate: string
  complete: boolean
  /** 1 for the first record of the sitting; more when it was corrected (the current version is exported). */
  version: number
  results: readonly FhirScreeningResult[]
}

export interface FhirReferral {
  id: string
  destinationName: string
  reason: string
  urgency: 'routine' | 'urgent'
  status: ReferralStatus
  referredOn: string | null
  createdAt: string
  consentId: string | null
}

export interface FhirConsent {
  id: string
  purpose: ConsentPurpose
  /** The destination's name for a referral's consent, else the recipient named. */
  recipient: string | null
  scope: string
  givenOn: string
  withdrawnOn: string | null
}

export interface FhirPersonRecord {
  person: FhirPerson
  screenings: readonly FhirScreening[]
  referrals: readonly FhirReferral[]
  consents: readonly FhirConsent[]
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined }
export type FhirResource = { resourceType: string; id: string } & { [key: string]: Json | undefined }

export interface FhirBundle {
  resourceType: 'Bundle'
  id: string
  type: 'collection'
  timestamp: string
  entry: { fullUrl: string; resource: FhirResource }[]
}

export interface BundleOptions {
  /** The bundle's own id (a UUID). */
  id: string
  /** When it was made: an instant, ISO 8601. */
  timestamp: string
  /** A fresh UUID for each resource that has no Harbour id of its own (the scores). */
  newId: () => string
}

const observationCategory = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }]
}

const consentScope = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }]
}

const requestStatus: Record<ReferralStatus, string> = {
  drafted: 'draft',
  sent: 'active',
  acknowledged: 'active',
  assessed: 'active',
  'treatment-started': 'active',
  completed: 'completed',
  declined: 'revoked',
  'did-not-attend': 'revoked',
  withdrawn: 'revoked'
}

const urn = (id: string) => `urn:uuid:${id}`

function itemText(instrumentId: string, number: number): string | undefined {
  const definition = Object.prototype.hasOwnProperty.call(instruments, instrumentId) ? instruments[instrumentId] : undefined
  return definition?.items.find((item) => item.number === number)?.text
}

function patient(person: FhirPerson): FhirResource {
  return {
    resourceType: 'Patient',
    id: person.id,
    identifier: [{ use: 'official', type: { text: 'Staff number' }, value: person.staffNumber }],
    name: [
      {
        use: 'official',
        text: [person.title, person.givenName, person.familyName].filter(Boolean).join(' '),
        family: person.familyName,
        given: [person.givenName],
        ...(person.title ? { prefix: [person.title] } : {})
      }
    ],
    ...(person.dateOfBirth ? { birthDate: person.dateOfBirth } : {})
  }
}

function questionnaireResponse(screening: FhirScreening, subject: { reference: string }): FhirResource {
  return {
    resourceType: 'QuestionnaireResponse',
    id: screening.id,
    status: screening.version > 1 ? 'amended' : screening.complete ? 'completed' : 'in-progress',
    subject,
    authored: screening.sittingDate,
    item: screening.results.map((result) => {
      const name = instrumentName(result.instrumentId)
      const answered = (result.answers ?? []).map((answer, index) => {
        const text = itemText(result.instrumentId, index + 1)
        return {
          linkId: `${result.instrumentId}.${index + 1}`,
          ...(text ? { text } : {}),
          ...(answer === null ? {} : { answer: [{ valueInteger: answer }] })
        }
      })
      const note = result.notAttempted ? ' (not attempted)' : result.externallyScored ? ' (scored elsewhere; no item answers held)' : ''
      return { linkId: result.instrumentId, text: `${name}${note}`, ...(answered.length > 0 ? { item: answered } : {}) }
    })
  }
}

function observation(
  id: string,
  screening: FhirScreening,
  result: FhirScreeningResult & { total: number },
  subject: { reference: string },
  response: string
): FhirResource {
  const codings = totalScoreCodings(result.instrumentId)
  return {
    resourceType: 'Observation',
    id,
    status: screening.version > 1 ? 'amended' : 'final',
    category: [observationCategory],
    code: {
      ...(codings.length > 0 ? { coding: codings.map((coding) => ({ ...coding })) } : {}),
      text: `${instrumentName(result.instrumentId)} total score`
    },
    subject,
    effectiveDateTime: screening.sittingDate,
    valueInteger: result.total,
    ...(result.band ? { interpretation: [{ text: result.band }] } : {}),
    method: {
      text: result.externallyScored ? `Scored elsewhere (${result.scoringVersion})` : `Scored by Harbour (${result.scoringVersion})`
    },
    derivedFrom: [{ reference: response }]
  }
}

function serviceRequest(referral: FhirReferral, subject: { reference: string }, consentUrls: ReadonlyMap<string, string>): FhirResource {
  const consent = referral.consentId === null ? undefined : consentUrls.get(referral.consentId)
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    status: requestStatus[referral.status],
    intent: 'order',
    priority: referral.urgency,
    code: { text: `Referral to ${referral.destinationName}` },
    subject,
    authoredOn: referral.referredOn ?? referral.createdAt,
    performer: [{ display: referral.destinationName }],
    reasonCode: [{ text: referral.reason }],
    ...(consent ? { supportingInfo: [{ reference: consent }] } : {}),
    note: [{ text: `Status in Harbour: ${referralStatusLabels[referral.status]}` }]
  }
}

function consentResource(consent: FhirConsent, subject: { reference: string }): FhirResource {
  return {
    resourceType: 'Consent',
    id: consent.id,
    status: consent.withdrawnOn === null ? 'active' : 'inactive',
    scope: consentScope,
    category: [{ text: consentPurposeLabels[consent.purpose] }],
    patient: subject,
    dateTime: consent.givenOn,
    provision: {
      type: 'permit',
      period: { start: consent.givenOn, ...(consent.withdrawnOn ? { end: consent.withdrawnOn } : {}) },
      ...(consent.recipient ? { actor: [{ role: { text: 'Recipient' }, reference: { display: consent.recipient } }] } : {}),
      code: [{ text: consent.scope }]
    }
  }
}

/** The bundle for these people, in the order given: each person's Patient, then their records. */
export function fhirBundle(records: readonly FhirPersonRecord[], options: BundleOptions): FhirBundle {
  const entry: FhirBundle['entry'] = []
  const add = (resource: FhirResource, fullUrl = urn(resource.id)) => {
    entry.push({ fullUrl, resource })
    return fullUrl
  }
  for (const record of records) {
    const subject = { reference: add(patient(record.person)) }
    for (const screening of record.screenings) {
      const response = add(questionnaireResponse(screening, subject))
      for (const result of screening.results) {
        if (result.total === null) continue
        add(observation(options.newId(), screening, { ...result, total: result.total }, subject, response))
      }
    }
    const consentUrls = new Map<string, string>()
    for (const consent of record.consents) consentUrls.set(consent.id, add(consentResource(consent, subject)))
    for (const referral of record.referrals) add(serviceRequest(referral, subject, consentUrls))
  }
  return { resourceType: 'Bundle', id: options.id, type: 'collection', timestamp: options.timestamp, entry }
}

/** How many of each kind of resource a bundle holds: for messages and the audit. */
export function bundleCounts(bundle: FhirBundle): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { resource } of bundle.entry) counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1
  return counts
}
