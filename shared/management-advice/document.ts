import { formatCalendarDate } from '../calendar-date'
import type { ManagementAdviceReport } from '../contract/management-advice'
import type { Person } from '../contract/people'
import type { PrintableDocument } from '../documents/printable'
import { fitnessLabels } from './fitness'

/** Who the report is about, as much as a manager needs to know who is meant: no clinical detail. */
export type ReportSubject = Pick<Person, 'givenName' | 'familyName' | 'preferredName' | 'staffNumber' | 'roleName' | 'department'>

const dateOrNot = (date: string | null, otherwise: string) => (date ? formatCalendarDate(date) : otherwise)

/**
 * The management advice report as a printable document (shared/documents/printable.ts): the
 * PDF maker in the core prints it and the window previews the same blocks. It carries the
 * functional advice and nothing else: the report holds no diagnosis, scores or clinical detail
 * to leak, and the person's own comments on it stay with occupational health.
 */
export function managementAdviceDocument(report: ManagementAdviceReport, person: ReportSubject): PrintableDocument {
  const name = `${person.preferredName ?? person.givenName} ${person.familyName}`
  const about = [
    { label: 'Name', value: name },
    { label: 'Staff or collar number', value: person.staffNumber },
    ...(person.roleName ? [{ label: 'Role', value: person.roleName }] : []),
    ...(person.department ? [{ label: 'Department', value: person.department }] : [])
  ]
  const to = [
    { label: 'For', value: report.managerName },
    ...(report.organisation ? [{ label: 'Organisation', value: report.organisation }] : []),
    { label: 'Date', value: dateOrNot(report.releasedOn, 'Not yet released') }
  ]
  return {
    title: 'Management advice report',
    blocks: [
      { kind: 'fields', rows: to },
      { kind: 'heading', text: 'About' },
      { kind: 'fields', rows: about },
      { kind: 'heading', text: 'Advice' },
      {
        kind: 'fields',
        rows: [
          { label: 'Fitness for role', value: fitnessLabels[report.fitness] },
          { label: 'Adjustments', value: report.adjustments ?? 'None advised' },
          { label: 'Expected return to work', value: dateOrNot(report.expectedReturnOn, 'Not applicable') },
          { label: 'Review date', value: dateOrNot(report.reviewOn, 'None set') }
        ]
      },
      {
        kind: 'paragraph',
        text: `This advice is about ${name}’s fitness for their role and the support that would help. It is shared with their consent and contains no medical or clinical information. Please contact occupational health with any questions.`
      }
    ],
    footer: 'OFFICIAL-SENSITIVE: PERSONAL. Shared with the person’s consent; do not pass on.'
  }
}
