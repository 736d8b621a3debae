import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { Task } from '../../../../shared/contract/tasks'
import { call, messageFor } from '../../api'
import { TextArea } from '../../components/TextArea'
import { useDraft } from '../../components/useDraft'

/** Closes a task that needs what happened written down (the follow-up after a safety alert). */
export function OutcomeForm({ task, onCancel }: { task: Task; onCancel: () => void }) {
  const queryClient = useQueryClient()
  const [outcome, setOutcome] = useState('')
  const draft = useDraft({ form: 'task-outcome', subjectId: task.id, label: 'the follow-up outcome', values: { outcome }, initial: { outcome: '' }, restore: (kept) => setOutcome(kept.outcome) })
  const [error, setError] = useState<string | undefined>()
  const box = useRef<HTMLTextAreaElement>(null)
  useEffect(() => box.current?.focus(), [])
  const complete = useMutation({
    mutationFn: () => draft.whileSaving(() => call('tasks:complete', { id: task.id, outcome })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      void queryClient.invalidateQueries({ queryKey: ['alerts'] })
      void queryClient.invalidateQueries({ queryKey: ['notes'] })
    },
    onError: (failure) => setError(messageFor(failure).replace(/\.$/, ''))
  })
  const id = `outcome-${task.id.slice(0, 8)}`
  return (
    <form
      className="task__outcome"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (outcome.trim() === '') return setError('Enter what happened at the follow-up')
        complete.mutate()
      }}
    >
      {draft.notice}
      <TextArea ref={box} id={id} label="What happened at the follow-up" hint="This closes the task and is kept with the safety alert." rows={3} value={outcome} error={error} onChange={(event) => setOutcome(event.target.value)} />
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
