/** Fitness for role, as a management advice report gives it: functional advice, never a diagnosis. */
export const fitnessOptions = ['fit', 'fit-with-adjustments', 'temporarily-unfit', 'unfit'] as const
export type Fitness = (typeof fitnessOptions)[number]

export const fitnessLabels: Record<Fitness, string> = {
  fit: 'Fit for their role',
  'fit-with-adjustments': 'Fit for their role with adjustments',
  'temporarily-unfit': 'Temporarily unfit for their role',
  unfit: 'Unfit for their role'
}

/** Where a report is: drafted, shown to the person (when they asked to see it first), released to the manager. */
export const reportStatuses = ['drafted', 'shown', 'released'] as const
export type ReportStatus = (typeof reportStatuses)[number]

export const reportStatusLabels: Record<ReportStatus, string> = {
  drafted: 'Drafted',
  shown: 'Shown to the person',
  released: 'Released'
}
