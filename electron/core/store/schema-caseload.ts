import type { Generated } from 'kysely'

/** Kysely table types for the caseload tables (migration 0020). */
export interface RolesTable {
  id: string
  name: string
  description: string
  risk_tier: 'standard' | 'elevated' | 'high' | 'highest'
  screening_interval_months: number | null
  screening_battery: string
  retired: 0 | 1
  created_at: string
  updated_at: string
}

export interface PeopleTable {
  id: string
  staff_number: string
  title: string | null
  given_name: string
  family_name: string
  preferred_name: string | null
  date_of_birth: string | null
  employment_type: 'police-officer' | 'police-staff' | 'special-constable' | 'pcso' | 'volunteer'
  role_id: string | null
  department: string | null
  line_manager: string | null
  email: string | null
  phone: string | null
  start_date: string | null
  leaving_date: string | null
  restricted: 0 | 1
  adjustments: string | null
  search_key: string
  created_at: string
  updated_at: string
  /** Kept by triggers (migration 0040); never written by the app. */
  next_screening_due: Generated<string | null>
}

export interface PersonAccessTable {
  person_id: string
  user_id: string
}

export interface CasesTable {
  id: string
  person_id: string
  reason: string
  assigned_clinician_id: string
  status: string
  priority: string
  next_review_date: string | null
  flags: string
  pathway: string
  last_contact_date: string | null
  opened_on: string
  closed_on: string | null
  closure_outcome: string | null
  created_at: string
  updated_at: string
  /** Who opened the case (migration 0080); null where no record of it was kept. */
  opened_by: string | null
}

export interface NotesTable {
  id: string
  case_id: string
  person_id: string
  type: string
  contact_date: string
  text: string
  author_id: string
  amends_note_id: string | null
  amendment_reason: string | null
  created_at: string
}

export interface TasksTable {
  id: string
  title: string
  due_date: string
  assignee_id: string
  person_id: string | null
  case_id: string | null
  source: string
  rule_key: string | null
  status: 'open' | 'done'
  completed_at: string | null
  completed_by: string | null
  created_by: string | null
  created_at: string
  /** Defaults to normal; alert tasks are top. */
  priority: Generated<'normal' | 'top'>
  /** What happened, where a task closes only with an outcome (migration 0050). */
  outcome: Generated<string | null>
}

export interface ImportPresetsTable {
  name: string
  mapping: string
  updated_at: string
}
