import type { Generated } from 'kysely'
import type { ExposureIntensity, ExposurePart } from '../../../shared/incidents/categories'

/** Kysely table types for incidents and exposure (migration 0160). Dates are `YYYY-MM-DD` text. */
export interface IncidentCategoriesTable {
  id: string
  name: string
  /** 1–10: how heavily one exposure of this kind counts in the weighted load. */
  weight: number
  retired: Generated<0 | 1>
  sort_order: number
  created_at: string
  updated_at: string
}

export interface IncidentsTable {
  id: string
  occurred_on: string
  category_id: string
  /** A short reference (e.g. the control room's log number): never clinical detail. */
  reference: string
  created_by: string
  created_at: string
}

/** One person's exposure to one incident. */
export interface ExposuresTable {
  id: string
  incident_id: string
  person_id: string
  /** The incident's date, kept with the exposure for the per-person windows. */
  occurred_on: string
  part: ExposurePart
  intensity: ExposureIntensity
  /** The category's weight when the exposure was recorded. */
  weight: number
  hours_reviewed: number | null
  recorded_by: string
  recorded_at: string
}
