import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { SavedMessage } from '../../components/SavedMessage'
import { DraftReportForm } from './DraftReportForm'
import { managementAdviceKey } from './keys'
import { ReportCard } from './ReportCard'

/** A person's management advice reports, newest first, and drafting a new one. */
export function ManagementAdvicePanel({ personId, lineManager }: { personId: string; lineManager: string | null }) {
  const [drafting, setDrafting] = useState(false)
  // The report just drafted: its notice stays only while that report is still a draft.
  const [made, setMade] = useState<{ id: string; count: number } | null>(null)
  const reports = useQuery({ queryKey: managementAdviceKey(personId), queryFn: () => call('management-advice:forPerson', { personId }) })
  return (
    <section aria-labelledby="management-advice-heading" className="management-advice">
      <div className="section-heading">
        <h2 className="heading-l" id="management-advice-heading">
          Management advice
        </h2>
        {!drafting ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setMade(null)
              setDrafting(true)
            }}
          >
            Draft a report
          </button>
        ) : null}
      </div>
      {drafting ? (
        <DraftReportForm
          personId={personId}
          lineManager={lineManager}
          onCancel={() => setDrafting(false)}
          onDone={(report) => {
            setDrafting(false)
            setMade({ id: report.id, count: (made?.count ?? 0) + 1 })
          }}
        />
      ) : null}
      {made && reports.data?.find((report) => report.id === made.id)?.status !== 'released' ? (
        <SavedMessage title="Report drafted" savedKey={String(made.count)}>
          <p>
            The report is saved as a draft. It is released only with the person’s consent, and after they have seen it if they asked to.
          </p>
        </SavedMessage>
      ) : null}
      {reports.isPending ? <Loading what="management advice reports" /> : null}
      {reports.isError ? (
        <Notice tone="error" title="Management advice reports could not be loaded">
          <p>{messageFor(reports.error)}</p>
        </Notice>
      ) : null}
      {reports.data && reports.data.length === 0 && !drafting ? <p className="empty">No management advice reports</p> : null}
      {reports.data?.map((report) => (
        <ReportCard key={report.id} report={report} />
      ))}
    </section>
  )
}
