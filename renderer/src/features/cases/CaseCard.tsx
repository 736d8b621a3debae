import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate, todayInLondon } from '../../../../shared/calendar-date'
import { caseFlagNames, openStatuses, type CaseRecord } from '../../../../shared/contract/cases'
import { call, messageFor } from '../../api'
import { DateField } from '../../components/DateField'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { SummaryList } from '../../components/SummaryList'
import { Tag } from '../../components/Tag'
import { caseReasonNames, caseStatusNames, priorityColour, priorityNames, statusColour } from '../caseload/labels'
import { tasksKey } from '../tasks/MyTasks'
import { PagedTasks } from '../tasks/PagedTasks'
import { AddNoteForm, NotesList } from './NotesList'

function pathwayRows(record: CaseRecord) {
  const rows: { key: string; value: string }[] = []
  const { bereavement, investigation, internalAbuse } = record.pathway
  if (bereavement) rows.push({ key: 'Bereavement counselling', value: `Offered ${formatCalendarDate(bereavement.counsellingOfferedOn)}: ${bereavement.response}` })
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

function CaseActions({ record }: { record: CaseRecord }) {
  const queryClient = useQueryClient()
  const [review, setReview] = useState<string | null>(record.nextReviewDate)
  const [taskTitle, setTaskTitle] = useState('')
  const [taskDue, setTaskDue] = useState<string | null>(null)
  const [outcome, setOutcome] = useState('')
  const [closing, setClosing] = useState(false)
  // Bumped after a task is added, so the date boxes start empty again.
  const [taskForm, setTaskForm] = useState(0)
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['cases', record.personId] })
    void queryClient.invalidateQueries({ queryKey: tasksKey })
    void queryClient.invalidateQueries({ queryKey: ['caseload'] })
  }
  const update = useMutation({ mutationFn: (changes: object) => call('cases:update', { id: record.id, ...changes }), onSuccess: refresh })
  const addTask = useMutation({
    mutationFn: () => call('tasks:create', { title: taskTitle, dueDate: taskDue ?? '', personId: record.personId, caseId: record.id }),
    onSuccess: () => {
      setTaskTitle('')
      setTaskDue(null)
      setTaskForm(taskForm + 1)
      refresh()
    }
  })
  const clinicians = useQuery({ queryKey: ['clinicians'], queryFn: () => call('caseload:clinicians', {}) })
  const [handoverTo, setHandoverTo] = useState('')
  const [handoverNote, setHandoverNote] = useState('')
  const reassign = useMutation({
    mutationFn: () => call('cases:reassign', { id: record.id, clinicianId: handoverTo, note: handoverNote }),
    onSuccess: () => {
      setHandoverNote('')
      refresh()
      void queryClient.invalidateQueries({ queryKey: ['notes', record.id] })
    }
  })
  const close = useMutation({ mutationFn: () => call('cases:close', { id: record.id, outcome, closedOn: todayInLondon(new Date()) }), onSuccess: refresh })
  const failure = update.error ?? addTask.error ?? close.error ?? reassign.error
  const prefix = `case-${record.id.slice(0, 8)}`
  return (
    <div className="case-actions">
      {failure ? (
        <Notice tone="error" title="That was not saved">
          <p>{messageFor(failure)}</p>
        </Notice>
      ) : null}
      <div className="form-row">
        <div className="form-group">
          <label className="label" htmlFor={`${prefix}-status`}>
            Status
          </label>
          <select id={`${prefix}-status`} className="select" value={record.status} onChange={(e) => update.mutate({ status: e.target.value })}>
            {openStatuses.map((s) => (
                <option key={s} value={s}>
                  {caseStatusNames[s]}
                </option>
              ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor={`${prefix}-priority`}>
            Priority
          </label>
          <select id={`${prefix}-priority`} className="select" value={record.priority} onChange={(e) => update.mutate({ priority: e.target.value })}>
            <option value="routine">Routine</option>
            <option value="soon">Soon</option>
            <option value="urgent">Urgent</option>
          </select>
        </div>
      </div>
      <div className="form-row form-row--end">
        <DateField id={`${prefix}-review`} legend="Next review" value={review} onChange={setReview} />
        <button type="button" className="button button--secondary" onClick={() => update.mutate({ nextReviewDate: review })}>
          Set review date
        </button>
      </div>
      <h4 className="heading-s">Add a task</h4>
      <div className="form-row form-row--end">
        <Field id={`${prefix}-task-title`} label="What needs doing" value={taskTitle} onChange={(e) => setTaskTitle(e.target.value)} />
        <DateField key={taskForm} id={`${prefix}-task-due`} legend="Due" value={taskDue} onChange={setTaskDue} />
        <button type="button" className="button button--secondary" onClick={() => addTask.mutate()}>
          Add task
        </button>
      </div>
      <h4 className="heading-s">Hand over</h4>
      <div className="form-row form-row--end">
        <div className="form-group">
          <label className="label" htmlFor={`${prefix}-handover-to`}>
            To
          </label>
          <select id={`${prefix}-handover-to`} className="select" value={handoverTo} onChange={(e) => setHandoverTo(e.target.value)}>
            <option value="">Choose a clinician</option>
            {(clinicians.data ?? [])
              .filter((c) => c.id !== record.assignedClinicianId)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayName}
                </option>
              ))}
          </select>
        </div>
        <Field id={`${prefix}-handover-note`} label="Handover note" value={handoverNote} onChange={(e) => setHandoverNote(e.target.value)} />
        <button type="button" className="button button--secondary" onClick={() => reassign.mutate()}>
          Hand over
        </button>
      </div>
      {closing ? (
        <div className="form-row form-row--end">
          <Field id={`${prefix}-outcome`} label="Closure outcome" width="full" value={outcome} onChange={(e) => setOutcome(e.target.value)} />
          <button type="button" className="button button--warning" onClick={() => close.mutate()}>
            Close case today
          </button>
        </div>
      ) : (
        <button type="button" className="link-button" onClick={() => setClosing(true)}>
          Close this case
        </button>
      )}
    </div>
  )
}

