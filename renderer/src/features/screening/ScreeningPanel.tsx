import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { call } from '../../api'
import { Loading } from '../../components/Notice'
import { ScreeningForm } from './ScreeningForm'
import { ScreeningHistory } from './ScreeningHistory'

/** A person's psychological screening: record a sitting, and read the history at a glance. */
export function ScreeningPanel({ personId, roleId }: { personId: string; roleId: string | null }) {
  const [recording, setRecording] = useState(false)
  const screenings = useQuery({ queryKey: ['screenings', personId], queryFn: () => call('screening:forPerson', { personId }) })
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => call('roles:list', { includeRetired: false }) })
  const battery = roles.data?.find((role) => role.id === roleId)?.screeningBattery ?? []
  return (
    <section className="screening" aria-labelledby="screening-heading">
      <div className="section-heading">
        <h2 className="heading-l" id="screening-heading">
          Screening
        </h2>
        {!recording ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setRecording(true)}>
            Record a screening
          </button>
        ) : null}
      </div>
      {recording ? <ScreeningForm personId={personId} battery={battery} onDone={() => setRecording(false)} /> : null}
      {screenings.isPending ? <Loading what="screenings" /> : null}
      {screenings.data ? <ScreeningHistory screenings={screenings.data} /> : null}
    </section>
  )
}
