import type { Generated } from 'kysely'

/** Kysely table types for screening (migrations 0030, 0050). */
export interface ScreeningsTable {
  id: string
  person_id: string
  sitting_date: string
  mode: 'clinician-entered' | 'self-completed' | 'imported'
  rag: 'red' | 'amber' | 'green'
  rag_rule: string | null
  /** What made the rule fire, in words. */
  rag_reason: string | null
  risk_not_assessed: 0 | 1
  /** Every questionnaire completed; only complete sittings reset the recall clock. */
  complete: 0 | 1
  version: number
  supersedes_id: string | null
  superseded_by_id: string | null
  correction_reason: string | null
  entered_by: string
  created_at: string
}

export interface ScreeningResultsTable {
  screening_id: string
  instrument_id: string
  answers: string | null
  total: number | null
  band: string | null
  subscales: string
  flags: string
  complete: 0 | 1
  externally_scored: 0 | 1
  scoring_version: string
  /** JSON array of { item, reason } for safety questions with no answer on the form. */
  critical_not_answered: Generated<string>
}

export interface AlertsTable {
  id: string
  person_id: string
  screening_id: string
  code: string
  message: string
  status: 'open' | 'acknowledged'
  task_id: string | null
  acknowledged_by: string | null
  acknowledged_at: string | null
  action_note: string | null
  created_at: string
  instrument_id: string | null
  item: number | null
  answer: number | null
  action_taken_by: string | null
  action_taken_at: string | null
  follow_up_date: string | null
  follow_up_task_id: string | null
}

export interface ScreeningFollowUpsTable {
  id: string
  screening_id: string
  person_id: string
  reason: 'red' | 'risk-not-assessed' | 'amber'
  route: 'case-review' | 'team-decision'
  case_id: string | null
  task_id: string | null
  status: 'open' | 'decided'
  decision: 'case-opened' | 'no-case' | 'reviewed' | null
  decision_note: string | null
  decided_by: string | null
  decided_at: string | null
  created_at: string
}
