import type { CasesTable, ImportPresetsTable, NotesTable, PeopleTable, PersonAccessTable, RolesTable, TasksTable } from './schema-caseload'
import type { ExposuresTable, IncidentCategoriesTable, IncidentsTable } from './schema-incidents'
import type { ReferralDestinationsTable, ReferralStepsTable, ReferralsTable } from './schema-referrals'
import type { ConsentsTable, ManagementAdviceReportsTable } from './schema-consent'
import type { BereavementCounsellingTable, SignpostingRecordsTable, SupportResourcesTable } from './schema-signposting'
import type { AlertsTable, ScreeningFollowUpsTable, ScreeningResultsTable, ScreeningsTable } from './schema-screening'
import type { TrimAssessmentsTable, TrimOffersTable, TrimPlansTable, TrimPromptClaimsTable, TrimRiskFactorsTable } from './schema-trim'
import type { Generated } from 'kysely'

/** Table types for Kysely. SQLite returns 0/1 for booleans and text for dates, so they say so. */
export interface UsersTable {
  id: string
  username: string
  display_name: string
  /** JSON array of role names. */
  roles: string
  status: 'active' | 'disabled'
  must_change_passphrase: 0 | 1
  created_at: string
  updated_at: string
}

export interface SettingsTable {
  key: string
  value: string
}

export interface AuditLogTable {
  seq: Generated<number>
  at: string
  actor_id: string | null
  action: string
  entity_type: string | null
  entity_id: string | null
  /** Field names or counts only, never values or clinical content. */
  detail: string | null
  prev_hash: string
  hash: string
  /** Who signed: a user id, or 'recovery'. Null before signing began (and for a restore's own entry). */
  signer_id: Generated<string | null>
  /** Ed25519 over `harbour-audit|<hash>`, base64. */
  signature: Generated<string | null>
}

/** Unsaved form work (migration 0070): never part of the record, offered back only to its author. */
export interface DraftsTable {
  user_id: string
  form: string
  /** '' when the form has no subject yet (a new person). */
  subject_id: string
  person_id: string | null
  /** The form's values as JSON. */
  content: string
  saved_at: string
}

/** Unrestricted people per exact department spelling, kept by triggers (migration 0100). */
export interface DepartmentSpellingsTable {
  department: string
  people: number
}

/** The people a purge is removing, only ever inside the purge's transaction (migration 0250). */
export interface RetentionPurgesTable {
  person_id: string
}

export interface HarbourDatabase {
  users: UsersTable
  settings: SettingsTable
  audit_log: AuditLogTable
  roles: RolesTable
  people: PeopleTable
  person_access: PersonAccessTable
  cases: CasesTable
  notes: NotesTable
  tasks: TasksTable
  import_presets: ImportPresetsTable
  screenings: ScreeningsTable
  screening_results: ScreeningResultsTable
  alerts: AlertsTable
  screening_follow_ups: ScreeningFollowUpsTable
  drafts: DraftsTable
  department_spellings: DepartmentSpellingsTable
  referral_destinations: ReferralDestinationsTable
  referrals: ReferralsTable
  referral_steps: ReferralStepsTable
  support_resources: SupportResourcesTable
  signposting_records: SignpostingRecordsTable
  bereavement_counselling: BereavementCounsellingTable
  incident_categories: IncidentCategoriesTable
  incidents: IncidentsTable
  exposures: ExposuresTable
  consents: ConsentsTable
  management_advice_reports: ManagementAdviceReportsTable
  trim_risk_factors: TrimRiskFactorsTable
  trim_plans: TrimPlansTable
  trim_offers: TrimOffersTable
  trim_assessments: TrimAssessmentsTable
  trim_prompt_claims: TrimPromptClaimsTable
  retention_purges: RetentionPurgesTable
}
