import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { useDraftWaiting } from '../../components/useDraft'
import { useKeepAllDrafts } from '../../app/LeaveGuard'
import { sessionKey } from '../session'
import { useFocusAfterRender } from '../../components/useFocusAfterRender'
import { caseReasonNames } from '../../../../shared/contract/cases'
import type { SavedScreening, Screening } from '../../../../shared/contract/screening'
import { HandoverChoice } from './HandoverChoice'
import { ScreeningForm } from './ScreeningForm'
import { SavedNotice } from './SavedNotice'
import { incidentEvents, mayMarkIncidents, type ChartEvent } from '../../../../shared/screening-chart'
import { exposuresKey } from '../incidents'
import { useCurrentUser } from '../session'
import { correctButtonId, ScreeningHistory } from './ScreeningHistory'

/** A person's psychological screening: record a sitting, and read the history at a glance. */
export function ScreeningPanel({ personId, roleId }: { personId: string; roleId: string | null }) {
  const [recording, setRecording] = useState(false)
  useDraftWaiting('screening', personId, () => setRecording(true))
  const [correcting, setCorrecting] = useState<Screening | null>(null)
  const [saved, setSaved] = useState<SavedScreening | null>(null)
  // A cancelled form gives focus back to the button that opened it; a saved one to its notice.
  const focusAfterRender = useFocusAfterRender()
  const cases = useQuery({ queryKey: ['cases', personId], queryFn: () => call('cases:forPerson', { personId }) })
  // Incidents the person was exposed to, only for those who may read exposures (the same query as the exposure panel's).
  const markIncidents = mayMarkIncidents(useCurrentUser().roles)
  const exposures = useQuery({
    queryKey: exposuresKey(personId),
    queryFn: () => call('incidents:forPerson', { personId }),
    enabled: markIncidents
  })
  // Case openings and closings, and incidents, give the scores their context on the charts.
  const events: ChartEvent[] = [
    ...(cases.data ?? []).flatMap((c) => [
      { date: c.openedOn, label: `${caseReasonNames[c.reason]} case opened`, kind: 'case' as const },
      ...(c.closedOn ? [{ date: c.closedOn, label: 'Case closed', kind: 'case' as const }] : [])
    ]),
    ...(markIncidents && exposures.data ? incidentEvents(exposures.data.history) : [])
  ]
  const screenings = useQuery({ queryKey: ['screenings', personId], queryFn: () => call('screening:forPerson', { personId }) })
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => call('roles:list', { includeRetired: false }) })
  const battery = roles.data?.find((role) => role.id === roleId)?.screeningBattery ?? []
  const queryClient = useQueryClient()
  const keepDrafts = useKeepAllDrafts()
  const [choosing, setChoosing] = useState(false)
  const handover = useMutation({
    mutationFn: async (instruments: string[]) => {
      // Handing over hides this page until it is handed back: keep what was typed on it first.
      await keepDrafts()
      return call('handover:start', { personId, instruments })
    },
    onSuccess: (status) => queryClient.setQueryData(sessionKey, status)
  })
  return (
    <section className="screening" aria-labelledby="screening-heading">
      <div className="section-heading">
        <h2 className="heading-l" id="screening-heading">
          Screening
        </h2>
        {!recording && !choosing ? (
          <div className="button-group">
            <button
              type="button"
              id="record-screening"
              className="button button--secondary button--small"
              onClick={() => {
                setSaved(null)
                setRecording(true)
              }}
            >
              Record a screening
            </button>
            <button
              type="button"
              id="hand-over-screening"
              className="button button--secondary button--small"
              onClick={() => setChoosing(true)}
            >
              Hand over to complete
            </button>
          </div>
        ) : null}
      </div>
      {handover.isError ? (
        <Notice tone="error" title="Harbour was not handed over">
          <p>{messageFor(handover.error)}</p>
        </Notice>
      ) : null}
      {choosing ? (
        <HandoverChoice
          battery={battery}
          pending={handover.isPending}
          onStart={(instruments) => handover.mutate(instruments)}
          onCancel={() => {
            setChoosing(false)
            focusAfterRender('hand-over-screening')
          }}
        />
      ) : null}
      {saved ? <SavedNotice screening={saved} /> : null}
      {recording ? (
        <ScreeningForm
          personId={personId}
          battery={battery}
          onDone={(result) => {
            setRecording(false)
            setSaved(result)
            if (!result) focusAfterRender('record-screening')
          }}
        />
      ) : null}
      {correcting ? (
        <ScreeningForm
          key={correcting.id}
          personId={personId}
          battery={battery}
          correcting={correcting}
          onDone={(result) => {
            setCorrecting(null)
            setSaved(result)
            if (!result) focusAfterRender(correctButtonId(correcting.id))
          }}
        />
      ) : null}
      {screenings.isPending ? <Loading what="screenings" /> : null}
      {screenings.data ? (
        <ScreeningHistory
          screenings={screenings.data}
          events={events}
          onCorrect={(screening) => {
            setSaved(null)
            setCorrecting(screening)
          }}
        />
      ) : null}
    </section>
  )
}
