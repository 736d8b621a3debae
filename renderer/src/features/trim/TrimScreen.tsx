import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { TrimWorkItem } from '../../../../shared/contract/trim'
import { assessmentKindLabels } from '../../../../shared/trim/assessment'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { AssessmentForm } from './AssessmentForm'
import { AssessmentSummary } from './AssessmentSummary'
import { TrimIncidentsToPlan } from './TrimIncidentsToPlan'
import { trimWorklistKey } from './keys'

/**
 * A TRiM practitioner's worklist: the people assigned to them, with the incident, the due dates
 * and the assessments recorded so far; below it, the incidents awaiting a planning decision, for
 * practitioners who also coordinate. Nothing clinical: no caseload, screenings or notes.
 */
export function TrimScreen() {
  const list = useQuery({ queryKey: trimWorklistKey, queryFn: () => call('trim:worklist', {}) })
  const [open, setOpen] = useState<string | null>(null)
  return (
    <Page
      title="TRiM"
      lead="The people assigned to you for TRiM after an incident. TRiM is peer support and risk assessment, not treatment."
    >
      {list.isPending ? <Loading what="your TRiM worklist" /> : null}
      {list.isError ? (
        <Notice tone="error" title="Your TRiM worklist could not be loaded">
          <p>{messageFor(list.error)}</p>
        </Notice>
      ) : null}
      {list.data && list.data.length === 0 ? <p className="empty">No one is assigned to you for TRiM</p> : null}
      {list.data?.map((item) => (
        <WorkItem
          key={item.offerId}
          item={item}
          open={open === item.offerId}
          onOpen={() => setOpen(open === item.offerId ? null : item.offerId)}
        />
      ))}
      <TrimIncidentsToPlan />
    </Page>
  )
}

function WorkItem({ item, open, onOpen }: { item: TrimWorkItem; open: boolean; onOpen: () => void }) {
  const recorded = new Set(item.assessments.map((a) => a.kind))
  const complete = recorded.has('initial') && recorded.has('follow-up')
  return (
    <section className="panel" aria-labelledby={`trim-item-${item.offerId}`}>
      <div className="section-heading">
        <h2 className="heading-m" id={`trim-item-${item.offerId}`}>
          {item.personName} ({item.staffNumber})
        </h2>
        {complete ? null : (
          <button type="button" className="button button--secondary button--small" aria-expanded={open} onClick={onOpen}>
            {open ? 'Close the assessment' : 'Record an assessment'}
          </button>
        )}
      </div>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Incident</dt>
          <dd className="summary-list__value">
            {item.incidentCategory}, {formatCalendarDate(item.incidentDate)}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{assessmentKindLabels.initial} due</dt>
          <dd className="summary-list__value">{recorded.has('initial') ? 'Done' : formatCalendarDate(item.initialDue)}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{assessmentKindLabels['follow-up']} due</dt>
          <dd className="summary-list__value">{recorded.has('follow-up') ? 'Done' : formatCalendarDate(item.followUpDue)}</dd>
        </div>
      </dl>
      {item.assessments.map((assessment) => (
        <AssessmentSummary key={assessment.id} assessment={assessment} />
      ))}
      {open ? <AssessmentForm item={item} onSaved={onOpen} /> : null}
    </section>
  )
}
