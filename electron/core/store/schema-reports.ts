/**
 * Kysely types for the report views (migrations 0240 and 0260). Views, not tables: services reach them
 * with `db.withTables<ReportViews>()`, and only the reports service does.
 */
interface Groups {
  employment_type: string
  department: string | null
  role_name: string | null
}

// A type, not an interface: Kysely's withTables needs an index signature, which only a type alias has.
export type ReportViews = {
  report_people: Groups & { person_id: string; next_screening_due: string | null; start_date: string | null; leaving_date: string | null }
  report_screenings: Groups & {
    screening_id: string
    person_id: string
    sitting_date: string
    rag: 'red' | 'amber' | 'green'
    complete: 0 | 1
  }
  report_exposures: Groups & {
    occurred_on: string
    incident_id: string
    category_id: string
    category_name: string
    category_order: number
  }
  report_referrals: Groups & {
    referred_on: string
    treatment_started_on: string | null
    days_to_treatment: number | null
    destination_id: string
    destination_name: string
    destination_order: number
  }
  report_cases: Groups & { reason: string; opened_on: string; closed_on: string | null; clinician_id: string }
  report_bereavement: Groups & { person_id: string; status: 'offered' | 'accepted' | 'declined'; happened_on: string }
  report_trim: Groups & {
    occurred_on: string
    initial_on: string | null
    follow_up_on: string | null
    days_to_initial: number | null
    days_to_follow_up: number | null
  }
  report_signposting: Groups & { signposted_on: string; resource_id: string; resource_name: string; resource_order: number }
  /** Migration 0260: completed referrals, and the PHQ-9 / GAD-7 totals their outcomes are paired from. */
  report_completed_referrals: Groups & {
    referral_id: string
    person_id: string
    referred_on: string
    treatment_started_on: string | null
    completed_on: string
  }
  report_outcome_scores: { person_id: string; sitting_date: string; measure: 'phq9' | 'gad7'; total: number }
}
