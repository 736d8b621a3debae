import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { call, messageFor } from '../../api'
import { Notice } from '../../components/Notice'
import { Tag } from '../../components/Tag'

export const homeAttentionKey = ['home', 'attention'] as const

/**
 * On a clinician's home, beside their cases and tasks: their referrals waiting past 6 or 18
 * weeks, people on their caseload exposed to a traumatic incident in the last 30 days, and
 * bereavement cases where counselling is still to be offered. Each is a link into the work; the
 * core works out who and how many. Shown only when something needs them.
 */
export function NeedsAttention() {
  const attention = useQuery({ queryKey: homeAttentionKey, queryFn: () => call('home:attention', {}) })
  if (attention.isError)
    return (
      <Notice tone="error" title="What needs you could not be loaded">
        <p>{messageFor(attention.error)}</p>
      </Notice>
    )
  const data = attention.data
  if (!data) return null
  const { referralsPast6Weeks, referralsPast18Weeks, recentlyExposed, recentlyExposedTotal, bereavementNotOffered } = data
  if (referralsPast6Weeks === 0 && recentlyExposedTotal === 0 && bereavementNotOffered.length === 0) return null
  return (
    <section className="panel panel--decisions" aria-labelledby="needs-attention-heading">
      <h2 className="heading-m" id="needs-attention-heading">
        Also needs you
      </h2>
      {referralsPast6Weeks > 0 ? (
        <p>
          <Tag colour="red">Waiting</Tag>{' '}
          <Link href="/referrals">
            {referralsPast6Weeks === 1 ? '1 of your referrals' : `${referralsPast6Weeks} of your referrals`} waiting for treatment past 6
            weeks
          </Link>
          {referralsPast18Weeks > 0 ? `, ${referralsPast18Weeks} of them past 18 weeks` : ''}.
        </p>
      ) : null}
      {bereavementNotOffered.length > 0 ? (
        <>
          <h3 className="heading-s">Bereavement counselling not yet offered</h3>
          <ul className="list list--plain">
            {bereavementNotOffered.map((item) => (
              <li key={item.caseId}>
                <Link href={`/people/${item.personId}`}>
                  {item.personName} ({item.staffNumber})
                </Link>
                , bereavement case opened {formatCalendarDate(item.openedOn)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {recentlyExposedTotal > 0 ? (
        <>
          <h3 className="heading-s">Exposed to a traumatic incident in the last 30 days</h3>
          <ul className="list list--plain">
            {recentlyExposed.map((item) => (
              <li key={item.personId}>
                <Link href={`/people/${item.personId}`}>
                  {item.personName} ({item.staffNumber})
                </Link>
                , {item.categoryName.toLowerCase()} on {formatCalendarDate(item.occurredOn)}
              </li>
            ))}
          </ul>
          {recentlyExposedTotal > recentlyExposed.length ? (
            <p className="hint">
              and {recentlyExposedTotal - recentlyExposed.length} more on your caseload; each person’s page shows their exposures.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
