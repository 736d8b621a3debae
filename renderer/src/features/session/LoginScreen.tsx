import { useState } from 'react'
import type { z } from 'zod'
import { unlockInput, type LockReason } from '../../../../shared/contract/session'
import { ApiError, call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { AuthLayout } from './AuthLayout'
import { RecoverScreen } from './RecoverScreen'

type UnlockValues = z.input<typeof unlockInput>
const order = ['username', 'passphrase']

const lockMessages: Record<LockReason, string> = {
  idle: 'Harbour locked itself because nobody had used it for a while. Your saved work is safe.',
  system: 'Harbour locked when this computer was locked or went to sleep.',
  manual: 'Harbour is locked.',
  'session-limit': 'You have been signed in for 12 hours, so Harbour locked. Sign in again to carry on.',
  disabled: 'Your account was disabled by an administrator, so your session ended.'
}

/** Sign in (or unlock after a lock): username and passphrase; one message for any mistake. */
export function LoginScreen({ lockReason, onUnlocked }: { lockReason: LockReason | null; onUnlocked: () => void }) {
  const [recovering, setRecovering] = useState(false)
  const [recovered, setRecovered] = useState(false)
  const { register, handleSubmit, setError, formState, resetField } = useHarbourForm<UnlockValues>(unlockInput)

  const submit = handleSubmit(async (values) => {
    try {
      await call('session:unlock', values)
      onUnlocked()
    } catch (error) {
      resetField('passphrase')
      // The store itself cannot be opened: the gate will show why and offer a restore.
      if (error instanceof ApiError && error.code === 'unavailable') onUnlocked()
      else showApiError(error, setError, [])
    }
  })

  if (recovering) {
    return (
      <RecoverScreen
        onCancel={() => setRecovering(false)}
        onDone={() => {
          setRecovered(true)
          setRecovering(false)
        }}
      />
    )
  }

  return (
    <AuthLayout title={lockReason && lockReason !== 'manual' ? 'Harbour is locked' : 'Sign in to Harbour'}>
      {lockReason && lockReason !== 'manual' ? (
        <Notice tone="info" title="Locked to protect records">
          <p>{lockMessages[lockReason]}</p>
        </Notice>
      ) : null}
      {recovered ? (
        <Notice tone="info" title="Passphrase changed">
          <p>Sign in with the new passphrase.</p>
        </Notice>
      ) : null}
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="login" />
      <form onSubmit={submit} noValidate>
        <Field
          id="login-username"
          label="Username"
          autoComplete="username"
          spellCheck={false}
          autoFocus
          error={formState.errors.username?.message}
          {...register('username')}
        />
        <Field
          id="login-passphrase"
          label="Passphrase"
          type="password"
          reveal
          autoComplete="current-password"
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Unlocking…' : 'Sign in'}
        </button>
      </form>
      <p>
        <button type="button" className="link-button" onClick={() => setRecovering(true)}>
          Forgotten your passphrase? Use the recovery code
        </button>
      </p>
    </AuthLayout>
  )
}
