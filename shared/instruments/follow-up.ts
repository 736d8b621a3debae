import { z } from 'zod'
import type { RagOutcome } from './rag'

/**
 * What a screening result must lead to, so none reaches no one. Red results and unanswered
 * safety questions always lead somewhere: a review by the clinician of the person's open case
 * or, with no open case, a decision by the team (open a case, or record why not). Amber
 * follows the administrators' setting.
 */
export const amberFollowUps = ['same-as-red', 'open-case-only', 'none'] as const
export type AmberFollowUp = (typeof amberFollowUps)[number]
export const amberFollowUp = z.enum(amberFollowUps, 'Choose what an amber result leads to')
export const defaultAmberFollowUp: AmberFollowUp = 'same-as-red'

export const amberFollowUpNames: Record<AmberFollowUp, string> = {
  'same-as-red': 'The same as red: a review by the case clinician, or a team decision when there is no open case',
  'open-case-only': 'A review by the case clinician when there is an open case; nothing otherwise',
  none: 'Nothing: amber results are shown in the history only'
}

export const followUpReasons = ['red', 'risk-not-assessed', 'amber'] as const
export type FollowUpReason = (typeof followUpReasons)[number]

export const followUpReasonNames: Record<FollowUpReason, string> = {
  red: 'Red result',
  'risk-not-assessed': 'Risk not assessed',
  amber: 'Amber result'
}

export interface FollowUpNeed {
  reason: FollowUpReason
  priority: 'top' | 'normal'
  /** With no open case, the team must decide whether to open one. */
  teamDecisionWithoutCase: boolean
}

export function followUpFor(outcome: Pick<RagOutcome, 'rag' | 'riskNotAssessed'>, amber: AmberFollowUp): FollowUpNeed | null {
  if (outcome.rag === 'red') return { reason: 'red', priority: 'top', teamDecisionWithoutCase: true }
  if (outcome.riskNotAssessed) return { reason: 'risk-not-assessed', priority: 'top', teamDecisionWithoutCase: true }
  if (outcome.rag !== 'amber' || amber === 'none') return null
  return { reason: 'amber', priority: 'normal', teamDecisionWithoutCase: amber === 'same-as-red' }
}

/** Higher is more serious: a correction raises a new follow-up only when it is more serious than any before. */
export const followUpSeverity: Record<FollowUpReason, number> = { amber: 1, 'risk-not-assessed': 2, red: 3 }
