import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { employmentTypeNames } from '../../../../shared/contract/people'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SummaryList } from '../../components/SummaryList'
import { CasesPanel } from '../cases/CasesPanel'
import { AlertsPanel } from '../screening/AlertsPanel'
import { PersonFollowUps } from '../screening/FollowUpsPanel'
import { ScreeningPanel } from '../screening/ScreeningPanel'
import { PersonBanner } from './PersonBanner'

/** Everything Harbour holds about one person, in one place. Each visit is audited. */
export function PersonScreen({ id }: { id: string }) {
  const person = useQuery({ queryKey: ['person', id], queryFn: () => call('people:get', { id }), staleTime: 0 })
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}` : 'Person'
  useEffect(() => {
    if (person.data) document.title = `${person.data.familyName}, ${person.data.givenName} (${person.data.staffNumber}) – Harbour`
  }, [person.data])

  if (person.isPending) return <Loading what="the record" />
  if (person.isError) {
    return (
      <Page title="This record cannot be shown">
        <Notice tone="error" title="Harbour could not open this record">
          <p>{messageFor(person.error)}</p>
        </Notice>
        <p>
          <Link href="/">Go to my caseload</Link>
        </p>
      </Page>
    )
  }
  const p = person.data
  return (
    <>
      <PersonBanner person={p} />
      <Page title={name}>
        <AlertsPanel personId={p.id} showPerson={false} />
        <PersonFollowUps personId={p.id} />
        <section className="panel" aria-labelledby="details-heading">
          <div className="section-heading">
            <h2 className="heading-m" id="details-heading">
              Details
            </h2>
            <Link href={`/people/${p.id}/edit`} className="button button--secondary button--small">
              Edit details
            </Link>
          </div>
          <SummaryList
            rows={[
              { key: 'Employment', value: employmentTypeNames[p.employmentType] },
              { key: 'Department or command', value: p.department },
              { key: 'Line manager', value: p.lineManager },
              { key: 'Work email', value: p.email },
              { key: 'Work phone', value: p.phone },
              { key: 'Started', value: p.startDate ? formatCalendarDate(p.startDate) : null },
              { key: 'Left', value: p.leavingDate ? formatCalendarDate(p.leavingDate) : 'Still serving' },
              { key: 'Reasonable adjustments', value: p.adjustments ?? 'None recorded' },
              { key: 'Access', value: p.restricted ? 'Restricted to named clinicians' : 'All OH clinicians' }
            ]}
          />
        </section>
        <CasesPanel personId={p.id} />
        <ScreeningPanel personId={p.id} roleId={p.roleId} />
      </Page>
    </>
  )
}
