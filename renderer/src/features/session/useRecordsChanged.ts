import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onEvent } from '../../api'
import { sessionKey } from './useSession'

/** What is this computer's own, not the records another clinician can change. */
const notRecords = new Set<unknown>([sessionKey[0], 'preferences'])

/**
 * On a team server, another clinician's save reaches this window as `records:changed`: every
 * list and record on screen is asked for again, so nobody works from what was true before.
 * Forms keep what is being typed (they read their data once); a stale save is refused by the
 * core's version check, never written over someone else's.
 */
export function useRecordsChanged(): void {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      onEvent('records:changed', () => {
        void queryClient.invalidateQueries({ predicate: (entry) => !notRecords.has(entry.queryKey[0]) })
      }),
    [queryClient]
  )
}
