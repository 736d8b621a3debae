/** The session feature's public surface: what other features and the app may import. */
export { AccountScreen } from './AccountScreen'
export { RequireRole } from './RequireRole'
export { SessionGate } from './SessionGate'
export { useCurrentUser, useHasRole } from './SessionContext'
export { SignInNotice } from './SignInNotice'
export { StoreBadge } from './StoreBadge'
export { sessionKey, useRefreshSession } from './useSession'
export { useLock } from './useLock'
