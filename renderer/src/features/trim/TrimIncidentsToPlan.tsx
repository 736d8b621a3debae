import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { Incident } from '../../../../shared/contract/incidents'
import { exposurePartLabels } from '../../../../shared/incidents/categories'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { trimIncidentsToPlanKey } from './keys'
import { TrimPlanSection } from './TrimPlanSection'

/**
 * For a TRiM coordinator on the TRiM screen: the incidents still awaiting a planning decision,
 * each opening the same planning form clinicians use on the Incidents screen. The incident
 * chosen stays open once planned, so the coordinator sees the offers they recorded.
 */
export function TrimIncidentsToPlan() {
  const list = useQuery({ queryKey: trimIncidentsToPlanKey, queryFn: () => call('trim:incidentsToPlan', {}) })
  const [planning, setPlanning] = useState<Incident | null>(null)
  return (
    <section aria-labelledby="trim-to-plan-heading">
      <h2 className="heading-l" id="trim-to-plan-heading">
        Incidents awaiting a TRiM decision
      </h2>
      {list.isPending ? <Loading what="incidents awaiting a TRiM decision" /> : null}
      {list.isError ? (
        <Notice tone="error" title="Incidents awaiting a TRiM decision could not be loaded">
          <p>{messageFor(list.error)}</p>
        </Notice>
      ) : null}
      {list.data && list.data.length === 0 ? <p className="empty">Every incident logged has a TRiM decision</p> : null}
      {list.data && list.data.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Incidents awaiting a TRiM decision, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Category</th>
              <th scope="col">Reference</th>
              <th scope="col">People exposed</th>
              <th scope="col">TRiM</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((incident) => (
              <tr key={incident.id}>
                <td>{formatCalendarDate(incident.occurredOn)}</td>
                <td>{incident.categoryName}</td>
                <td>{incident.reference}</td>
                <td>
                  <ul className="list list--plain">
                    {incident.exposures.map((exposure) => (
                      <li key={exposure.personId}>
                        {exposure.personName} ({exposurePartLabels[exposure.part].toLowerCase()})
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-expanded={planning?.id === incident.id}
                    onClick={() => setPlanning(planning?.id === incident.id ? null : incident)}
                  >
                    Plan TRiM<span className="visually-hidden"> for the incident on {formatCalendarDate(incident.occurredOn)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {planning ? <TrimPlanSection key={planning.id} incident={planning} /> : null}
    </section>
  )
}
