import {
  caseFlagNames,
  caseReasonNames,
  caseStatusNames,
  priorityNames,
  type CaseStatus,
  type Priority
} from '../../../../shared/contract/cases'
import type { TagColour } from '../../components/Tag'

export const statusColour: Record<CaseStatus, TagColour> = {
  open: 'blue',
  active: 'green',
  'awaiting-treatment': 'yellow',
  'in-treatment': 'purple',
  monitoring: 'grey',
  closed: 'grey'
}

export const priorityColour: Record<Priority, TagColour> = { urgent: 'red', soon: 'yellow', routine: 'grey' }

export function flagName(flag: string): string {
  return (caseFlagNames as Record<string, string>)[flag] ?? (caseReasonNames as Record<string, string>)[flag] ?? flag
}

export { caseReasonNames, caseStatusNames, priorityNames }
