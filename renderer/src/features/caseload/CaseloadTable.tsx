import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { CaseloadRow } from '../../../../shared/contract/caseload'
import { Tag } from '../../components/Tag'
import { referralBreachWords } from '../referrals'
import { caseReasonNames, caseStatusNames, flagName, priorityColour, priorityNames, statusColour } from '../cases'

export type SortKey = 'name' | 'staffNumber' | 'reason' | 'status' | 'priority' | 'nextReview' | 'lastContact'

const column = createColumnHelper<CaseloadRow>()

const columns = [
  column.accessor('personName', {
    id: 'name',
    header: 'Name',
    cell: (info) => <Link href={`/people/${info.row.original.personId}`}>{info.getValue()}</Link>
  }),
  column.accessor('staffNumber', { id: 'staffNumber', header: 'Staff number' }),
  column.accessor('reason', { id: 'reason', header: 'Reason', cell: (info) => caseReasonNames[info.getValue()] }),
  column.accessor('status', {
    id: 'status',
    header: 'Status',
    cell: (info) => <Tag colour={statusColour[info.getValue()]}>{caseStatusNames[info.getValue()]}</Tag>
  }),
  column.accessor('priority', {
    id: 'priority',
    header: 'Priority',
    cell: (info) => <Tag colour={priorityColour[info.getValue()]}>{priorityNames[info.getValue()]}</Tag>
  }),
  column.accessor('nextReviewDate', {
    id: 'nextReview',
    header: 'Next review',
    cell: (info) =>
      info.getValue() ? (
        <>
          {formatCalendarDate(info.getValue())} {info.row.original.overdue ? <Tag colour="red">Overdue</Tag> : null}
        </>
      ) : (
        'Not set'
      )
  }),
  column.accessor('daysSinceContact', {
    id: 'lastContact',
    header: 'Last contact',
    cell: (info) => {
      const days = info.getValue()
      if (days === null) return 'None yet'
      return days === 0 ? 'Today' : `${days} ${days === 1 ? 'day' : 'days'} ago`
    }
  }),
  column.display({
    id: 'flags',
    header: 'Flags and tasks',
    cell: (info) => {
      const { flags, openTasks, openAlerts, referralBreach, exposureReview } = info.row.original
      const parts = [...flags.map(flagName), openTasks ? `${openTasks} open ${openTasks === 1 ? 'task' : 'tasks'}` : null].filter(Boolean)
      // Signals first, each a tag, then the flags and tasks in words.
      const tags = [
        openAlerts ? <Tag colour="red">{openAlerts === 1 ? 'Safety alert' : `${openAlerts} safety alerts`}</Tag> : null,
        referralBreach ? <Tag colour="red">{referralBreachWords[referralBreach]}</Tag> : null,
        // The exposure rule that fired, named as the core sent it.
        exposureReview ? <Tag colour="purple">Exposure: {exposureReview}</Tag> : null
      ].filter((tag) => tag !== null)
      const listed = parts.length ? parts.join('; ') : tags.length ? null : '—'
      return (
        <>
          {tags.map((tag, index) => (
            <span key={index}>
              {index > 0 ? ' ' : null}
              {tag}
            </span>
          ))}
          {tags.length && listed ? ' ' : null}
          {listed}
        </>
      )
    }
  })
]

const sortable = new Set<string>(['name', 'staffNumber', 'reason', 'status', 'priority', 'nextReview', 'lastContact'])

/** The caseload as a table; sorting and paging happen in the database, so only one page is here. */
export function CaseloadTable({
  rows,
  sort,
  direction,
  onSort,
  caption
}: {
  rows: CaseloadRow[]
  sort: SortKey
  direction: 'asc' | 'desc'
  onSort: (key: SortKey) => void
  caption: string
}) {
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true })
  return (
    <table className="table caseload-table">
      <caption className="table__caption">{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const id = header.column.id
              const active = id === sort
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : sortable.has(id) ? 'none' : undefined}
                >
                  {sortable.has(id) ? (
                    <button type="button" className="sort-button" onClick={() => onSort(id as SortKey)}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true" className="sort-button__arrow">
                        {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              )
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
