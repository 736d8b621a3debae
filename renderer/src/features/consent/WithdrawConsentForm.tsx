import { Controller } from 'react-hook-form'
import type { z } from 'zod'
import { todayInLondon } from '../../../../shared/calendar-date'
import { consentChannels, type ConsentRecord } from '../../../../shared/contract/consent'
import { call } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

const formSchema = consentChannels['consent:withdraw'].input.omit({ consentId: true })
type Values = z.input<typeof formSchema>
const order = ['withdrawnOn']

/** Withdraws one consent, dated; the record stays in the history. */
export function WithdrawConsentForm({
  consent,
  onDone,
  onCancel
}: {
  consent: ConsentRecord
  onDone: (updated: ConsentRecord) => void
  onCancel: () => void
}) {
  const prefix = `withdraw-${consent.id.slice(0, 8)}`
  const { handleSubmit, setError, formState, control } = useHarbourForm<Values>(formSchema, {
    defaultValues: { withdrawnOn: todayInLondon(new Date()) }
  })
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      onDone(await call('consent:withdraw', { ...values, consentId: consent.id }))
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Withdraw consent to share with ${consent.recipientName}`}
      className="panel panel--inset"
    >
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix={prefix} />
      <Controller
        control={control}
        name="withdrawnOn"
        render={({ field }) => (
          <DateField
            id={`${prefix}-withdrawnOn`}
            legend="Date consent was withdrawn"
            hint="The record stays in the history. Anything already sent is not recalled."
            value={field.value ?? null}
            onChange={field.onChange}
            error={errors.withdrawnOn?.message}
          />
        )}
      />
      <div className="button-group">
        <button type="submit" className="button button--warning button--small" disabled={formState.isSubmitting}>
          Withdraw consent
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
