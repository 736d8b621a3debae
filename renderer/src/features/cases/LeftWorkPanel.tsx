import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { LeftWork } from '../../../../shared/contract/cases'
import { call } from '../../api'
import { Tag } from '../../components/Tag'
import { caseReasonNames } from './labels'
import { tasksKey } from '../tasks'
import { HandoverChoiceForm } from './HandoverChoiceForm'

export const leftWorkKey = ['cases', 'left-work'] as const

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

interface Done {
  fromName: string
  toName: string
  cases: number
  tasks: number
  stillHeld: number
}

function DoneNotice({ done }: { done: Done }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [done])
  return (
    <div className="notice notice--info" role="status" tabIndex={-1} ref={box}>
      <h3 className="notice__title">Work handed over</h3>
      <p>
        {done.fromName}&apos;s {plural(done.cases, 'open case', 'open cases')} and {plural(done.tasks, 'open task', 'open tasks')} are now
        with {done.toName}.
      </p>
      {done.stillHeld > 0 ? (
        <p>
          {plural(done.stillHeld, 'more item is', 'more items are')} on records restricted to named clinicians. One of the clinicians named
          on those records must hand them over.
        </p>
      ) : null}
    </div>
  )
}

function OneLeaver({ work, onDone }: { work: LeftWork; onDone: (done: Done) => void }) {
  const queryClient = useQueryClient()
  const headingId = `left-${work.userId}`
  return (
    <section className="left-work__person" aria-labelledby={headingId}>
      <h3 className="heading-s" id={headingId}>
        {work.name}: {plural(work.cases.length, 'open case', 'open cases')}, {plural(work.tasks.length, 'open task', 'open tasks')}
      </h3>
      {work.cases.length > 0 ? (
        <ul className="handover-tasks" aria-label={`Cases ${work.name} holds`}>
          {work.cases.map((item) => (
            <li key={item.id}>
              <Link href={`/people/${item.personId}`}>{item.personName}</Link>: {caseReasonNames[item.reason]}
              {item.nextReviewDate ? `, review ${formatCalendarDate(item.nextReviewDate)}` : ''}{' '}
              {item.reviewOverdue ? <Tag colour="red">Overdue</Tag> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {work.tasks.length > 0 ? (
        <ul className="handover-tasks" aria-label={`Tasks ${work.name} holds`}>
          {work.tasks.map((task) => (
            <li key={task.id}>
              {task.title}
              {task.personId ? (
                <>
                  {' '}
                  for <Link href={`/people/${task.personId}`}>{task.personName}</Link>
                </>
              ) : null}
              , due {formatCalendarDate(task.dueDate)} {task.overdue ? <Tag colour="red">Overdue</Tag> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <HandoverChoiceForm
        idPrefix={`left-${work.userId.slice(0, 8)}`}
        exclude={[work.userId]}
        submitLabel={`Hand over ${work.name}'s work`}
        leaveLabel={`the handover of ${work.name}'s work`}
        onSubmit={async (choice) => {
          const done = await call('cases:handOverLeftWork', { fromUserId: work.userId, ...choice })
          void queryClient.invalidateQueries({ queryKey: ['cases'] })
          void queryClient.invalidateQueries({ queryKey: tasksKey })
          void queryClient.invalidateQueries({ queryKey: ['caseload'] })
          onDone(done)
        }}
      />
    </section>
  )
}

/**
 * Open cases and tasks still held by people who can no longer sign in (a clinician who left),
 * as far as the viewer may see them, so nothing waits unseen with them; handed over in one step.
 * Shown only when there is something, or to say what was just done.
 */
export function LeftWorkPanel() {
  const left = useQuery({ queryKey: leftWorkKey, queryFn: () => call('cases:leftWork', {}) })
  const [done, setDone] = useState<Done | null>(null)
  const work = left.data ?? []
  if (work.length === 0 && !done) return null
  return (
    <section className="panel left-work" aria-labelledby="left-work-heading">
      <h2 className="heading-m" id="left-work-heading">
        Work left with people who can no longer sign in
      </h2>
      {done ? <DoneNotice done={done} /> : null}
      {work.length > 0 ? <p>Their accounts are disabled, so nobody sees this work until it is handed to a clinician who can.</p> : null}
      {work.map((item) => (
        <OneLeaver key={item.userId} work={item} onDone={setDone} />
      ))}
    </section>
  )
}
