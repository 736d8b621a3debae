import type { ConsentPurpose } from '../../../shared/consent/purposes'
import type { Fitness, ReportStatus } from '../../../shared/management-advice/fitness'

/** Kysely table types for consent and management advice reports (migration 0200). Dates are `YYYY-MM-DD` text. */
export interface ConsentsTable {
  id: string
  person_id: string
  purpose: ConsentPurpose
  /** For a referral: the destination in the catalogue. */
  destination_id: string | null
  /** For a management advice report or another disclosure: the manager, organisation or recipient named. */
  recipient: string | null
  scope: string
  given_on: string
  recorded_by: string
  recorded_at: string
  withdrawn_on: string | null
  withdrawn_by: string | null
  withdrawn_at: string | null
}

/** Functional advice only: there is no column for a diagnosis, scores or clinical detail. */
export interface ManagementAdviceReportsTable {
  id: string
  person_id: string
  manager_name: string
  organisation: string | null
  fitness: Fitness
  adjustments: string | null
  expected_return_on: string | null
  review_on: string | null
  asked_to_see_first: 0 | 1
  shown_on: string | null
  person_comments: string | null
  status: ReportStatus
  /** The consent it was released on. */
  consent_id: string | null
  released_on: string | null
  released_by: string | null
  created_by: string
  created_at: string
  updated_at: string
}
