export const managementAdviceKey = (personId: string) => ['management-advice', personId] as const