/** One case: its facts, notes (with amendments), tasks and the changes a clinician makes. */
export function CaseCard({ record }: { record: CaseRecord }) {
  const [open, setOpen] = useState(record.status !== 'closed')
  const notes = useQuery({ queryKey: ['notes', record.id], queryFn: () => call('notes:forCase', { caseId: record.id }), enabled: open })
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
          Opened {formatCalendarDate(record.openedOn)} · {record.assignedClinicianName}
        </span>
      </header>
      {open ? (
        <div className="case__body">
          <SummaryList
            rows={[
              { key: 'Next review', value: record.nextReviewDate ? formatCalendarDate(record.nextReviewDate) : 'Not set' },
              { key: 'Last contact', value: record.lastContactDate ? formatCalendarDate(record.lastContactDate) : 'None yet' },
              ...(record.flags.length ? [{ key: 'Flags', value: record.flags.map((f) => caseFlagNames[f]).join('; ') }] : []),
              ...pathwayRows(record),
              ...(record.closedOn ? [{ key: 'Closed', value: `${formatCalendarDate(record.closedOn)}: ${record.closureOutcome ?? ''}` }] : [])
            ]}
          />
          <div className="case__columns">
            <section aria-label="Notes">
              <h4 className="heading-s">Notes</h4>
              {record.status !== 'closed' ? <AddNoteForm caseId={record.id} idPrefix={`note-${record.id.slice(0, 8)}`} /> : null}
              {notes.data ? <NotesList notes={notes.data} /> : null}
            </section>
            <section aria-label="Tasks and changes">
              <h4 className="heading-s">Tasks</h4>
              <PagedTasks which={{ view: 'case', caseId: record.id }} pageSize={20} noun={{ one: 'task', many: 'tasks' }} empty="No tasks." showPerson={false} label="Pages of this case's tasks" />
              {record.status !== 'closed' ? <CaseActions record={record} /> : null}
            </section>
          </div>
        </div>
      ) : null}
    </article>
  )
}
