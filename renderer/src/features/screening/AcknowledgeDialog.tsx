import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Controller } from 'react-hook-form'
import type { z } from 'zod'
import { todayInLondon } from '../../../../shared/calendar-date'
import { acknowledgeInput, type Alert } from '../../../../shared/contract/screening'
import { formatTime } from '../../../../shared/dates'
import { call } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useModal } from '../../components/useModal'
import { useCurrentUser } from '../session'
import { alertsKey } from './query-keys'
import { sittingWords } from './labels'

const formSchema = acknowledgeInput.omit({ alertId: true })
type Values = z.input<typeof formSchema>
const order = ['actionNote', 'actionTakenBy', 'actionTakenOn', 'actionTakenTime', 'followUpDate']

/**
 * Records the action taken on a safety alert: what was done, by whom, when, and any date to
 * follow up. A dialog on the page's own background, so its errors are always readable.
 */
export function AcknowledgeDialog({ alert, onClose, onDone }: { alert: Alert; onClose: () => void; onDone: (message: string) => void }) {
  const dialog = useModal(true)
  const queryClient = useQueryClient()
  const user = useCurrentUser()
  const clinicians = useQuery({ queryKey: ['clinicians'], queryFn: () => call('caseload:clinicians', {}) })
  const now = new Date()
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<Values>(formSchema, {
    defaultValues: {
      actionNote: '',
      actionTakenBy: user.id,
      actionTakenOn: todayInLondon(now),
      actionTakenTime: formatTime(now),
      followUpDate: null
    }
  })
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      const done = await call('screening:acknowledge', { ...values, alertId: alert.id })
      void queryClient.invalidateQueries({ queryKey: alertsKey })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      void queryClient.invalidateQueries({ queryKey: ['notes'] })
      void queryClient.invalidateQueries({ queryKey: ['caseload'] })
      onDone(
        `The safety alert for ${done.personName} is acknowledged. The action taken is kept with the alert${done.followUpDate ? ', and a follow-up task has been set' : ''}.`
      )
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  const id = `ack-${alert.id.slice(0, 8)}`
  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 className="heading-m" id={`${id}-title`}>
        Record the action taken
      </h2>
      <p>
        <strong>{alert.personName}</strong>: {alert.message}
        <br />
        <span className="hint">From the {sittingWords(alert)}.</span>
      </p>
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix={id} />
      <form onSubmit={submit} noValidate>
        <TextArea
          id={`${id}-actionNote`}
          label="Action taken"
          hint="What was done to keep the person safe, and who was told."
          error={errors.actionNote?.message}
          {...register('actionNote')}
        />
        <SelectField
          id={`${id}-actionTakenBy`}
          label="Action taken by"
          options={(clinicians.data ?? [{ id: user.id, displayName: user.displayName }]).map((c) => ({
            value: c.id,
            label: c.displayName
          }))}
          error={errors.actionTakenBy?.message}
          {...register('actionTakenBy')}
        />
        <div className="form-row">
          <Controller
            control={control}
            name="actionTakenOn"
            render={({ field }) => (
              <DateField
                id={`${id}-actionTakenOn`}
                legend="Date the action was taken"
                value={field.value ?? null}
                onChange={(value) => field.onChange(value ?? undefined)}
                error={errors.actionTakenOn?.message}
              />
            )}
          />
          <Field
            id={`${id}-actionTakenTime`}
            label="Time"
            hint="24-hour clock, for example 14:05"
            width="narrow"
            error={errors.actionTakenTime?.message}
            {...register('actionTakenTime')}
          />
        </div>
        <Controller
          control={control}
          name="followUpDate"
          render={({ field }) => (
            <DateField
              id={`${id}-followUpDate`}
              legend="Follow up by (optional)"
              hint="A task is set for this date: for the case clinician, or with no open case for whoever took the action. It closes only with what happened written down."
              value={field.value ?? null}
              onChange={field.onChange}
              error={errors.followUpDate?.message}
            />
          )}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Acknowledge the alert
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  )
}
