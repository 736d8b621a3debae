import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { CaseRecord, SafetyWork } from '../../../../shared/contract/cases'
import { ApiError, call, messageFor } from '../../api'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import type { useProblems } from '../../components/forms'

const closeFields = { outcome: 'outcome', closedOn: 'outcome' } as const

/**
 * Closing a case. The core refuses while safety work is open unless the closer confirms having
 * seen it, so on that refusal the work is listed in the app's own dialog; it stays open either way.
 */
export function CloseCaseForm({
  record,
  prefix,
  problems,
  onClosed
}: {
  record: CaseRecord
  prefix: string
  problems: ReturnType<typeof useProblems>
  onClosed: () => void
}) {
  const [closing, setClosing] = useState(false)
  const [outcome, setOutcome] = useState('')
  const [safetyWork, setSafetyWork] = useState<SafetyWork[] | null>(null)
  const close = useMutation({
    mutationFn: (confirmOpenSafetyWork: boolean) =>
      call('cases:close', { id: record.id, outcome, ...(confirmOpenSafetyWork ? { confirmOpenSafetyWork: true as const } : {}) }),
    onMutate: problems.clear,
    onSuccess: () => {
      setSafetyWork(null)
      onClosed()
    },
    onError: async (error, confirmed) => {
      const work =
        !confirmed && error instanceof ApiError && error.code === 'conflict'
          ? await call('cases:safetyWork', { id: record.id }).catch(() => [])
          : []
      if (work.length > 0) setSafetyWork(work)
      else if (!confirmed) problems.show(error, closeFields)
    }
  })
  if (!closing) {
    return (
      <button type="button" className="link-button" onClick={() => setClosing(true)}>
        Close this case
      </button>
    )
  }
  return (
    <div className="form-row form-row--end">
      <Field
        id={`${prefix}-outcome`}
        label="Closure outcome"
        width="full"
        value={outcome}
        error={problems.at('outcome')}
        onChange={(e) => {
          problems.clear()
          setOutcome(e.target.value)
        }}
      />
      <button type="button" className="button button--warning" onClick={() => close.mutate(false)}>
        Close case today
      </button>
      {safetyWork ? (
        <ConfirmDialog
          confirmation={{
            title: 'This case has open safety work',
            explanation: (
              <>
                <p>
                  Closing the case does not close this work: it stays open with the people named below. If you do not hold the case,{' '}
                  {record.assignedClinicianName} is sent a task saying that you closed it.
                </p>
                <ul className="handover-tasks" aria-label="Safety work that stays open">
                  {safetyWork.map((item) => (
                    <li key={item.id}>
                      {item.title}
                      {item.holderName
                        ? ` (with ${item.holderName}${item.dueDate ? `, due ${formatCalendarDate(item.dueDate)}` : ''})`
                        : ''}
                    </li>
                  ))}
                </ul>
              </>
            ),
            confirmLabel: 'Close the case, keeping the safety work open',
            cancelLabel: 'Keep the case open',
            warning: true
          }}
          pending={close.isPending}
          error={close.isError && close.variables ? messageFor(close.error) : null}
          onConfirm={() => close.mutate(true)}
          onCancel={() => setSafetyWork(null)}
        />
      ) : null}
    </div>
  )
}
