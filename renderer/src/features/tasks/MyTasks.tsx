import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { howTaskCloses, type Task } from '../../../../shared/contract/tasks'
import { call, messageFor } from '../../api'
import { Notice } from '../../components/Notice'
import { Tag } from '../../components/Tag'
import { OutcomeForm } from './OutcomeForm'

export const tasksKey = ['tasks'] as const

export function TaskList({ tasks, showPerson }: { tasks: Task[]; showPerson: boolean }) {
  const queryClient = useQueryClient()
  const [recording, setRecording] = useState<string | null>(null)
  const complete = useMutation({
    mutationFn: (id: string) => call('tasks:complete', { id }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tasksKey })
      void queryClient.invalidateQueries({ queryKey: ['caseload'] })
    }
  })
  return (
    <>
      {complete.isError ? (
        <Notice tone="error" title="The task was not completed">
          <p>{messageFor(complete.error)}</p>
        </Notice>
      ) : null}
      <ul className="task-list">
        {tasks.map((task) => (
          <li key={task.id} className={`task${task.status === 'done' ? ' task--done' : ''}`}>
            <div className="task__text">
              <span className="task__title">{task.title}</span>
              {showPerson && task.personId ? (
                <Link href={`/people/${task.personId}`} className="task__person">
                  {task.personName}
                </Link>
              ) : null}
              <span className="task__due">
                {task.status === 'done' ? 'Done' : `Due ${formatCalendarDate(task.dueDate)}`}{' '}
                {task.overdue ? <Tag colour="red">Overdue</Tag> : null}
              </span>
            </div>
            {task.status === 'open' && howTaskCloses(task.source) === 'acknowledge-alert' && task.personId ? (
              <Link href={`/people/${task.personId}`} className="button button--secondary button--small">
                {/* It opens the record, where the alert is acknowledged with the action taken: the same words as there. */}
                Record the action taken<span className="visually-hidden"> on the safety alert for {task.personName}</span>
              </Link>
            ) : task.status === 'open' && howTaskCloses(task.source) === 'record-decision' && task.personId ? (
              <Link href={`/people/${task.personId}`} className="button button--secondary button--small">
                Record decision<span className="visually-hidden"> on the screening result for {task.personName}</span>
              </Link>
            ) : task.status === 'open' && howTaskCloses(task.source) === 'record-outcome' ? (
              recording === task.id ? null : (
                <button type="button" className="button button--secondary button--small" onClick={() => setRecording(task.id)}>
                  Record what happened<span className="visually-hidden">: {task.title}</span>
                </button>
              )
            ) : task.status === 'open' && howTaskCloses(task.source) === 'mark-read' ? (
              <button type="button" className="button button--secondary button--small" onClick={() => complete.mutate(task.id)}>
                Mark as read
                <span className="visually-hidden">: the handover of the case{task.personName ? ` for ${task.personName}` : ''}</span>
              </button>
            ) : task.status === 'open' ? (
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={`Done: ${task.title}`}
                onClick={() => complete.mutate(task.id)}
              >
                Done
              </button>
            ) : null}
            {recording === task.id ? <OutcomeForm task={task} onCancel={() => setRecording(null)} /> : null}
            {task.status === 'done' && task.outcome ? <p className="task__outcome-text">{task.outcome}</p> : null}
          </li>
        ))}
      </ul>
    </>
  )
}

/** My open tasks, soonest first, with overdue ones marked. */
export function MyTasks() {
  const tasks = useQuery({
    queryKey: [...tasksKey, 'mine'],
    queryFn: () => call('tasks:list', { view: 'mine', page: { offset: 0, limit: 20 } })
  })
  return (
    <section className="panel panel--compact">
      <h2 className="heading-m" id="tasks-heading">
        My tasks
      </h2>
      {tasks.data ? (
        tasks.data.rows.length === 0 ? (
          <p className="empty">Nothing due. Well done.</p>
        ) : (
          <>
            <TaskList tasks={tasks.data.rows} showPerson />
            {tasks.data.total > tasks.data.rows.length ? (
              <p className="hint">
                Showing the first {tasks.data.rows.length} of {tasks.data.total}. <Link href="/tasks">See all your tasks</Link>
              </p>
            ) : null}
          </>
        )
      ) : null}
    </section>
  )
}
