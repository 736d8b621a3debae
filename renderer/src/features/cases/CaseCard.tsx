import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { caseFlagNames, type CaseHandover, type CaseRecord } from '../../../../shared/contract/cases'
import { ApiError, call } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { SummaryList } from '../../components/SummaryList'
import { Tag } from '../../components/Tag'
import { useProblems } from '../../components/forms'
import { caseReasonNames, caseStatusNames, priorityColour, priorityNames, statusColour } from './labels'
import { PagedTasks, tasksKey } from '../tasks'
import { CaseStatusForm } from './CaseStatusForm'
import { CloseCaseForm } from './CloseCaseForm'
import { HandedOverNotice, HandoverForm } from './HandoverForm'
import { AddNoteForm, NotesList, notesKey } from '../notes'

function pathwayRows(record: CaseRecord) {
  const rows: { key: string; value: string }[] = []
  const { bereavement, investigation, internalAbuse } = record.pathway
  if (bereavement)
    rows.push({
      key: 'Bereavement counselling',
      value: `Offered ${formatCalendarDate(bereavement.counsellingOfferedOn)}: ${bereavement.response}`
    })
  if (investigation) {
    rows.push({ key: 'Notice served', value: formatCalendarDate(investigation.noticeDate) })
    rows.push({ key: 'Welfare support officer', value: investigation.welfareOfficer ?? 'Not known' })
    rows.push({ key: 'Next hearing', value: formatCalendarDate(investigation.nextHearingDate) })
  }
  if (internalAbuse) {
    rows.push({ key: 'Reported', value: `${internalAbuse.nature.join(', ')} on ${formatCalendarDate(internalAbuse.reportedOn)}` })
    rows.push({ key: 'Support offered', value: internalAbuse.supportOffered ?? 'None recorded' })
  }
  return rows
}

/** Where each action's refused fields sit in this panel (element ids are `${prefix}-${name}`). */
const reviewFields = { nextReviewDate: 'review' } as const
const taskFields = { title: 'task-title', dueDate: 'task-due' } as const

function CaseActions({ record, onHandOver }: { record: CaseRecord; onHandOver: () => void }) {
  const queryClient = useQueryClient()
  const [review, setReview] = useState<string | null>(record.nextReviewDate)
  const [taskTitle, setTaskTitle] = useState('')
  const [taskDue, setTaskDue] = useState<string | null>(null)
  // Bumped after a task is added, so the date boxes start empty again.
  const [taskForm, setTaskForm] = useState(0)
  // One summary for the panel: the last action's refusal, cleared by the next action or edit.
  const problems = useProblems()
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      problems.clear()
      set(value)
    }
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['cases', record.personId] })
    void queryClient.invalidateQueries({ queryKey: tasksKey })
    void queryClient.invalidateQueries({ queryKey: ['caseload'] })
  }
  const update = useMutation({
    mutationFn: (changes: object) => call('cases:update', { id: record.id, version: record.version, ...changes }),
    onMutate: problems.clear,
    onSuccess: refresh,
    onError: (error) => {
      problems.show(error, reviewFields)
      // Someone else saved the case meanwhile: show theirs beside the refusal.
      if (error instanceof ApiError && error.code === 'conflict') refresh()
    }
  })
  const addTask = useMutation({
    mutationFn: () => call('tasks:create', { title: taskTitle, dueDate: taskDue ?? '', personId: record.personId, caseId: record.id }),
    onMutate: problems.clear,
    onSuccess: () => {
      setTaskTitle('')
      setTaskDue(null)
      setTaskForm(taskForm + 1)
      refresh()
    },
    onError: (error) => problems.show(error, taskFields)
  })
  const prefix = `case-${record.id.slice(0, 8)}`
  return (
    <div className="case-actions">
      <ErrorSummary errors={problems.summary} idPrefix={prefix} />
      <CaseStatusForm record={record} />
      <div className="form-row form-row--end">
        <DateField id={`${prefix}-review`} legend="Next review" value={review} onChange={edited(setReview)} error={problems.at('review')} />
        <button type="button" className="button button--secondary" onClick={() => update.mutate({ nextReviewDate: review })}>
          Set review date
        </button>
      </div>
      <h4 className="heading-s">Add a task</h4>
      <div className="form-row form-row--end">
        <Field
          id={`${prefix}-task-title`}
          label="What needs doing"
          value={taskTitle}
          error={problems.at('task-title')}
          onChange={(e) => edited(setTaskTitle)(e.target.value)}
        />
        <DateField
          key={taskForm}
          id={`${prefix}-task-due`}
          legend="Due"
          value={taskDue}
          onChange={edited(setTaskDue)}
          error={problems.at('task-due')}
        />
        <button type="button" className="button button--secondary" onClick={() => addTask.mutate()}>
          Add task
        </button>
      </div>
      <h4 className="heading-s">Hand over</h4>
      <p>
        <button type="button" className="button button--secondary" onClick={onHandOver}>
          Hand over this case
        </button>
      </p>
      <CloseCaseForm record={record} prefix={prefix} problems={problems} onClosed={refresh} />
    </div>
  )
}

