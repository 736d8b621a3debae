import type { z } from 'zod'
import { changePassphraseInput } from '../../../../shared/contract/session'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

type ChangeValues = z.input<typeof changePassphraseInput>
const order = ['current', 'next', 'confirmNext']

/** Current passphrase, then the new one twice. Only this user's key slot changes. */
export function ChangePassphraseForm({ onChanged }: { onChanged: () => void }) {
  const { register, handleSubmit, setError, formState, reset } = useHarbourForm<ChangeValues>(changePassphraseInput)
  const submit = handleSubmit(async (values) => {
    try {
      await call('session:changePassphrase', values)
      reset()
      onChanged()
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="change" />
      <form onSubmit={submit} noValidate>
        <Field
          id="change-current"
          label="Current passphrase"
          type="password"
          reveal
          autoComplete="current-password"
          error={formState.errors.current?.message}
          {...register('current')}
        />
        <Field
          id="change-next"
          label="New passphrase"
          hint="At least 15 characters. A few unrelated words works well."
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.next?.message}
          {...register('next')}
        />
        <Field
          id="change-confirmNext"
          label="Type the new passphrase again"
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.confirmNext?.message}
          {...register('confirmNext')}
        />
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          Change passphrase
        </button>
      </form>
    </>
  )
}
