export const consentKey = (personId: string) => ['consent', personId] as const
