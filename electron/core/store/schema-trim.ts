import type { Generated } from 'kysely'
import type { AssessmentKind, AssessmentOutcome } from '../../../shared/trim/assessment'
import type { NotNeededReason, PlanDecision } from '../../../shared/trim/planning'

/** Kysely table types for TRiM (migration 0190). Dates are `YYYY-MM-DD` text. */
export interface TrimRiskFactorsTable {
  id: string
  name: string
  retired: Generated<0 | 1>
  sort_order: number
  created_at: string
  updated_at: string
}

export interface TrimPlansTable {
  id: string
  incident_id: string
  decided_on: string
  decision: PlanDecision
  not_needed_reason: NotNeededReason | null
  planned_by: string
  created_at: string
}

export interface TrimOffersTable {
  id: string
  plan_id: string
  incident_id: string
  person_id: string
  /** The TRiM practitioner assigned: the only trim user who may read the offer. */
  practitioner_id: string
  initial_due: string
  follow_up_due: string
  initial_task_id: string
  follow_up_task_id: string
  created_at: string
}

export type TrimPromptRoute = 'case-holder' | 'planner' | 'team'

export interface TrimAssessmentsTable {
  id: string
  offer_id: string
  person_id: string
  /** The offer's practitioner, kept on the row for the team server's row-level security. */
  practitioner_id: string
  kind: AssessmentKind
  assessed_on: string
  /** JSON array of the factor ids recorded present. */
  factors_present: string
  /** JSON array of every factor id the assessment asked about (the catalogue at the time). */
  factors_considered: string
  score: number
  outcome: AssessmentOutcome
  persistent_difficulty: 0 | 1 | null
  prompted: 0 | 1
  /** JSON array of why it prompted ('score', 'persistent-difficulty'); empty when it did not. */
  prompt_reasons: string
  prompt_route: TrimPromptRoute | null
  prompt_assignee_id: string | null
  prompt_task_id: string | null
  assessed_by: string
  created_at: string
}

/** Who took on a TRiM referral prompt that went to the whole team (migration 0210). */
export interface TrimPromptClaimsTable {
  assessment_id: string
  person_id: string
  clinician_id: string
  task_id: string
  claimed_at: string
}
