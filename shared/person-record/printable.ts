import { formatCalendarDate } from '../calendar-date'
import { consentPurposeLabels } from '../consent/purposes'
import { caseFlagNames, caseReasonNames, caseStatusNames, priorityNames } from '../contract/cases'
import { noteTypeNames } from '../contract/notes'
import { employmentTypeNames } from '../contract/people'
import { followUpDecisionNames } from '../contract/screening'
import { formatDateTime } from '../dates'
import { exposureIntensityLabels, exposurePartLabels } from '../incidents/categories'
import { followUpReasonNames } from '../instruments/follow-up'
import { fitnessLabels, reportStatusLabels } from '../management-advice/fitness'
import { referralStatusLabels } from '../referrals/status'
import { bereavementStatusNames } from '../signposting/bereavement'
import { assessmentKindLabels, assessmentOutcomeLabels } from '../trim/assessment'
import type { PrintableBlock, PrintableDocument } from '../documents/printable'
import { staffIdColumns, type PersonRecord, type PersonRecordResult } from './record'

/**
 * The person record as a readable A4 document: a heading per section, every record's fields in
 * words, dates as `9 Sep 2026`, times in London, staff by name, questionnaire answers with the
 * question's wording where the definition holds it. The person's name and staff number head
 * every page. Ids stay in record.json; the document is for reading.
 */

const footer = 'OFFICIAL-SENSITIVE: PERSONAL. Subject access request: for the person it is about.'

/** Labels where the column's name in words would not do. */
const labels: Record<string, string> = {
  dateOfBirth: 'Date of birth',
  roleName: 'Role',
  nextScreeningDue: 'Next screening due',
  assignedClinicianId: 'Assigned clinician',
  openedBy: 'Opened by',
  updatedBy: 'Last saved by',
  authorId: 'Written by',
  assigneeId: 'Assigned to',
  completedBy: 'Completed by',
  createdBy: 'Created by',
  enteredBy: 'Entered by',
  acknowledgedBy: 'Acknowledged by',
  actionTakenBy: 'Action taken by',
  decidedBy: 'Decided by',
  recordedBy: 'Recorded by',
  practitionerId: 'TRiM practitioner',
  promptAssigneeId: 'Prompt sent to',
  assessedBy: 'Assessed by',
  clinicianId: 'Clinician',
  consentRecordedBy: 'Consent recorded by',
  withdrawnBy: 'Withdrawn by',
  releasedBy: 'Released by',
  rag: 'RAG',
  ragRule: 'RAG rule',
  ragReason: 'RAG reason',
  version: 'Version',
  text: 'Text',
  intensity: 'Intensity',
  part: 'Part in the incident',
  hoursReviewed: 'Hours of material reviewed'
}

/** Coded values in words, by column, for one kind of record. */
type Words = Record<string, Record<string, string>>

const openDone = { open: 'Open', done: 'Done', acknowledged: 'Acknowledged', decided: 'Decided' }
const words: Record<string, Words> = {
  person: { employmentType: employmentTypeNames },
  cases: { reason: caseReasonNames, status: caseStatusNames, priority: priorityNames, flags: caseFlagNames },
  notes: { type: noteTypeNames },
  tasks: { status: openDone, priority: { normal: 'Normal', top: 'Top' } },
  screenings: {
    mode: { 'clinician-entered': 'Entered by a clinician', 'self-completed': 'Completed by the person', imported: 'Imported' },
    rag: { red: 'Red', amber: 'Amber', green: 'Green' }
  },
  alerts: { status: openDone },
  followUps: {
    reason: followUpReasonNames,
    route: { 'case-review': 'Case review', 'team-decision': 'Team decision' },
    status: openDone,
    decision: followUpDecisionNames
  },
  exposures: { part: exposurePartLabels, intensity: exposureIntensityLabels },
  trimAssessments: { kind: assessmentKindLabels, outcome: assessmentOutcomeLabels },
  referrals: { status: referralStatusLabels, urgency: { routine: 'Routine', urgent: 'Urgent' } },
  consents: { purpose: consentPurposeLabels },
  managementAdvice: { fitness: fitnessLabels, status: reportStatusLabels },
  bereavement: { status: bereavementStatusNames }
}

/** Shown elsewhere in the document, or meaningful only as links between records. */
const hiddenKeys = new Set([
  'ruleKey',
  'source',
  'id',
  'amendments',
  'results',
  'steps',
  'incident',
  'namedClinicians',
  'searchKey',
  'factorsPresent',
  'factorsConsidered'
])

