import type { z } from 'zod'
import { recoverInput } from '../../../../shared/contract/session'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { AuthLayout } from './AuthLayout'

type RecoverValues = z.input<typeof recoverInput>
const order = ['recoveryCode', 'username', 'passphrase', 'confirmPassphrase']

/** Sets a new passphrase for a user with the store's recovery code (kept offline by the service lead). */
export function RecoverScreen({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { register, handleSubmit, setError, formState } = useHarbourForm<RecoverValues>(recoverInput)
  const submit = handleSubmit(async (values) => {
    try {
      await call('session:recover', values)
      onDone()
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <AuthLayout title="Set a new passphrase with the recovery code">
      <p>Your service lead keeps the recovery code that was shown when Harbour was set up.</p>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="recover" />
      <form onSubmit={submit} noValidate>
        <Field
          id="recover-recoveryCode"
          label="Recovery code"
          hint="For example 7K2M-QX4P-… Dashes and spaces do not matter."
          autoComplete="off"
          spellCheck={false}
          width="full"
          error={formState.errors.recoveryCode?.message}
          {...register('recoveryCode')}
        />
        <Field
          id="recover-username"
          label="Username"
          autoComplete="username"
          spellCheck={false}
          error={formState.errors.username?.message}
          {...register('username')}
        />
        <Field
          id="recover-passphrase"
          label="New passphrase"
          type="password"
          reveal
          autoComplete="new-password"
          hint="At least 15 characters."
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <Field
          id="recover-confirmPassphrase"
          label="Type the new passphrase again"
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.confirmPassphrase?.message}
          {...register('confirmPassphrase')}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Set the new passphrase
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Back to sign in
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
