import { createContext, useContext } from 'react'
import type { Role, SessionUser } from '../../../../shared/contract/session'

export const SessionContext = createContext<SessionUser | null>(null)

/** The signed-in user; only used inside the SessionGate, where there always is one. */
export function useCurrentUser(): SessionUser {
  const user = useContext(SessionContext)
  if (!user) throw new Error('useCurrentUser needs a signed-in session')
  return user
}

export function useHasRole(role: Role): boolean {
  return useCurrentUser().roles.includes(role)
}
