import { useState } from 'react'
import type { z } from 'zod'
import { unlockInput, type LockReason, type TeamServerSummary } from '../../../../shared/contract/session'
import { ApiError, call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { AuthLayout, footnotes } from './AuthLayout'
import { RecoverScreen } from './RecoverScreen'
import { secondsInWords, useCountdown } from './useCountdown'

type UnlockValues = z.input<typeof unlockInput>

/** The window's clock time that many seconds from now (the countdown reads the same clock). */
function secondsFromNow(seconds: number): number {
  return Date.now() + seconds * 1000
}
const order = ['username', 'passphrase']

const lockMessages: Record<LockReason, string> = {
  idle: 'Harbour locked itself because nobody had used it for a while. Your saved work is safe.',
  system: 'Harbour locked when this computer was locked or went to sleep.',
  manual: 'Harbour is locked.',
  'session-limit': 'You have been signed in for 12 hours, so Harbour locked. Sign in again to carry on.',
  disabled: 'Your account was disabled by an administrator, so your session ended.',
  'signed-out': 'You have signed out.'
}

/**
 * Sign in (or unlock after a lock): username and passphrase; one message for any mistake.
 * After a lock the username of whoever was signed in is filled in, with a way to sign in as
 * someone else. When there have been too many attempts, the typed passphrase stays and a
 * countdown says when to try again (announced once, and again when it is over).
 */
export function LoginScreen({
  lockReason,
  lastUsername = null,
  teamServer = null,
  onUnlocked
}: {
  lockReason: LockReason | null
  lastUsername?: string | null
  /** The team server this computer works on; null for its own store. */
  teamServer?: TeamServerSummary | null
  onUnlocked: () => void
}) {
  const [recovering, setRecovering] = useState(false)
  const [recovered, setRecovered] = useState(false)
  const [someoneElse, setSomeoneElse] = useState(false)
  const [wait, setWait] = useState<{ until: number; seconds: number } | null>(null)
  const waiting = useCountdown(wait?.until ?? null)
  // Signing out ends the session for good: the next person starts from an empty username.
  const signedOut = lockReason === 'signed-out'
  const prefilled = !someoneElse && lockReason !== null && lockReason !== 'disabled' && !signedOut ? lastUsername : null
  const { register, handleSubmit, setError, formState, resetField, setValue, setFocus } = useHarbourForm<UnlockValues>(unlockInput, {
    defaultValues: { username: prefilled ?? '', passphrase: '' }
  })

  const submit = handleSubmit(async (values) => {
    try {
      setWait(null)
      await call('session:unlock', values)
      onUnlocked()
    } catch (error) {
      // Waiting is not a mistake: keep what was typed and count down to the next try.
      if (error instanceof ApiError && error.code === 'rate-limited' && error.retryAfterSeconds) {
        setWait({ until: secondsFromNow(error.retryAfterSeconds), seconds: error.retryAfterSeconds })
        return
      }
      resetField('passphrase')
      // The store itself cannot be opened: the gate will show why and offer a restore.
      if (error instanceof ApiError && error.code === 'unavailable') onUnlocked()
      else showApiError(error, setError, [])
    }
  })

  const signInAsSomeoneElse = () => {
    setSomeoneElse(true)
    setValue('username', '')
    resetField('passphrase')
    setFocus('username')
  }

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

  const locked = lockReason && lockReason !== 'manual' && !signedOut && !someoneElse
  return (
    <AuthLayout
      title={locked ? 'Harbour is locked' : 'Sign in to Harbour'}
      footnote={teamServer ? footnotes.teamServer : footnotes.thisComputer}
    >
      {signedOut ? (
        <Notice tone="info" title="You have signed out">
          <p>Your drafts are kept for when you next sign in.</p>
        </Notice>
      ) : null}
      {locked ? (
        <Notice tone="info" title="Locked to protect records">
          <p>{lockMessages[lockReason]}</p>
        </Notice>
      ) : null}
      {recovered ? (
        <Notice tone="info" title="Passphrase changed">
          <p>Sign in with the new passphrase.</p>
        </Notice>
      ) : null}
      {waiting > 0 ? (
        <Notice tone="error" title="Too many attempts" announce={false}>
          <p>Try again in {secondsInWords(waiting)}. What you typed has been kept.</p>
        </Notice>
      ) : null}
      {/* Said once when the wait starts and once when it ends, not every second. */}
      <p className="visually-hidden" role="status">
        {wait === null
          ? ''
          : waiting > 0
            ? `Too many attempts. You can try again in ${secondsInWords(wait.seconds)}.`
            : 'You can sign in again now.'}
      </p>
      {teamServer ? (
        <p>
          Team server: <strong>{teamServer.host}</strong>, database <strong>{teamServer.database}</strong>
        </p>
      ) : null}
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="login" />
      <form onSubmit={submit} noValidate>
        <Field
          id="login-username"
          label="Username"
          autoComplete="username"
          spellCheck={false}
          autoFocus={!prefilled}
          error={formState.errors.username?.message}
          {...register('username')}
        />
        {prefilled ? (
          <p>
            <a
              href="#login-username"
              onClick={(event) => {
                event.preventDefault()
                signInAsSomeoneElse()
              }}
            >
              Sign in as someone else
            </a>
          </p>
        ) : null}
        <Field
          id="login-passphrase"
          label="Passphrase"
          type="password"
          reveal
          autoComplete="current-password"
          autoFocus={Boolean(prefilled)}
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <button type="submit" className="button" disabled={formState.isSubmitting || waiting > 0}>
          {formState.isSubmitting ? 'Unlocking…' : 'Sign in'}
        </button>
      </form>
      {teamServer ? (
        <p className="hint">Forgotten your passphrase? The force’s IT team sets a new one on the team server.</p>
      ) : (
        <p>
          <button type="button" className="link-button" onClick={() => setRecovering(true)}>
            Forgotten your passphrase? Use the recovery code
          </button>
        </p>
      )}
    </AuthLayout>
  )
}
