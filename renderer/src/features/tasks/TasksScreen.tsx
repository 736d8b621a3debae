import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { call } from '../../api'
import { Loading } from '../../components/Notice'
import { Page } from '../../components/Page'
import { TaskList, tasksKey } from './MyTasks'

/** My tasks, or only the overdue ones. */
export function TasksScreen() {
  const [view, setView] = useState<'mine' | 'overdue'>('mine')
  const tasks = useQuery({ queryKey: [...tasksKey, view, 'page'], queryFn: () => call('tasks:list', { view, page: { offset: 0, limit: 200 } }) })
  return (
    <Page title="Tasks">
      <div className="tabs" role="group" aria-label="Which tasks">
        <button type="button" className={`tab${view === 'mine' ? ' tab--active' : ''}`} aria-pressed={view === 'mine'} onClick={() => setView('mine')}>
          My tasks
        </button>
        <button type="button" className={`tab${view === 'overdue' ? ' tab--active' : ''}`} aria-pressed={view === 'overdue'} onClick={() => setView('overdue')}>
          Overdue
        </button>
      </div>
      {tasks.isPending ? <Loading what="tasks" /> : null}
      {tasks.data ? (
        tasks.data.rows.length ? (
          <>
            <p className="hint">
              {tasks.data.total} {view === 'overdue' ? 'overdue' : 'open'} {tasks.data.total === 1 ? 'task' : 'tasks'}
            </p>
            <TaskList tasks={tasks.data.rows} showPerson />
          </>
        ) : (
          <p className="empty">{view === 'overdue' ? 'Nothing overdue.' : 'No open tasks.'}</p>
        )
      ) : null}
    </Page>
  )
}