const isHidden = (key: string) => hiddenKeys.has(key) || (key.endsWith('Id') && !staffIdColumns.has(key))

function inWords(key: string): string {
  const known = labels[key]
  if (known) return known
  const words = key
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`
}

type StaffName = (id: string) => string | null

function valueInWords(key: string, value: unknown, staffName: StaffName, coded: Words = {}): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    const named = coded[key]?.[value]
    if (named) return named
    if (staffIdColumns.has(key)) return staffName(value) ?? 'A user no longer known'
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatCalendarDate(value)
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value))
    return value
  }
  if (Array.isArray(value)) return value.map((item) => valueInWords(key, item, staffName, coded)).join(', ')
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, inner]) => inner !== null && inner !== undefined && inner !== '')
      .map(([inner, innerValue]) => `${inWords(inner)}: ${valueInWords(inner, innerValue, staffName)}`)
      .join('; ')
  }
  return String(value)
}

function fieldsOf(row: Record<string, unknown>, staffName: StaffName, coded: Words = {}, skip: readonly string[] = []): PrintableBlock {
  return {
    kind: 'fields',
    rows: Object.entries(row)
      .filter(([key]) => !isHidden(key) && !skip.includes(key))
      .map(([key, value]) => ({ label: inWords(key), value: valueInWords(key, value, staffName, coded) }))
  }
}

function section(
  title: string,
  rows: readonly Record<string, unknown>[],
  each: (row: Record<string, unknown>, index: number) => PrintableBlock[]
): PrintableBlock[] {
  return [
    { kind: 'heading', text: title },
    ...(rows.length === 0 ? [{ kind: 'paragraph' as const, text: 'None recorded.' }] : rows.flatMap((row, index) => each(row, index)))
  ]
}

function resultBlocks(result: PersonRecordResult): PrintableBlock[] {
  const score = [
    result.notAttempted ? 'not attempted' : null,
    result.total === null ? null : `total ${result.total}`,
    result.band,
    result.externallyScored ? 'externally scored' : null
  ]
    .filter((part): part is string => part !== null)
    .join(', ')
  const versions = `scoring version ${result.scoringVersion}${result.instrumentVersion ? `, questionnaire version ${result.instrumentVersion}` : ''}`
  return [
    { kind: 'paragraph', text: `${result.instrumentTitle}: ${score || 'no total'} (${versions})` },
    ...(result.answers.length === 0
      ? []
      : [
          {
            kind: 'fields' as const,
            rows: result.answers.map((answer) => ({
              label: `Item ${answer.item}`,
              value: `${answer.question ?? 'Question not held'}: ${
                answer.answer === null ? 'not answered' : `${answer.answer}${answer.answerLabel ? ` (${answer.answerLabel})` : ''}`
              }`
            }))
          }
        ])
  ]
}

export function personRecordDocument(record: PersonRecord, { staffName }: { staffName: StaffName }): PrintableDocument {
  const { person } = record
  const name = `${person.givenName} ${person.familyName}`
  const exportedAt = new Date(record.exportedAt)
  const sub = (text: string): PrintableBlock => ({ kind: 'paragraph', text })
  const audit = record.auditTrail
  const blocks: PrintableBlock[] = [
    sub(`Exported by ${record.exportedBy.displayName} on ${formatDateTime(exportedAt)} for a subject access request.`),
    sub(
      'This is everything Harbour holds about this person, for the person it is about. The same record is in record.json beside this file, with the ids that link one record to another.'
    ),
    { kind: 'heading', text: 'Person' },
    fieldsOf(person, staffName, words['person']),
    ...(person.namedClinicians.length > 0
      ? [
          {
            kind: 'fields' as const,
            rows: [{ label: 'Restricted to', value: person.namedClinicians.map((clinician) => clinician.displayName).join(', ') }]
          }
        ]
      : []),
    ...section('Cases', record.cases, (row) => [
      sub(`Case opened ${valueInWords('openedOn', row['openedOn'], staffName)}`),
      fieldsOf(row, staffName, words['cases'])
    ]),
    ...section('Notes', record.notes, (row) => {
      const amendments = (row['amendments'] as Record<string, unknown>[] | undefined) ?? []
      return [
        sub(`Note of ${valueInWords('contactDate', row['contactDate'], staffName)}`),
        fieldsOf(row, staffName, words['notes'], ['amendsNoteId', 'amendmentReason']),
        ...amendments.flatMap((amendment) => [
          sub(
            `Amendment written ${valueInWords('createdAt', amendment['createdAt'], staffName)} (the note above is kept as first written)`
          ),
          fieldsOf(amendment, staffName, words['notes'])
        ])
      ]
    }),
    ...section('Tasks', record.tasks, (row) => [sub(`Task: ${String(row['title'])}`), fieldsOf(row, staffName, words['tasks'], ['title'])]),
    ...section('Screenings', record.screenings, (row) => [
      sub(`Screening of ${valueInWords('sittingDate', row['sittingDate'], staffName)}, version ${String(row['version'])}`),
      fieldsOf(row, staffName, words['screenings']),
      ...((row['results'] as PersonRecordResult[] | undefined) ?? []).flatMap(resultBlocks)
    ]),
    ...section('Safety alerts', record.alerts, (row) => [
      sub(`Alert raised ${valueInWords('createdAt', row['createdAt'], staffName)}`),
      fieldsOf(row, staffName, words['alerts'])
    ]),
    ...section('Screening follow-ups', record.screeningFollowUps, (row) => [fieldsOf(row, staffName, words['followUps'])]),
    ...section('Trauma exposure', record.exposures, (row) => {
      const incident = row['incident'] as PersonRecord['exposures'][number]['incident']
      return [
        sub(
          `Incident ${incident.reference} on ${formatCalendarDate(incident.occurredOn)}${incident.category ? `: ${incident.category}` : ''}`
        ),
        fieldsOf(row, staffName, words['exposures'])
      ]
    }),
    ...section('TRiM offers', record.trimOffers, (row) => {
      const incident = row['incident'] as PersonRecord['trimOffers'][number]['incident']
      return [
        sub(incident ? `After incident ${incident.reference} on ${formatCalendarDate(incident.occurredOn)}` : 'TRiM offer'),
        fieldsOf(row, staffName)
      ]
    }),
    ...section('TRiM assessments', record.trimAssessments, (row) => [
      fieldsOf(row, staffName, words['trimAssessments'], ['factorsPresentNames', 'factorsConsideredNames']),
      {
        kind: 'fields',
        rows: [
          { label: 'Risk factors present', value: valueInWords('', row['factorsPresentNames'], staffName) || 'None' },
          { label: 'Risk factors asked about', value: valueInWords('', row['factorsConsideredNames'], staffName) }
        ]
      }
    ]),
    ...section('TRiM prompts taken on', record.trimPromptClaims, (row) => [fieldsOf(row, staffName)]),
    ...section('Referrals', record.referrals, (row) => [
      sub(`Referral to ${String(row['destinationName'] ?? 'a destination no longer known')}`),
      fieldsOf(row, staffName, words['referrals'], ['destinationName']),
      {
        kind: 'fields',
        rows: ((row['steps'] as Record<string, unknown>[] | undefined) ?? []).map((step) => ({
          label: `Status ${String(step['stepNumber'])}`,
          value: `${valueInWords('status', step['status'], staffName, words['referrals'])} on ${formatCalendarDate(String(step['happenedOn']))}, recorded by ${valueInWords('recordedBy', step['recordedBy'], staffName)}`
        }))
      }
    ]),
    ...section('Consent', record.consents, (row) => [fieldsOf(row, staffName, words['consents'])]),
    ...section('Management advice', record.managementAdvice, (row) => [fieldsOf(row, staffName, words['managementAdvice'])]),
    ...section('Signposting', record.signposting, (row) => [fieldsOf(row, staffName)]),
    ...section('Bereavement counselling', record.bereavementCounselling, (row) => [fieldsOf(row, staffName, words['bereavement'])]),
    { kind: 'heading', text: 'Audit trail' },
    sub(
      audit.included
        ? 'Who did what with this record and when. The audit trail holds no clinical content.'
        : (audit.note ?? 'The audit trail is not included.')
    ),
    ...(audit.included && audit.entries.length > 0
      ? [
          {
            kind: 'fields' as const,
            rows: audit.entries.map((entry) => ({
              label: formatDateTime(new Date(entry.at)),
              value: `${entry.action}${entry.entityType ? ` (${entry.entityType})` : ''} by ${
                entry.actorId === null ? 'Harbour' : (staffName(entry.actorId) ?? 'a user no longer known')
              }${entry.detail ? `: ${entry.detail}` : ''}`
            }))
          }
        ]
      : [])
  ]
  return {
    title: `Person record: ${name}`,
    header: `${name} · Staff number ${person.staffNumber}`,
    footer,
    blocks
  }
}
