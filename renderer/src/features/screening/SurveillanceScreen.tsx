import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { call, messageFor } from '../../api'
import { usePrintCommand } from '../../app/print-command'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { Pager, showingText } from '../../components/Pager'
import { useCurrentUser } from '../session'
import { emptyRecallText, peopleDue, recallWindows } from './recall-words'
import { RecallPrintView, type RecallPrint } from './RecallPrintView'
import { RecallTable } from './RecallTable'
import { ScreeningImportPanel } from './ScreeningImportPanel'
import { ExportListButton } from '../list-export'

const pageSize = 100

/** Who is due psychological surveillance screening, from their role's interval and last screening. */
export function SurveillanceScreen() {
  const user = useCurrentUser()
  const [roleId, setRoleId] = useState('')
  const [withinDays, setWithinDays] = useState(30)
  const [department, setDepartment] = useState('')
  const [offset, setOffset] = useState(0)
  const [print, setPrint] = useState<RecallPrint | null>(null)
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => call('roles:list', { includeRetired: false }) })
  const departments = useQuery({ queryKey: ['due', 'departments'], queryFn: () => call('screening:dueDepartments', {}) })
  const filters = { ...(roleId ? { roleId } : {}), ...(department ? { department } : {}), withinDays }
  const roleName = roles.data?.find((role) => role.id === roleId)?.name ?? null
  const due = useQuery({
    queryKey: ['due', filters, offset],
    queryFn: () => call('screening:due', { ...filters, page: { offset, limit: pageSize } }),
    placeholderData: keepPreviousData
  })
  // Printing fetches every row, not the page on screen, then prints once it is drawn.
  const printed = useMutation({
    mutationFn: () => call('screening:printDue', filters),
    onSuccess: (list) =>
      setPrint({ list, filters: { withinDays, roleName, department }, printedAt: new Date(), printedBy: user.displayName })
  })
  useEffect(() => {
    if (print) window.print()
  }, [print])
  // Ctrl+P and the menu's Print print the whole list too, never just the page on screen.
  usePrintCommand(() => {
    if (!printed.isPending) printed.mutate()
  })
  const change = (apply: () => void) => {
    setOffset(0)
    setPrint(null)
    apply()
  }
  const empty = due.data && due.data.total === 0 ? emptyRecallText({ department, roleName }, due.data.dueInPeriod) : null

  return (
    <Page
      title="Screening recall"
      lead="People in roles with a screening interval or exposed to traumatic content, by when their next screening falls due. Leavers are not recalled."
    >
      <form className="filters no-print" aria-label="Filter the recall list" onSubmit={(e) => e.preventDefault()}>
        <div className="filters__item">
          <label className="label" htmlFor="due-role">
            Role
          </label>
          <select id="due-role" className="select" value={roleId} onChange={(e) => change(() => setRoleId(e.target.value))}>
            <option value="">All recalled roles</option>
            {(roles.data ?? [])
              .filter((r) => r.recallIntervalMonths)
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
          <select
            id="due-window"
            className="select"
            value={withinDays}
            onChange={(e) => change(() => setWithinDays(Number(e.target.value)))}
          >
            {recallWindows.map((w) => (
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
          <select id="due-department" className="select" value={department} onChange={(e) => change(() => setDepartment(e.target.value))}>
            <option value="">All departments</option>
            {(departments.data ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="button-group">
          <ExportListButton selection={{ list: 'due', filters }} disabled={due.data?.total === 0} />
          <button type="button" className="button button--secondary" disabled={printed.isPending} onClick={() => printed.mutate()}>
            Print the whole list (A4)
          </button>
        </div>
      </form>
      {/* While a printout of the whole list is ready, paper shows it instead of this page, banners included. */}
      <div className={print ? 'no-print' : undefined}>
        {printed.isError ? (
          <Notice tone="error" title="The list was not printed">
            <p>{messageFor(printed.error)}</p>
          </Notice>
        ) : null}
        {due.isPending ? <Loading what="the recall list" /> : null}
        {empty ? (
          <div className="empty" role="status">
            <p>{empty.title}</p>
            {empty.hint ? <p className="hint">{empty.hint}</p> : null}
          </div>
        ) : null}
        {due.data && due.data.total > 0 ? (
          <>
            <ul className="stat-list" aria-label="Recall at a glance">
              <li className="stat">
                <span className="stat__number">{due.data.total}</span> due
              </li>
              <li className={`stat${due.data.overdue ? ' stat--warning' : ''}`}>
                <span className="stat__number">{due.data.overdue}</span> overdue
              </li>
            </ul>
            <RecallTable rows={due.data.rows} caption={showingText(offset, due.data.rows.length, due.data.total, peopleDue)} links />
            <Pager label="Recall list pages" offset={offset} pageSize={pageSize} total={due.data.total} onChange={setOffset} />
          </>
        ) : null}
        <ScreeningImportPanel />
      </div>
      {print ? <RecallPrintView print={print} /> : null}
    </Page>
  )
}
