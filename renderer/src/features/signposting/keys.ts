export const signpostingKey = (personId: string) => ['signposting', personId] as const
export const resourcesKey = ['support-resources'] as const
