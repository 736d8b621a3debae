import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { Task } from '../../../../shared/contract/tasks'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextArea } from '../../components/TextArea'
import { useProblems } from '../../components/forms'
import { useDraft } from '../../components/useDraft'

/** Closes a task that needs what happened written down (the follow-up after a safety alert). */
export function OutcomeForm({ task, onCancel }: { task: Task; onCancel: () => void }) {
  const queryClient = useQueryClient()
  const [outcome, setOutcome] = useState('')
  const draft = useDraft({
    form: 'task-outcome',
    subjectId: task.id,
    label: 'the follow-up outcome',
    values: { outcome },
    initial: { outcome: '' },
    restore: (kept) => setOutcome(kept.outcome)
  })
  const [missing, setMissing] = useState(false)
  const problems = useProblems()
  const box = useRef<HTMLTextAreaElement>(null)
  useEffect(() => box.current?.focus(), [])
  const complete = useMutation({
    mutationFn: () => draft.whileSaving(() => call('tasks:complete', { id: task.id, outcome })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      void queryClient.invalidateQueries({ queryKey: ['alerts'] })
      void queryClient.invalidateQueries({ queryKey: ['notes'] })
    },
    onMutate: problems.clear,
    onError: (failure) => problems.show(failure, ['outcome'])
  })
  const prefix = `outcome-${task.id.slice(0, 8)}`
  const error = missing ? 'Enter what happened at the follow-up' : problems.at('outcome')
  // One field in a list of tasks: its own problem shows at it, where focus already is; anything else above it.
  const summary = problems.summary.filter((problem) => problem.field === 'form')
  return (
    <form
      className="task__outcome"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        setMissing(outcome.trim() === '')
        if (outcome.trim() !== '') complete.mutate()
      }}
    >
      {draft.notice}
      <ErrorSummary errors={summary} idPrefix={prefix} />
      <TextArea
        ref={box}
        id={`${prefix}-outcome`}
        label="What happened at the follow-up"
        hint="This closes the task and is kept with the safety alert."
        rows={3}
        value={outcome}
        error={error}
        onChange={(event) => {
          setMissing(false)
          problems.clear()
          setOutcome(event.target.value)
        }}
      />
      <div className="button-group">
        <button type="submit" className="button button--small" disabled={complete.isPending}>
          Record and close<span className="visually-hidden"> {task.title}</span>
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
