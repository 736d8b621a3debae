import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { ReferralWorklistRow } from '../../../../shared/contract/referrals'
import { mayOpen } from '../../../../shared/contract/screens'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { Pager, showingText } from '../../components/Pager'
import { Tag } from '../../components/Tag'
import { useCurrentUser } from '../session'
import { ExportListButton } from '../list-export'
import { statusColour, statusLabel, urgencyNames, worklistBreachWords } from './labels'

const pageSize = 50

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`

/** The wait as the core counted it, in words for the table. */
function waitCell(row: ReferralWorklistRow) {
  if (!row.wait) return 'Not sent yet'
  const counted = row.wait.daysToTreatment !== null ? `${days(row.wait.daysToTreatment)} to treatment` : days(row.wait.daysWaiting)
  return (
    <>
      {counted}
      {row.wait.breached ? (
        <>
          {' '}
          <Tag colour="red">{worklistBreachWords[row.wait.breached]}</Tag>
        </>
      ) : null}
    </>
  )
}

/**
 * Open referrals: mine (cases I hold, referrals I made) or all I may see, breached first then
 * longest waiting, as the core ordered and counted them. Each row leads to the person.
 */
export function ReferralsWorklist() {
  const user = useCurrentUser()
  const [view, setView] = useState<'mine' | 'all'>('mine')
  const [breachedOnly, setBreachedOnly] = useState(false)
  const [offset, setOffset] = useState(0)
  const input = { view, breachedOnly, page: { offset, limit: pageSize } }
  const list = useQuery({
    queryKey: ['referrals', 'worklist', input],
    queryFn: () => call('referrals:worklist', input),
    placeholderData: keepPreviousData
  })
  const choose = (next: 'mine' | 'all') => {
    setOffset(0)
    setView(next)
  }
  const linkToPerson = mayOpen('/people/:id', user.roles)
  const data = list.data
  return (
    <Page title="Referrals" lead="Open referrals, those past 6 or 18 weeks without treatment first, then those waiting longest.">
      <div className="tabs" role="group" aria-label="Which referrals">
        <button
          type="button"
          className={`tab${view === 'mine' ? ' tab--active' : ''}`}
          aria-pressed={view === 'mine'}
          onClick={() => choose('mine')}
        >
          Mine
        </button>
        <button
          type="button"
          className={`tab${view === 'all' ? ' tab--active' : ''}`}
          aria-pressed={view === 'all'}
          onClick={() => choose('all')}
        >
          All I can see
        </button>
      </div>
      <form className="filters" aria-label="Filter referrals" onSubmit={(event) => event.preventDefault()}>
        <div className="filters__item filters__item--check checkboxes__item">
          <input
            className="checkboxes__input"
            type="checkbox"
            id="filter-breached"
            checked={breachedOnly}
            onChange={(event) => {
              setOffset(0)
              setBreachedOnly(event.target.checked)
            }}
          />
          <label className="checkboxes__label" htmlFor="filter-breached">
            Past 6 or 18 weeks only
          </label>
        </div>
        <div className="button-group">
          <ExportListButton selection={{ list: 'referrals', filters: { view, breachedOnly } }} disabled={data?.total === 0} />
        </div>
      </form>
      {list.isPending ? <Loading what="referrals" /> : null}
      {list.isError ? (
        <Notice tone="error" title="The referrals could not be loaded">
          <p>{messageFor(list.error)}</p>
        </Notice>
      ) : null}
      {data && data.total === 0 ? (
        <p className="empty">
          {breachedOnly
            ? 'No open referral is past 6 weeks.'
            : view === 'mine'
              ? 'You have no open referrals.'
              : 'There are no open referrals.'}
        </p>
      ) : null}
      {data && data.rows.length > 0 ? (
        <>
          <table className="table">
            <caption className="table__caption" role="status">
              {showingText(offset, data.rows.length, data.total, { one: 'open referral', many: 'open referrals' })}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Staff number</th>
                <th scope="col">Where to</th>
                <th scope="col">Status</th>
                <th scope="col">Sent</th>
                <th scope="col">Waiting</th>
                <th scope="col">Last update</th>
                <th scope="col">Case held by</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id}>
                  <td>{linkToPerson ? <Link href={`/people/${row.personId}`}>{row.personName}</Link> : row.personName}</td>
                  <td>{row.staffNumber}</td>
                  <td>
                    {row.destinationName}
                    {row.urgency === 'urgent' ? (
                      <>
                        {' '}
                        <Tag colour="red">{urgencyNames.urgent}</Tag>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Tag colour={statusColour(row)}>{statusLabel(row.status)}</Tag>
                  </td>
                  <td>{row.referredOn ? formatCalendarDate(row.referredOn) : 'Not sent yet'}</td>
                  <td>{waitCell(row)}</td>
                  <td>{row.daysSinceUpdate === 0 ? 'Today' : `${days(row.daysSinceUpdate)} ago`}</td>
                  <td>{row.holderName ?? 'No case'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Pages of referrals" offset={offset} pageSize={pageSize} total={data.total} onChange={setOffset} />
        </>
      ) : null}
    </Page>
  )
}
