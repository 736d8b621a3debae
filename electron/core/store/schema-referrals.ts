import type { Generated } from 'kysely'
import type { ReferralDestinationKind } from '../../../shared/referrals/destinations'
import type { ReferralStatus } from '../../../shared/referrals/status'

/** Kysely table types for referrals (migration 0150). Dates are `YYYY-MM-DD` text. */
export interface ReferralDestinationsTable {
  id: string
  name: string
  kind: ReferralDestinationKind
  retired: Generated<0 | 1>
  sort_order: number
  created_at: string
  updated_at: string
}

export interface ReferralsTable {
  id: string
  person_id: string
  case_id: string | null
  destination_id: string
  reason: string
  urgency: 'routine' | 'urgent'
  /** The latest step's status, kept with the referral. */
  status: ReferralStatus
  /** Before migration 0200 a referral carried its consent here; now no longer written (see consents). */
  consent_scope: string | null
  consent_given_on: string | null
  consent_recorded_by: string | null
  /** The consent record the referral was sent on; null until it is sent. */
  consent_id: string | null
  referred_on: string | null
  assessed_on: string | null
  treatment_started_on: string | null
  ended_on: string | null
  last_step_on: string
  created_by: string
  created_at: string
  updated_at: string
}

/** Append-only: one row per step of a referral. */
export interface ReferralStepsTable {
  id: string
  referral_id: string
  /** 1 for the draft, then each step in the order recorded. */
  step_number: number
  person_id: string
  status: ReferralStatus
  happened_on: string
  recorded_by: string
  recorded_at: string
}
