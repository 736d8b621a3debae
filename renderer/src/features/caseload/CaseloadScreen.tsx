import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { formatLongDate, greetingFor } from '../../../../shared/dates'
import { caseFlags, caseReasons, openStatuses, priorities, type CaseStatus, type Priority } from '../../../../shared/contract/cases'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { Pager, showingText } from '../../components/Pager'
import { useCurrentUser } from '../session'
import { caseStatusNames, flagName, LeftWorkPanel, priorityNames } from '../cases'
import { AlertsPanel, TeamDecisions } from '../screening'
import { NeedsAttention } from '../home'
import { BackupReminder } from '../backup'
import { MyTasks } from '../tasks'
import { TrimTeamPrompts } from '../trim'
import { ExportListButton } from '../list-export'
import { CaseloadTable, type SortKey } from './CaseloadTable'

const pageSize = 25

/** A clinician's home: my open cases, what is overdue, and my tasks. */
export function CaseloadScreen() {
  const user = useCurrentUser()
  const [now] = useState(() => new Date())
  const [filters, setFilters] = useState<{
    status?: Exclude<CaseStatus, 'closed'>
    priority?: Priority
    flag?: string
    overdueOnly: boolean
  }>({ overdueOnly: false })
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({ key: 'nextReview', direction: 'asc' })
  const [offset, setOffset] = useState(0)
  const input = {
    ...filters,
    flag: filters.flag as (typeof caseReasons)[number] | undefined,
    sort: sort.key,
    direction: sort.direction,
    page: { offset, limit: pageSize }
  }
  const recall = useQuery({
    queryKey: ['due', 'home'],
    queryFn: () => call('screening:due', { withinDays: 30, page: { offset: 0, limit: 1 } })
  })
  const caseload = useQuery({
    queryKey: ['caseload', input],
    queryFn: () => call('caseload:list', input),
    placeholderData: keepPreviousData
  })
  const change = (next: Partial<typeof filters>) => {
    setOffset(0)
    setFilters({ ...filters, ...next })
  }
  const showUrgent = () => {
    change({ priority: 'urgent', status: undefined, flag: undefined, overdueOnly: false })
    document.getElementById('caseload-heading')?.focus()
  }
  const onSort = (key: SortKey) =>
    setSort(sort.key === key ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' })
  const data = caseload.data
  const total = data?.total ?? 0

  return (
    <Page title={`${greetingFor(now)}, ${user.displayName.split(' ')[0]}`} lead={formatLongDate(now)}>
      <AlertsPanel showPerson />
      {user.roles.includes('admin') ? <BackupReminder /> : null}
      {data ? (
        <ul className="stat-list" aria-label="Caseload at a glance">
          <li className="stat">
            <span className="stat__number">{data.counts.open}</span> {data.counts.open === 1 ? 'open case' : 'open cases'}
          </li>
          <li className={`stat${data.counts.overdue ? ' stat--warning' : ''}`}>
            <span className="stat__number">{data.counts.overdue}</span> {data.counts.overdue === 1 ? 'review overdue' : 'reviews overdue'}
          </li>
          {/* Cases whose priority is urgent (not urgent tasks): the link shows exactly those. */}
          <li className={`stat${data.counts.urgent ? ' stat--warning' : ''}`}>
            <span className="stat__number">{data.counts.urgent}</span>
            <button type="button" className="link-button" onClick={showUrgent}>
              {data.counts.urgent === 1 ? 'urgent case' : 'urgent cases'}
            </button>
          </li>
          {recall.data ? (
            <li className={`stat${recall.data.overdue ? ' stat--warning' : ''}`}>
              <span className="stat__number">{recall.data.total}</span>
              <Link href="/recall">due for screening</Link> ({recall.data.overdue} overdue)
            </li>
          ) : null}
        </ul>
      ) : null}
      <NeedsAttention />
      <TeamDecisions />
      <TrimTeamPrompts />
      <LeftWorkPanel />
      <div className="two-columns">
        <section aria-labelledby="caseload-heading" className="two-columns__main">
          <div className="section-heading">
            <h2 className="heading-m" id="caseload-heading" tabIndex={-1}>
              My caseload
            </h2>
            <div className="section-heading__actions">
              <ExportListButton
                small
                disabled={total === 0}
                selection={{
                  list: 'caseload',
                  filters: { ...filters, flag: input.flag, sort: sort.key, direction: sort.direction }
                }}
              />
              <Link href="/people/new" className="button button--secondary button--small">
                Add a person
              </Link>
            </div>
          </div>
          <form className="filters" aria-label="Filter my caseload" onSubmit={(event) => event.preventDefault()}>
            <div className="filters__item">
              <label className="label" htmlFor="filter-status">
                Status
              </label>
              <select
                id="filter-status"
                className="select"
                value={filters.status ?? ''}
                onChange={(e) => change({ status: (e.target.value || undefined) as never })}
              >
                <option value="">Any open status</option>
                {openStatuses.map((s) => (
                  <option key={s} value={s}>
                    {caseStatusNames[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="filters__item">
              <label className="label" htmlFor="filter-priority">
                Priority
              </label>
              <select
                id="filter-priority"
                className="select"
                value={filters.priority ?? ''}
                onChange={(e) => change({ priority: (e.target.value || undefined) as never })}
              >
                <option value="">Any priority</option>
                {priorities.map((p) => (
                  <option key={p} value={p}>
                    {priorityNames[p]}
                  </option>
                ))}
              </select>
            </div>
            <div className="filters__item">
              <label className="label" htmlFor="filter-flag">
                Reason or flag
              </label>
              <select
                id="filter-flag"
                className="select"
                value={filters.flag ?? ''}
                onChange={(e) => change({ flag: e.target.value || undefined })}
              >
                <option value="">Any</option>
                {[...caseReasons, ...caseFlags].map((f) => (
                  <option key={f} value={f}>
                    {flagName(f)}
                  </option>
                ))}
              </select>
            </div>
            <div className="filters__item filters__item--check checkboxes__item">
              <input
                className="checkboxes__input"
                type="checkbox"
                id="filter-overdue"
                checked={filters.overdueOnly}
                onChange={(e) => change({ overdueOnly: e.target.checked })}
              />
              <label className="checkboxes__label" htmlFor="filter-overdue">
                Overdue reviews only
              </label>
            </div>
          </form>
          {caseload.isPending ? <Loading what="your caseload" /> : null}
          {caseload.isError ? (
            <Notice tone="error" title="Your caseload could not be loaded">
              <p>{messageFor(caseload.error)}</p>
            </Notice>
          ) : null}
          {data && data.rows.length === 0 ? (
            <p className="empty">
              {total === 0 && !filters.status && !filters.priority && !filters.flag && !filters.overdueOnly
                ? 'You have no open cases.'
                : 'No cases match these filters.'}
            </p>
          ) : null}
          {data && data.rows.length > 0 ? (
            <>
              <CaseloadTable
                rows={data.rows}
                sort={sort.key}
                direction={sort.direction}
                onSort={onSort}
                caption={showingText(offset, data.rows.length, total, { one: 'case', many: 'cases' })}
              />
              <Pager label="Caseload pages" offset={offset} pageSize={pageSize} total={total} onChange={setOffset} />
            </>
          ) : null}
        </section>
        <aside className="two-columns__side" aria-labelledby="tasks-heading">
          <MyTasks />
        </aside>
      </div>
    </Page>
  )
}
