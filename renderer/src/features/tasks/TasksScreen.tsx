import { useState } from 'react'
import { Page } from '../../components/Page'
import { PagedTasks } from './PagedTasks'

const pageSize = 50

/** My tasks, or only the overdue ones, a page at a time. */
export function TasksScreen() {
  const [view, setView] = useState<'mine' | 'overdue'>('mine')
  return (
    <Page title="Tasks">
      <div className="tabs" role="group" aria-label="Which tasks">
        <button
          type="button"
          className={`tab${view === 'mine' ? ' tab--active' : ''}`}
          aria-pressed={view === 'mine'}
          onClick={() => setView('mine')}
        >
          My tasks
        </button>
        <button
          type="button"
          className={`tab${view === 'overdue' ? ' tab--active' : ''}`}
          aria-pressed={view === 'overdue'}
          onClick={() => setView('overdue')}
        >
          Overdue
        </button>
      </div>
      {/* Keyed by view, so switching starts again at the first page. */}
      <PagedTasks
        key={view}
        which={{ view }}
        pageSize={pageSize}
        noun={view === 'overdue' ? { one: 'overdue task', many: 'overdue tasks' } : { one: 'open task', many: 'open tasks' }}
        empty={view === 'overdue' ? 'Nothing overdue.' : 'No open tasks.'}
        showPerson
        label="Pages of tasks"
      />
    </Page>
  )
}
