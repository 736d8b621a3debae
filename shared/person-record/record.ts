/**
 * The person record export (subject access request): everything Harbour holds about one person,
 * as one JSON document (docs/exports.md, "Person record"). This is its shape, version 1. Each
 * record keeps every stored column, renamed to camelCase, with JSON columns parsed and 0/1
 * columns as true/false; staff are named by id, and `staff` gives each one's name.
 */

export const personRecordFormat = 'harbour-person-record'
export const personRecordVersion = 1

/** One stored row, its columns in camelCase. */
/** Columns, in any record row, that name a member of staff by id (the export names them in `staff`). */
export const staffIdColumns: ReadonlySet<string> = new Set([
  'assignedClinicianId',
  'openedBy',
  'updatedBy',
  'authorId',
  'assigneeId',
  'completedBy',
  'createdBy',
  'enteredBy',
  'acknowledgedBy',
  'actionTakenBy',
  'decidedBy',
  'recordedBy',
  'practitionerId',
  'promptAssigneeId',
  'assessedBy',
  'clinicianId',
  'consentRecordedBy',
  'withdrawnBy',
  'releasedBy'
])

export type RecordRow = Record<string, unknown> & { id: string }

export interface PersonRecordItemAnswer {
  /** 1-based, in the questionnaire's published order. */
  item: number
  /** The question's wording where its licence lets Harbour show it, otherwise a short label; null if unknown. */
  question: string | null
  answer: number | null
  /** The answer's wording on the form, where known. */
  answerLabel: string | null
}

export interface PersonRecordResult {
  instrumentId: string
  instrumentTitle: string
  /** The scoring rules' version the stored score was computed with. */
  scoringVersion: string
  /** The version of the questionnaire's definition this Harbour holds, when its scoring version matches the stored one. */
  instrumentVersion: string | null
  total: number | null
  band: string | null
  subscales: Record<string, number | null>
  flags: unknown[]
  complete: boolean
  externallyScored: boolean
  notAttempted: boolean
  criticalNotAnswered: unknown[]
  answers: PersonRecordItemAnswer[]
}

export interface PersonRecord {
  format: typeof personRecordFormat
  version: typeof personRecordVersion
  /** UTC ISO-8601. */
  exportedAt: string
  exportedBy: { id: string; displayName: string }
  purpose: 'subject access request'
  person: Record<string, unknown> & {
    id: string
    staffNumber: string
    givenName: string
    familyName: string
    roleName: string | null
    /** For a restricted record: the clinicians it names. */
    namedClinicians: { id: string; displayName: string }[]
  }
  /** Cases, each with its pathway fields and flags. Handovers are the case's handover notes and the audit trail's reassignments. */
  cases: RecordRow[]
  /** Notes as first written, each with its amendments (which keep the original). */
  notes: (RecordRow & { text: string; contactDate: string; amendments: (RecordRow & { text: string })[] })[]
  tasks: RecordRow[]
  /** Every version of every sitting: a correction is a new version that points at the one it supersedes. */
  screenings: (RecordRow & { results: PersonRecordResult[] })[]
  alerts: RecordRow[]
  screeningFollowUps: RecordRow[]
  /** Incidents they were exposed to: the incident's reference, date and category only, never who else was there. */
  exposures: (RecordRow & { incident: { id: string; reference: string; occurredOn: string; category: string | null } })[]
  trimOffers: (RecordRow & { incident: { id: string; reference: string; occurredOn: string } | null })[]
  trimAssessments: (RecordRow & { factorsPresentNames: string[]; factorsConsideredNames: string[] })[]
  trimPromptClaims: (Record<string, unknown> & { assessmentId: string })[]
  referrals: (RecordRow & { destinationName: string | null; steps: RecordRow[] })[]
  consents: (RecordRow & { destinationName: string | null })[]
  managementAdvice: RecordRow[]
  signposting: (RecordRow & { resourceName: string | null })[]
  bereavementCounselling: RecordRow[]
  /**
   * The audit entries about the person and their records: when, who, what (never clinical
   * content). On a team server only administrators may read the audit trail; for anyone else it
   * is left out and `note` says so.
   */
  auditTrail: { included: boolean; note: string | null; entries: PersonRecordAuditEntry[] }
  /** Everyone named by id above, with the name they had in Harbour at the export. */
  staff: { id: string; displayName: string }[]
}

export interface PersonRecordAuditEntry {
  seq: number
  at: string
  actorId: string | null
  action: string
  entityType: string | null
  entityId: string | null
  detail: string | null
}
