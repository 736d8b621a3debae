import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { employmentTypeNames } from '../../../../shared/contract/people'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SummaryList } from '../../components/SummaryList'
import { CasesPanel } from '../cases'
import { ExposurePanel } from '../incidents'
import { TrimPanel } from '../trim'
import { ReferralsPanel } from '../referrals'
import { AlertsPanel, PersonFollowUps, ScreeningPanel } from '../screening'
import { SignpostingPanel } from '../signposting'
import { ConsentPanel } from '../consent'
import { ManagementAdvicePanel } from '../management-advice'
import { ExportPersonRecordButton } from '../person-record-export'
import { useHasRole } from '../session'
import { PersonBanner } from './PersonBanner'
import { overviewKey, PersonOverview, useOverviewFollowsChanges } from './PersonOverview'

/**
 * Everything Harbour holds about one person, most pressing first: safety alerts and results
 * waiting for a decision, then the overview (open case, latest results, due tasks, what is
 * due next), the cases and screenings in full, and contact and HR details last. One audited
 * read (the overview) opens the record.
 */
export function PersonScreen({ id }: { id: string }) {
  const overview = useQuery({ queryKey: overviewKey(id), queryFn: () => call('people:overview', { id }), staleTime: 0 })
  useOverviewFollowsChanges(id)
  const clinician = useHasRole('clinician')
  const person = overview.data?.person
  const name = person ? `${person.givenName} ${person.familyName}` : 'Person'
  useEffect(() => {
    if (person) document.title = `${person.familyName}, ${person.givenName} (${person.staffNumber}) – Harbour`
  }, [person])

  if (overview.isPending) return <Loading what="the record" />
  if (overview.isError) {
    return (
      <Page title="This record cannot be shown">
        <Notice tone="error" title="Harbour could not open this record">
          <p>{messageFor(overview.error)}</p>
        </Notice>
        <p>
          <Link href="/">Go to my caseload</Link>
        </p>
      </Page>
    )
  }
  const p = overview.data.person
  return (
    <>
      <PersonBanner person={p} />
      <Page title={name}>
        <AlertsPanel personId={p.id} showPerson={false} />
        <PersonFollowUps personId={p.id} />
        <PersonOverview overview={overview.data} />
        <CasesPanel personId={p.id} />
        <ConsentPanel personId={p.id} />
        <ReferralsPanel personId={p.id} />
        <ManagementAdvicePanel personId={p.id} lineManager={p.lineManager} />
        <ExposurePanel personId={p.id} />
        <TrimPanel personId={p.id} />
        <SignpostingPanel personId={p.id} />
        <ScreeningPanel personId={p.id} roleId={p.roleId} />
        <section className="panel details" aria-labelledby="details-heading">
          <div className="section-heading">
            <h2 className="heading-m" id="details-heading">
              Contact and employment details
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
        {clinician ? (
          <section className="panel" aria-labelledby="subject-access-heading">
            <div className="section-heading">
              <h2 className="heading-m" id="subject-access-heading">
                Subject access request
              </h2>
              <ExportPersonRecordButton personId={p.id} name={name} />
            </div>
            <p className="hint">Everything Harbour holds about {name}, as a PDF to read and a JSON file, in an encrypted zip.</p>
          </section>
        ) : null}
      </Page>
    </>
  )
}
