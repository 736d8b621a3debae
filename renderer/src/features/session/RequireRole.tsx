import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { allows } from '../../../../shared/contract/access'
import { screenAccess, type GuardedScreen } from '../../../../shared/contract/screens'
import { roleNames } from '../../../../shared/contract/session'
import { Page } from '../../components/Page'
import { useCurrentUser } from './SessionContext'

/**
 * Shows a screen only to the roles its channels serve (shared/contract/screens.ts); others,
 * arriving by its address, get a plain explanation, not an error.
 */
export function RequireRole({ screen, children }: { screen: GuardedScreen; children: ReactNode }) {
  const user = useCurrentUser()
  const allowed = screenAccess[screen]
  if (allows(allowed, user.roles)) return children
  return (
    <Page title="This screen is not available to you">
      <p>
        Only users with the {allowed.map((role) => roleNames[role]).join(' or ')} role can use it. Ask your Harbour administrator if you
        need access.
      </p>
      <p>
        <Link href="/">Go to the home screen</Link>
      </p>
    </Page>
  )
}
