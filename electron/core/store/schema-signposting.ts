import type { Generated } from 'kysely'
import type { BereavementStatus } from '../../../shared/signposting/bereavement'

/** Kysely table types for signposting and bereavement counselling (migration 0180). Dates are `YYYY-MM-DD` text. */
export interface SupportResourcesTable {
  id: string
  name: string
  description: string
  where_to_find: string
  retired: Generated<0 | 1>
  sort_order: number
  created_at: string
  updated_at: string
}

/** Append-only: one row each time a person is signposted to a resource. */
export interface SignpostingRecordsTable {
  id: string
  person_id: string
  resource_id: string
  signposted_on: string
  recorded_by: string
  recorded_at: string
}

/** Append-only: bereavement counselling offered, accepted or declined; the latest entry is the status. */
export interface BereavementCounsellingTable {
  id: string
  person_id: string
  case_id: string | null
  status: BereavementStatus
  happened_on: string
  recorded_by: string
  recorded_at: string
}
