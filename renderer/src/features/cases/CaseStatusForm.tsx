import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { openStatuses, priorities, type CaseRecord, type CaseStatus, type Priority } from '../../../../shared/contract/cases'
import { ApiError, call, messageFor } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { Notice } from '../../components/Notice'
import { SavedMessage } from '../../components/SavedMessage'
import { caseStatusNames, priorityNames } from './labels'

type OpenStatus = Exclude<CaseStatus, 'closed'>

/**
 * A case's status and priority, changed only by Save: choosing in a select (one arrow key is
 * enough) changes nothing until then, and the save is confirmed on screen.
 */
export function CaseStatusForm({ record }: { record: CaseRecord }) {
  const queryClient = useQueryClient()
  // Only what the user has chosen and not saved; otherwise the selects follow the case.
  const [chosen, setChosen] = useState<{ status?: OpenStatus; priority?: Priority }>({})
  const [saved, setSaved] = useState<{ record: CaseRecord; count: number } | null>(null)
  const status = chosen.status ?? (record.status as OpenStatus)
  const priority = chosen.priority ?? record.priority
  const changed = status !== record.status || priority !== record.priority
  const [unchanged, setUnchanged] = useState(false)
  useLeaveWarning('the case status and priority', changed)
  const save = useMutation({
    mutationFn: () => call('cases:update', { id: record.id, version: record.version, status, priority }),
    onSuccess: (updated) => {
      queryClient.setQueryData<CaseRecord[]>(['cases', record.personId], (cases) => cases?.map((c) => (c.id === updated.id ? updated : c)))
      void queryClient.invalidateQueries({ queryKey: ['cases', record.personId] })
      void queryClient.invalidateQueries({ queryKey: ['caseload'] })
      setChosen({})
      setSaved({ record: updated, count: (saved?.count ?? 0) + 1 })
    },
    onError: (error) => {
      // Someone else saved the case meanwhile: show theirs beside the refusal.
      if (error instanceof ApiError && error.code === 'conflict')
        void queryClient.invalidateQueries({ queryKey: ['cases', record.personId] })
    }
  })
  const prefix = `case-${record.id.slice(0, 8)}`
  const choose = (change: typeof chosen) => {
    // A refusal clears as soon as the user acts again.
    save.reset()
    setChosen({ ...chosen, ...change })
    setSaved(null)
    setUnchanged(false)
  }
  return (
    <form
      noValidate
      aria-label="Status and priority"
      onSubmit={(event) => {
        event.preventDefault()
        if (changed) save.mutate()
        else setUnchanged(true)
      }}
    >
      {save.isError ? (
        <Notice tone="error" title="The status and priority were not saved">
          <p>{messageFor(save.error)}</p>
        </Notice>
      ) : null}
      {saved && !changed ? (
        <SavedMessage title="Status and priority saved" savedKey={String(saved.count)} level={5}>
          <p>
            The case is now {caseStatusNames[saved.record.status]}, priority {priorityNames[saved.record.priority].toLowerCase()}.
          </p>
        </SavedMessage>
      ) : null}
      <div className="form-row form-row--end">
        <div className="form-group">
          <label className="label" htmlFor={`${prefix}-status`}>
            Status
          </label>
          <select
            id={`${prefix}-status`}
            className="select"
            value={status}
            onChange={(e) => choose({ status: e.target.value as OpenStatus })}
          >
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
          <select
            id={`${prefix}-priority`}
            className="select"
            value={priority}
            onChange={(e) => choose({ priority: e.target.value as Priority })}
          >
            {priorities.map((p) => (
              <option key={p} value={p}>
                {priorityNames[p]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary" disabled={save.isPending}>
          Save status and priority
        </button>
      </div>
      {changed ? (
        <p className="hint">Not saved yet.</p>
      ) : unchanged ? (
        <p className="hint">Nothing to save: choose a different status or priority first.</p>
      ) : null}
    </form>
  )
}
