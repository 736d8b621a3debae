import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { call } from '../../api'
import { Loading } from '../../components/Notice'
import { Pager, showingText } from '../../components/Pager'
import { TaskList, tasksKey } from './MyTasks'

type Which = { view: 'mine' | 'overdue' } | { view: 'case'; caseId: string }

/**
 * A list of tasks a page at a time, saying how many there are in all ("Showing 1–50 of 644
 * open tasks") from the core's count, with the pages to move through.
 */
export function PagedTasks({
  which,
  pageSize,
  noun,
  empty,
  showPerson,
  label
}: {
  which: Which
  pageSize: number
  noun: { one: string; many: string }
  empty: string
  showPerson: boolean
  label: string
}) {
  const [offset, setOffset] = useState(0)
  const tasks = useQuery({
    queryKey: [...tasksKey, which, 'page', offset, pageSize],
    queryFn: () => call('tasks:list', { ...which, page: { offset, limit: pageSize } }),
    placeholderData: keepPreviousData
  })
  const data = tasks.data
  // Completing the last task on the last page leaves it empty: step back to the last page that
  // has some (set while rendering, as React advises for state that follows fetched data).
  const lastPage = data ? Math.max(0, Math.floor((data.total - 1) / pageSize) * pageSize) : 0
  if (data && !tasks.isPlaceholderData && data.rows.length === 0 && offset > lastPage) setOffset(lastPage)
  if (tasks.isPending) return <Loading what="tasks" />
  if (!data) return null
  if (data.total === 0) return <p className="empty">{empty}</p>
  return (
    <>
      <p className="hint" role="status">
        {showingText(offset, data.rows.length, data.total, noun)}
      </p>
      <TaskList tasks={data.rows} showPerson={showPerson} />
      <Pager label={label} offset={offset} pageSize={pageSize} total={data.total} onChange={setOffset} />
    </>
  )
}
