import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { exposurePartLabels } from '../../../../shared/incidents/categories'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { TrimPlanSection } from '../trim'
import { recentIncidentsKey } from './keys'

/** The latest incidents, newest first, with the people exposed whom the user may see. */
export function RecentIncidents() {
  const recent = useQuery({ queryKey: recentIncidentsKey, queryFn: () => call('incidents:recent', { limit: 50 }) })
  const [planning, setPlanning] = useState<string | null>(null)
  const planned = recent.data?.find((incident) => incident.id === planning)
  return (
    <section aria-labelledby="recent-incidents-heading">
      <h2 className="heading-l" id="recent-incidents-heading">
        Recent incidents
      </h2>
      {recent.isPending ? <Loading what="recent incidents" /> : null}
      {recent.isError ? (
        <Notice tone="error" title="Recent incidents could not be loaded">
          <p>{messageFor(recent.error)}</p>
        </Notice>
      ) : null}
      {recent.data && recent.data.length === 0 ? <p className="empty">No incidents logged</p> : null}
      {recent.data && recent.data.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Recent incidents, newest first</caption>
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
            {recent.data.map((incident) => (
              <tr key={incident.id}>
                <td>{formatCalendarDate(incident.occurredOn)}</td>
                <td>{incident.categoryName}</td>
                <td>{incident.reference}</td>
                <td>
                  <ul className="list list--plain">
                    {incident.exposures.map((exposure) => (
                      <li key={exposure.personId}>
                        <Link href={`/people/${exposure.personId}`}>{exposure.personName}</Link> (
                        {exposurePartLabels[exposure.part].toLowerCase()})
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-expanded={planning === incident.id}
                    onClick={() => setPlanning(planning === incident.id ? null : incident.id)}
                  >
                    TRiM<span className="visually-hidden"> for the incident on {formatCalendarDate(incident.occurredOn)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {planned ? <TrimPlanSection key={planned.id} incident={planned} /> : null}
    </section>
  )
}
