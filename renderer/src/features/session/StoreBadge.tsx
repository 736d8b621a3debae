import { useSession } from './useSession'

/**
 * The masthead's word for where records are: "Offline" for this computer's own store (no
 * network connections at all), or the team server it works on, which it does reach, encrypted.
 */
export function StoreBadge() {
  const teamServer = useSession().data?.teamServer ?? null
  if (teamServer)
    return (
      <span
        className="tag tag--offline"
        title={`Records are on the team server ${teamServer.host}. Harbour connects only to it, encrypted, and to nothing else.`}
      >
        Team server
      </span>
    )
  return (
    <span className="tag tag--offline" title="Harbour makes no network connections: records stay on this computer, encrypted.">
      Offline
    </span>
  )
}
