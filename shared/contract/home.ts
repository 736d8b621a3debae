import { z } from 'zod'
import { access } from './access'

const personLink = z.object({ personId: z.string(), personName: z.string(), staffNumber: z.string() })

/**
 * What a clinician's home (their caseload screen) points to beyond cases and tasks: their
 * referrals waiting past 6 and 18 weeks, the people on their caseload exposed to a traumatic
 * incident lately, and their bereavement cases where counselling is still to be offered. The
 * core works each out; the window shows them as links into the work.
 */
export const homeAttention = z.object({
  /** Referrals of mine (made by me, or on a case I hold) waiting for treatment past 6 weeks; past 18 is a subset. */
  referralsPast6Weeks: z.number().int(),
  referralsPast18Weeks: z.number().int(),
  /** People with an open case I hold exposed in the last 30 days, latest exposure first (the first ten). */
  recentlyExposed: z.array(personLink.extend({ occurredOn: z.string(), categoryName: z.string() })),
  recentlyExposedTotal: z.number().int(),
  /** My open bereavement cases where counselling has not yet been offered. */
  bereavementNotOffered: z.array(personLink.extend({ caseId: z.string(), openedOn: z.string() }))
})
export type HomeAttention = z.infer<typeof homeAttention>

export const homeChannels = {
  'home:attention': { input: z.object({}).strict(), output: homeAttention, access: access.clinicians }
} as const
