/** The screening feature's query keys, apart from the panels so a dialog can refresh a list without importing it. */
export const alertsKey = ['alerts'] as const
export const followUpsKey = ['follow-ups'] as const
