import { useState } from 'react'
import type { z } from 'zod'
import { minimumPassphraseLength } from '../../../../shared/passphrase'
import { setupInput, usernameHint, type SessionUser } from '../../../../shared/contract/session'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { AuthLayout } from './AuthLayout'
import { RecoveryCodeScreen } from './RecoveryCodeScreen'

type SetupValues = z.input<typeof setupInput>
const order = ['displayName', 'username', 'passphrase', 'confirmPassphrase']

/** First run on this computer: create the encrypted store and its first administrator. */
export function SetupScreen({ onCreated, onDone, onBack }: { onCreated: () => void; onDone: () => void; onBack?: () => void }) {
  const [created, setCreated] = useState<{ recoveryCode: string; user: SessionUser } | null>(null)
  const form = useHarbourForm<SetupValues>(setupInput, { mode: 'onSubmit' })
  const { register, handleSubmit, setError, formState } = form

  const submit = handleSubmit(async (values) => {
    try {
      const result = await call('session:setup', values)
      onCreated()
      setCreated(result)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })

  if (created) return <RecoveryCodeScreen code={created.recoveryCode} name={created.user.displayName} onDone={onDone} />

  return (
    <AuthLayout title="Set up Harbour on this computer">
      <p>
        Harbour keeps its records in an encrypted store in this computer&apos;s data folder. Create the store and the first administrator
        account. You can add the rest of your team afterwards.
      </p>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="setup" />
      <form onSubmit={submit} noValidate>
        <Field
          id="setup-displayName"
          label="Your full name"
          autoComplete="name"
          error={formState.errors.displayName?.message}
          {...register('displayName')}
        />
        <Field
          id="setup-username"
          label="Username"
          hint={`You will sign in with this. ${usernameHint('j.smith')}`}
          autoComplete="username"
          spellCheck={false}
          error={formState.errors.username?.message}
          {...register('username')}
        />
        <Field
          id="setup-passphrase"
          label="Passphrase"
          hint={`At least ${minimumPassphraseLength} characters. A few unrelated words is easiest to remember, for example "tidal lantern quiet pebble".`}
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <Field
          id="setup-confirmPassphrase"
          label="Type the passphrase again"
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.confirmPassphrase?.message}
          {...register('confirmPassphrase')}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Creating the encrypted store…' : 'Create the store'}
          </button>
          {onBack ? (
            <button type="button" className="button button--secondary" onClick={onBack}>
              Back
            </button>
          ) : null}
        </div>
      </form>
    </AuthLayout>
  )
}
