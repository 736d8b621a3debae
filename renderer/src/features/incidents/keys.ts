export const exposuresKey = (personId: string) => ['exposures', personId] as const
export const recentIncidentsKey = ['incidents', 'recent'] as const
export const categoriesKey = (includeRetired: boolean) => ['incident-categories', includeRetired] as const
