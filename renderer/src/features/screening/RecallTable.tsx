import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { DueRow } from '../../../../shared/contract/screening'
import { Tag } from '../../components/Tag'

/** The recall list as a table: on screen (names link to the person) and on paper (plain names). */
export function RecallTable({ rows, caption, links }: { rows: DueRow[]; caption: string; links: boolean }) {
  return (
    <table className="table recall-table">
      <caption className="table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Staff number</th>
          <th scope="col">Role</th>
          <th scope="col">Department</th>
          <th scope="col">Last screened</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.personId}>
            <td>{links ? <Link href={`/people/${row.personId}`}>{row.personName}</Link> : row.personName}</td>
            <td>{row.staffNumber}</td>
            <td>
              {row.roleName} <span className="hint">every {row.intervalMonths} months</span>
            </td>
            <td>{row.department ?? <span className="hint">None recorded</span>}</td>
            <td>
              {row.lastScreened ? formatCalendarDate(row.lastScreened) : 'Never'}
              {row.lastIncomplete ? (
                <div className="hint">Incomplete sitting on {formatCalendarDate(row.lastIncomplete)}: not counted</div>
              ) : null}
            </td>
            <td>
              {formatCalendarDate(row.dueDate)} {row.overdue ? <Tag colour="red">Overdue</Tag> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
