import { useState } from 'react'
import type { IncidentSaved } from '../../../../shared/contract/incidents'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { Page } from '../../components/Page'
import { SavedMessage } from '../../components/SavedMessage'
import { useHasRole } from '../session'
import { CategoryCatalogue } from './CategoryCatalogue'
import { LogIncidentForm } from './LogIncidentForm'
import { RecentIncidents } from './RecentIncidents'
import { ThresholdsForm } from './ThresholdsForm'

/**
 * Incidents and trauma exposure: clinicians log incidents and the people exposed and see the
 * recent ones; administrators keep the category catalogue.
 */
export function IncidentsScreen() {
  const clinician = useHasRole('clinician')
  const admin = useHasRole('admin')
  const [saved, setSaved] = useState<{ incident: IncidentSaved; count: number } | null>(null)
  return (
    <Page title="Incidents" lead="Traumatic incidents and the people exposed to them.">
      {saved ? (
        <SavedMessage title="Incident saved" savedKey={String(saved.count)} tone={saved.incident.reviewsRaised.length ? 'warning' : 'info'}>
          <p>
            {saved.incident.categoryName} on {formatCalendarDate(saved.incident.occurredOn)} saved with{' '}
            {saved.incident.exposures.length === 1 ? '1 person' : `${saved.incident.exposures.length} people`} exposed.
          </p>
          {saved.incident.reviewsRaised.length ? (
            <ul>
              {saved.incident.reviewsRaised.map((review) => (
                <li key={`${review.personId}-${review.rule}`}>
                  Review task raised for {review.personName}: {review.rule}
                </li>
              ))}
            </ul>
          ) : null}
        </SavedMessage>
      ) : null}
      {clinician ? (
        <>
          <LogIncidentForm onSaved={(incident) => setSaved({ incident, count: (saved?.count ?? 0) + 1 })} />
          <RecentIncidents />
        </>
      ) : null}
      {admin ? (
        <>
          <CategoryCatalogue />
          <ThresholdsForm />
        </>
      ) : null}
    </Page>
  )
}
