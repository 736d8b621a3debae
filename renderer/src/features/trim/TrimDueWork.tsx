import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { assessmentKindLabels } from '../../../../shared/trim/assessment'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Tag } from '../../components/Tag'
import { trimWorklistKey } from './keys'

/**
 * Home, for a TRiM practitioner: the assessments they owe next, soonest first, with those past
 * their day marked, so the 72-hour initial assessment is not left to someone thinking to open TRiM.
 * What is due and overdue comes from the core.
 */
export function TrimDueWork() {
  const list = useQuery({ queryKey: trimWorklistKey, queryFn: () => call('trim:worklist', {}) })
  const due = (list.data ?? [])
    .flatMap((item) => (item.next ? [{ ...item, next: item.next }] : []))
    .sort((a, b) => a.next.dueOn.localeCompare(b.next.dueOn))
  return (
    <section className="panel panel--decisions" aria-labelledby="trim-due-heading">
      <h2 className="heading-m" id="trim-due-heading">
        Your TRiM assessments
      </h2>
      {list.isPending ? <Loading what="your TRiM assessments" /> : null}
      {list.isError ? (
        <Notice tone="error" title="Your TRiM assessments could not be loaded">
          <p>{messageFor(list.error)}</p>
        </Notice>
      ) : null}
      {list.data && due.length === 0 ? <p className="empty">No TRiM assessments are waiting for you.</p> : null}
      {due.length > 0 ? (
        <ul className="task-list">
          {due.map((item) => (
            <li key={item.offerId}>
              <strong>
                {assessmentKindLabels[item.next.kind]} for {item.personName} ({item.staffNumber})
              </strong>{' '}
              due {formatCalendarDate(item.next.dueOn)}
              {item.next.overdue ? (
                <>
                  {' '}
                  <Tag colour="red">Overdue</Tag>
                </>
              ) : null}
              <br />
              {item.incidentCategory}, {formatCalendarDate(item.incidentDate)}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link href="/trim">Open TRiM to record an assessment</Link>
      </p>
    </section>
  )
}
