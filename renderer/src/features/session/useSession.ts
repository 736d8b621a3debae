import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { StoreStatus } from '../../../../shared/contract/session'
import { call, onEvent } from '../../api'

export const sessionKey = ['session'] as const

/**
 * The store's state (no store yet / locked / unlocked / unavailable) and who is signed in.
 * Refreshed when main says the store locked itself, and every 20 s as a safety net.
 */
export function useSession() {
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: sessionKey,
    queryFn: () => call('session:status', {}),
    refetchInterval: 20_000
  })
  useEffect(
    () =>
      onEvent('session:changed', () => {
        // Whatever was on screen belonged to the old session: forget it all, then re-ask.
        queryClient.removeQueries({ predicate: (entry) => entry.queryKey[0] !== sessionKey[0] && entry.queryKey[0] !== 'preferences' })
        void queryClient.invalidateQueries({ queryKey: sessionKey })
      }),
    [queryClient]
  )
  return query
}

export function useSetSession() {
  const queryClient = useQueryClient()
  return (status: StoreStatus) => {
    queryClient.removeQueries({ predicate: (entry) => entry.queryKey[0] !== sessionKey[0] && entry.queryKey[0] !== 'preferences' })
    queryClient.setQueryData(sessionKey, status)
  }
}

export function useRefreshSession() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: sessionKey })
}
