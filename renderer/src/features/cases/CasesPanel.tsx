import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { useDraftWaiting } from '../../components/useDraft'
import { CaseCard } from './CaseCard'
import { OpenCaseForm } from './OpenCaseForm'

/** A person's cases over time, open ones first, and opening a new one. */
export function CasesPanel({ personId }: { personId: string }) {
  const [opening, setOpening] = useState(false)
  useDraftWaiting('open-case', personId, () => setOpening(true))
  const cases = useQuery({ queryKey: ['cases', personId], queryFn: () => call('cases:forPerson', { personId }) })
  const sorted = [...(cases.data ?? [])].sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed'))
  return (
    <section aria-labelledby="cases-heading" className="cases">
      <div className="section-heading">
        <h2 className="heading-l" id="cases-heading">
          Cases
        </h2>
        {!opening ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setOpening(true)}>
            Open a case
          </button>
        ) : null}
      </div>
      {opening ? <OpenCaseForm personId={personId} onDone={() => setOpening(false)} /> : null}
      {cases.isPending ? <Loading what="cases" /> : null}
      {cases.isError ? (
        <Notice tone="error" title="Cases could not be loaded">
          <p>{messageFor(cases.error)}</p>
        </Notice>
      ) : null}
      {cases.data && cases.data.length === 0 && !opening ? <p className="empty">No OH involvement recorded yet.</p> : null}
      {sorted.map((record) => (
        <CaseCard key={record.id} record={record} />
      ))}
    </section>
  )
}
