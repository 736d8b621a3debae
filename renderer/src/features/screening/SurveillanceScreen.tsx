import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { Tag } from '../../components/Tag'
import { ScreeningImportPanel } from './ScreeningImportPanel'

const windows = [
  { days: 0, label: 'Overdue or due today' },
  { days: 30, label: 'Due in the next 30 days' },
  { days: 90, label: 'Due in the next 3 months' },
  { days: 366, label: 'Due in the next year' }
]

/** Who is due psychological surveillance screening, from their role's interval and last screening. */
export function SurveillanceScreen() {
  const [roleId, setRoleId] = useState('')
  const [withinDays, setWithinDays] = useState(30)
  const [department, setDepartment] = useState('')
  const [offset, setOffset] = useState(0)
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => call('roles:list', { includeRetired: false }) })
  const filters = { ...(roleId ? { roleId } : {}), ...(department.trim() ? { department: department.trim() } : {}), withinDays }
  const due = useQuery({ queryKey: ['due', filters, offset], queryFn: () => call('screening:due', { ...filters, page: { offset, limit: 100 } }), placeholderData: keepPreviousData })
  const exported = useMutation({ mutationFn: () => call('screening:exportDue', filters) })
  return (
    <Page title="Screening recall" lead="People in roles with a screening interval, by when their next screening falls due. Leavers are not recalled.">
      <form className="filters no-print" aria-label="Filter the recall list" onSubmit={(e) => e.preventDefault()}>
        <div className="filters__item">
          <label className="label" htmlFor="due-role">
            Role
          </label>
          <select id="due-role" className="select" value={roleId} onChange={(e) => { setOffset(0); setRoleId(e.target.value) }}>
            <option value="">All recalled roles</option>
            {(roles.data ?? [])
              .filter((r) => r.screeningIntervalMonths)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </div>
        <div className="filters__item">
          <label className="label" htmlFor="due-window">
            Due
          </label>
          <select id="due-window" className="select" value={withinDays} onChange={(e) => { setOffset(0); setWithinDays(Number(e.target.value)) }}>
            {windows.map((w) => (
              <option key={w.days} value={w.days}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__item">
          <label className="label" htmlFor="due-department">
            Department
          </label>
          <input id="due-department" className="input input--narrow" value={department} onChange={(e) => { setOffset(0); setDepartment(e.target.value) }} />
        </div>
        <div className="button-group">
          <button type="button" className="button button--secondary" onClick={() => exported.mutate()}>
            Export CSV
          </button>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            Print (A4)
          </button>
        </div>
      </form>
      {exported.isError ? (
        <Notice tone="error" title="The list was not exported">
          <p>{messageFor(exported.error)}</p>
        </Notice>
      ) : null}
      {exported.data ? (
        <Notice tone="info" title="Recall list exported">
          <p>
            {exported.data.rows} rows saved to <code className="path">{exported.data.file}</code>.
          </p>
        </Notice>
      ) : null}
      {due.isPending ? <Loading what="the recall list" /> : null}
      {due.data ? (
        due.data.rows.length === 0 ? (
          <p className="empty">Nobody is due in this period.</p>
        ) : (
          <>
            <ul className="stat-list" aria-label="Recall at a glance">
              <li className="stat">
                <span className="stat__number">{due.data.total}</span> due
              </li>
              <li className={`stat${due.data.overdue ? ' stat--warning' : ''}`}>
                <span className="stat__number">{due.data.overdue}</span> overdue
              </li>
            </ul>
            <table className="table">
              <caption className="table__caption">
                Showing {offset + 1} to {offset + due.data.rows.length} of {due.data.total}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Staff number</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last screened</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {due.data.rows.map((row) => (
                  <tr key={row.personId}>
                    <td>
                      <Link href={`/people/${row.personId}`}>{row.personName}</Link>
                    </td>
                    <td>{row.staffNumber}</td>
                    <td>
                      {row.roleName} <span className="hint">every {row.intervalMonths} months</span>
                    </td>
                    <td>
                      {row.lastScreened ? formatCalendarDate(row.lastScreened) : 'Never'}
                      {row.lastIncomplete ? <div className="hint">Incomplete sitting on {formatCalendarDate(row.lastIncomplete)}: not counted</div> : null}
                    </td>
                    <td>
                      {formatCalendarDate(row.dueDate)} {row.overdue ? <Tag colour="red">Overdue</Tag> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pagination no-print" aria-label="Recall list pages">
              <button type="button" className="button button--secondary button--small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 100))}>
                Previous page
              </button>
              <button type="button" className="button button--secondary button--small" disabled={offset + 100 >= due.data.total} onClick={() => setOffset(offset + 100)}>
                Next page
              </button>
            </nav>
          </>
        )
      ) : null}
      <ScreeningImportPanel />
    </Page>
  )
}
