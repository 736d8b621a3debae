export const referralsKey = (personId: string) => ['referrals', personId] as const
