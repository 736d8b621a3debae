import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { roleNames, type Role } from '../../../../shared/contract/session'
import { Page } from '../../components/Page'
import { useHasRole } from './SessionContext'

/** Shows a screen only to holders of a role; others get a plain explanation, not an error. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const allowed = useHasRole(role)
  if (allowed) return children
  return (
    <Page title="This screen is not available to you">
      <p>Only users with the {roleNames[role]} role can use it. Ask your Harbour administrator if you need access.</p>
      <p>
        <Link href="/">Go to the home screen</Link>
      </p>
    </Page>
  )
}
