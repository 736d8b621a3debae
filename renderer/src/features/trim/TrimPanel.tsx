import { useQuery } from '@tanstack/react-query'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { PersonTrim } from '../../../../shared/contract/trim'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { AssessmentSummary } from './AssessmentSummary'
import { personTrimKey } from './keys'

/** Opens the person page's own "Make a referral" form, in the referrals section. */
function makeReferral(): void {
  const section = document.querySelector('section[aria-labelledby="referrals-heading"]')
  const button = Array.from(section?.querySelectorAll('button') ?? []).find((b) => b.textContent === 'Make a referral')
  button?.click()
  section?.scrollIntoView()
}

/** "Initial assessment recorded 2 Dec 2026", or when it is due while it is not. */
function stageWords(offer: PersonTrim[number], kind: 'initial' | 'follow-up', name: string): string {
  const done = offer.assessments.find((a) => a.kind === kind)
  if (done) return `${name} recorded ${formatCalendarDate(done.assessedOn)}`
  return `${name} due ${formatCalendarDate(kind === 'initial' ? offer.initialDue : offer.followUpDue)}`
}

/** Clinicians, on the person page: the person's TRiM offers and assessments, with any referral prompt. */
export function TrimPanel({ personId }: { personId: string }) {
  const trim = useQuery({ queryKey: personTrimKey(personId), queryFn: () => call('trim:forPerson', { personId }) })
  if (trim.data && trim.data.length === 0) return null
  return (
    <section aria-labelledby="trim-heading">
      <h2 className="heading-l" id="trim-heading">
        TRiM
      </h2>
      {trim.isPending ? <Loading what="TRiM" /> : null}
      {trim.isError ? (
        <Notice tone="error" title="TRiM could not be loaded">
          <p>{messageFor(trim.error)}</p>
        </Notice>
      ) : null}
      {trim.data?.map((offer) => (
        <div key={offer.offerId} className="trim-offer">
          <h3 className="heading-m">
            {offer.incidentCategory}, {formatCalendarDate(offer.incidentDate)} ({offer.incidentReference})
          </h3>
          <p>
            TRiM practitioner: {offer.practitionerName}. {stageWords(offer, 'initial', 'Initial assessment')},{' '}
            {stageWords(offer, 'follow-up', 'follow-up')}.
          </p>
          {offer.assessments.length === 0 ? <p className="empty">No assessment recorded yet</p> : null}
          {offer.assessments.map((assessment) => (
            <AssessmentSummary key={assessment.id} assessment={assessment}>
              <button type="button" className="button button--secondary button--small" onClick={makeReferral}>
                Make a referral
              </button>
            </AssessmentSummary>
          ))}
        </div>
      ))}
    </section>
  )
}
