import type { DueList } from '../../../../shared/contract/screening'
import { formatDateTime } from '../../../../shared/dates'
import { peopleDue, recallWindowLabel } from './recall-words'
import { RecallTable } from './RecallTable'

export interface RecallPrint {
  list: DueList
  filters: { withinDays: number; roleName: string | null; department: string }
  printedAt: Date
  printedBy: string
}

/**
 * The whole recall list for A4, every row (not the page on screen), with what was printed,
 * when, by whom and how many people it holds. Shown only when printing (print.css).
 */
export function RecallPrintView({ print }: { print: RecallPrint }) {
  const { list, filters } = print
  const people = list.total === 1 ? peopleDue.one : peopleDue.many
  return (
    <section className="print-only recall-print" aria-label="The recall list as printed">
      <p>
        {recallWindowLabel(filters.withinDays)}. Role: {filters.roleName ?? 'all recalled roles'}. Department:{' '}
        {filters.department || 'all departments'}.
      </p>
      <p>
        Printed {formatDateTime(print.printedAt)} by {print.printedBy}. {list.total.toLocaleString('en-GB')} {people},{' '}
        {list.overdue.toLocaleString('en-GB')} overdue:{' '}
        {list.rows.length === list.total ? 'all are listed.' : `${list.rows.length.toLocaleString('en-GB')} are listed.`}
      </p>
      <RecallTable
        rows={list.rows}
        caption={`All ${list.rows.length.toLocaleString('en-GB')} ${list.rows.length === 1 ? peopleDue.one : peopleDue.many}`}
        links={false}
      />
    </section>
  )
}
