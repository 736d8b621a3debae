import type { SessionUser } from '../../../../shared/contract/session'
import { AuthLayout } from './AuthLayout'
import { ChangePassphraseForm } from './ChangePassphraseForm'

/** A first sign-in with a passphrase an administrator set: choose your own before anything else. */
export function ChangePassphraseScreen({ user, onChanged }: { user: SessionUser; onChanged: () => void }) {
  return (
    <AuthLayout title="Choose your own passphrase">
      <p>
        Welcome, {user.displayName}. Your administrator gave you a starting passphrase. Choose one that only you know before you carry on.
      </p>
      <ChangePassphraseForm onChanged={onChanged} />
    </AuthLayout>
  )
}