/** One case: its facts, notes (with amendments), tasks and the changes a clinician makes. */
export function CaseCard({ record }: { record: CaseRecord }) {
  const [open, setOpen] = useState(record.status !== 'closed')
  const [handingOver, setHandingOver] = useState(false)
  const [handedOver, setHandedOver] = useState<CaseHandover | null>(null)
  const notes = useQuery({ queryKey: notesKey(record.id), queryFn: () => call('notes:forCase', { caseId: record.id }), enabled: open })
  const headingId = `case-heading-${record.id}`
  return (
    <article className="case" aria-labelledby={headingId}>
      <header className="case__header">
        <h3 className="heading-m case__title" id={headingId}>
          <button type="button" className="case__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {caseReasonNames[record.reason]}
          </button>
        </h3>
        <Tag colour={statusColour[record.status]}>{caseStatusNames[record.status]}</Tag>
        <Tag colour={priorityColour[record.priority]}>{priorityNames[record.priority]}</Tag>
        <span className="case__meta">
          Opened {formatCalendarDate(record.openedOn)}
          {record.openedByName ? ` by ${record.openedByName}` : ''} · Held by {record.assignedClinicianName}
        </span>
        {record.assignedClinicianActive ? null : <Tag colour="red">Holder can no longer sign in</Tag>}
      </header>
      {open ? (
        <div className="case__body">
          {handedOver ? <HandedOverNotice record={record} handover={handedOver} /> : null}
          <SummaryList
            rows={[
              { key: 'Next review', value: record.nextReviewDate ? formatCalendarDate(record.nextReviewDate) : 'Not set' },
              { key: 'Last contact', value: record.lastContactDate ? formatCalendarDate(record.lastContactDate) : 'None yet' },
              ...(record.flags.length ? [{ key: 'Flags', value: record.flags.map((f) => caseFlagNames[f]).join('; ') }] : []),
              ...pathwayRows(record),
              ...(record.closedOn
                ? [{ key: 'Closed', value: `${formatCalendarDate(record.closedOn)}: ${record.closureOutcome ?? ''}` }]
                : [])
            ]}
          />
          {handingOver && record.status !== 'closed' ? (
            <HandoverForm
              record={record}
              onCancel={() => setHandingOver(false)}
              onDone={(result) => {
                setHandingOver(false)
                setHandedOver(result)
              }}
            />
          ) : null}
          <div className="case__columns">
            <section aria-label="Notes">
              <h4 className="heading-s">Notes</h4>
              {record.status !== 'closed' ? <AddNoteForm caseId={record.id} idPrefix={`note-${record.id.slice(0, 8)}`} /> : null}
              {notes.data ? <NotesList notes={notes.data} /> : null}
            </section>
            <section aria-label="Tasks and changes">
              <h4 className="heading-s">Tasks</h4>
              <PagedTasks
                which={{ view: 'case', caseId: record.id }}
                pageSize={20}
                noun={{ one: 'task', many: 'tasks' }}
                empty="No tasks."
                showPerson={false}
                label="Pages of this case's tasks"
              />
              {record.status !== 'closed' ? (
                <CaseActions
                  record={record}
                  onHandOver={() => {
                    setHandedOver(null)
                    setHandingOver(true)
                  }}
                />
              ) : null}
            </section>
          </div>
        </div>
      ) : null}
    </article>
  )
}
