/**
 * Incidents and trauma exposure: the categories a new store starts with, the part a person
 * played and how intense their exposure was. The team edits the catalogue (names, weights,
 * order, retiring), so the defaults are only a starting point.
 *
 * A category's weight (1 to 10) says how heavily one exposure of that kind counts towards a
 * person's weighted load (shared/incidents/exposure-load.ts). The defaults are the team's
 * starting judgement, not a published scale: the force sets its own.
 */
export const defaultIncidentCategories: readonly { id: string; name: string; weight: number }[] = [
  { id: 'death-of-a-child', name: 'Death of a child', weight: 5 },
  { id: 'sudden-death', name: 'Sudden death', weight: 3 },
  { id: 'suicide', name: 'Suicide', weight: 4 },
  { id: 'fatal-road-collision', name: 'Fatal road collision', weight: 4 },
  { id: 'serious-assault-on-officer', name: 'Serious assault on an officer', weight: 4 },
  { id: 'firearms-discharge', name: 'Firearms discharge', weight: 4 },
  { id: 'mass-casualty', name: 'Mass casualty', weight: 5 },
  { id: 'indecent-image-review', name: 'Indecent image review', weight: 3 },
  { id: 'death-of-a-colleague', name: 'Death of a colleague', weight: 5 },
  { id: 'other', name: 'Other', weight: 2 }
]

export const minCategoryWeight = 1
export const maxCategoryWeight = 10

/** The part a person played. Leaders' secondary exposure and call handlers count like any other. */
export const exposureParts = ['attended', 'aftermath', 'viewed-material', 'call-handler', 'supervisor'] as const
export type ExposurePart = (typeof exposureParts)[number]

export const exposurePartLabels: Record<ExposurePart, string> = {
  attended: 'Attended',
  aftermath: 'Dealt with the aftermath',
  'viewed-material': 'Viewed material',
  'call-handler': 'Call handler',
  supervisor: 'Supervisor or leader'
}

/**
 * How intense the exposure was, as the recording clinician judges it: low, medium or high.
 * Each multiplies the category's weight (low ×1, medium ×2, high ×3) in the weighted load.
 */
export const exposureIntensities = ['low', 'medium', 'high'] as const
export type ExposureIntensity = (typeof exposureIntensities)[number]

export const exposureIntensityLabels: Record<ExposureIntensity, string> = { low: 'Low', medium: 'Medium', high: 'High' }

export const intensityFactor: Record<ExposureIntensity, number> = { low: 1, medium: 2, high: 3 }
