export const trimPlanKey = (incidentId: string) => ['trim', 'plan', incidentId] as const
export const trimWorklistKey = ['trim', 'worklist'] as const
export const personTrimKey = (personId: string) => ['trim', 'person', personId] as const
export const trimSettingsKey = ['trim', 'settings'] as const
export const riskFactorsKey = ['trim', 'risk-factors'] as const
export const trimTeamPromptsKey = ['trim', 'team-prompts'] as const
export const trimIncidentsToPlanKey = ['trim', 'incidents-to-plan'] as const
