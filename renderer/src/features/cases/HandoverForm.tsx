import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { CaseHandover, CaseRecord } from '../../../../shared/contract/cases'
import type { Task } from '../../../../shared/contract/tasks'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Tag } from '../../components/Tag'
import { caseReasonNames } from './labels'
import { tasksKey } from '../tasks'
import { CaseHandoverChoiceForm } from './HandoverChoiceForm'

function TaskLines({ tasks, label, showHolder }: { tasks: Task[]; label: string; showHolder: boolean }) {
  return (
    <ul className="handover-tasks" aria-label={label}>
      {tasks.map((task) => (
        <li key={task.id}>
          {task.title}
          {showHolder ? ` (${task.assigneeName})` : ''} <span className="handover-tasks__due">due {formatCalendarDate(task.dueDate)}</span>{' '}
          {task.overdue ? <Tag colour="red">Overdue</Tag> : null}
        </li>
      ))}
    </ul>
  )
}

/** "4 open tasks moved with it." */
export function tasksMovedWords(count: number): string {
  if (count === 0) return 'No open tasks needed moving.'
  return `${count} open ${count === 1 ? 'task' : 'tasks'} moved with it.`
}

/**
 * Handing one case to a colleague. What moves is listed first, so the clinician sees what
 * the new holder takes on before choosing them; then who, and the note.
 */
export function HandoverForm({
  record,
  onDone,
  onCancel
}: {
  record: CaseRecord
  onDone: (handover: CaseHandover) => void
  onCancel: () => void
}) {
  const queryClient = useQueryClient()
  const preview = useQuery({
    queryKey: ['cases', record.personId, 'handover', record.id],
    queryFn: () => call('cases:handoverPreview', { id: record.id }),
    staleTime: 0
  })
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const headingId = `handover-heading-${record.id}`
  const prefix = `handover-${record.id.slice(0, 8)}`
  return (
    <section className="panel panel--inset handover-form" aria-labelledby={headingId}>
      <h4 className="heading-m" id={headingId} tabIndex={-1} ref={heading}>
        Hand over this case
      </h4>
      <p>
        The {caseReasonNames[record.reason].toLowerCase()} case is with {record.assignedClinicianName}. The new clinician takes it on with
        its open tasks.
      </p>
      {preview.isPending ? <Loading what="the tasks that move" /> : null}
      {preview.isError ? (
        <Notice tone="error" title="The tasks could not be loaded">
          <p>{messageFor(preview.error)}</p>
        </Notice>
      ) : null}
      {preview.data ? (
        <>
          <h5 className="heading-s">
            {preview.data.moving.length === 0
              ? 'No open tasks move with it'
              : `${preview.data.moving.length} open ${preview.data.moving.length === 1 ? 'task moves' : 'tasks move'} to the new clinician`}
          </h5>
          {preview.data.moving.length > 0 ? (
            <TaskLines tasks={preview.data.moving} label="Tasks that move to the new clinician" showHolder={false} />
          ) : null}
          {preview.data.staying.length > 0 ? (
            <>
              <h5 className="heading-s">Given to colleagues, so staying with them</h5>
              <TaskLines tasks={preview.data.staying} label="Tasks that stay where they are" showHolder />
            </>
          ) : null}
        </>
      ) : null}
      <CaseHandoverChoiceForm
        caseId={record.id}
        idPrefix={prefix}
        exclude={[record.assignedClinicianId]}
        submitLabel="Hand over"
        onCancel={onCancel}
        onSubmit={async (choice) => {
          const result = await call('cases:reassign', { id: record.id, ...choice })
          void queryClient.invalidateQueries({ queryKey: ['cases', record.personId] })
          void queryClient.invalidateQueries({ queryKey: tasksKey })
          void queryClient.invalidateQueries({ queryKey: ['caseload'] })
          void queryClient.invalidateQueries({ queryKey: ['notes', record.id] })
          onDone(result.handover)
        }}
      />
    </section>
  )
}

/** Says what the handover did, and takes the focus so a keyboard user hears it. */
export function HandedOverNotice({ record, handover }: { record: CaseRecord; handover: CaseHandover }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [handover])
  return (
    <div className="notice notice--info" role="status" tabIndex={-1} ref={box}>
      <h4 className="notice__title">Case handed over</h4>
      <p>
        {caseReasonNames[record.reason]} case handed over from {handover.fromName} to {handover.toName}.{' '}
        {tasksMovedWords(handover.tasksMoved)}
      </p>
    </div>
  )
}
