import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { ManagementAdviceReport } from '../../../../shared/contract/management-advice'
import { fitnessLabels, reportStatusLabels, type ReportStatus } from '../../../../shared/management-advice/fitness'
import { call, messageFor } from '../../api'
import { Notice } from '../../components/Notice'
import { SavedMessage } from '../../components/SavedMessage'
import { SummaryList } from '../../components/SummaryList'
import { Tag, type TagColour } from '../../components/Tag'
import { DocumentPreview } from './DocumentPreview'
import { DraftReportForm } from './DraftReportForm'
import { managementAdviceKey } from './keys'
import { RecordShownForm } from './RecordShownForm'

const statusColour: Record<ReportStatus, TagColour> = { drafted: 'blue', shown: 'purple', released: 'green' }

/** One report: the advice, where it is in drafted → shown → released, and what can happen next. */
export function ReportCard({ report }: { report: ManagementAdviceReport }) {
  const queryClient = useQueryClient()
  const [saved, setSaved] = useState<{ title: string; text: string; count: number } | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const [changing, setChanging] = useState(false)
  // The refusal, with what stood in the way then: it goes once that changes (consent recorded, report shown).
  const [releaseError, setReleaseError] = useState<{ message: string; problems: string } | null>(null)
  const [releasing, setReleasing] = useState(false)
  // Only a released report goes to the manager, so only a released one is saved as a PDF (the core checks it too).
  const savedPdf = useMutation({ mutationFn: () => call('management-advice:savePdf', { reportId: report.id }) })
  const prefix = `advice-${report.id.slice(0, 8)}`
  const refresh = (updated: ManagementAdviceReport, title: string, text: string) => {
    queryClient.setQueryData<ManagementAdviceReport[]>(managementAdviceKey(report.personId), (list) =>
      list?.map((r) => (r.id === updated.id ? updated : r))
    )
    void queryClient.invalidateQueries({ queryKey: managementAdviceKey(report.personId) })
    void queryClient.invalidateQueries({ queryKey: ['management-advice-document', report.id] })
    setSaved({ title, text, count: (saved?.count ?? 0) + 1 })
  }
  const release = async () => {
    setReleasing(true)
    setReleaseError(null)
    try {
      const updated = await call('management-advice:release', { reportId: report.id })
      refresh(
        updated,
        'Report released',
        `Released to ${updated.managerName} on ${formatCalendarDate(updated.releasedOn)}. It can no longer be changed.`
      )
    } catch (error) {
      setReleaseError({ message: messageFor(error), problems: report.releaseProblems.join() })
    } finally {
      setReleasing(false)
    }
  }
  const released = report.status === 'released'
  return (
    <article className="case" aria-labelledby={`${prefix}-heading`}>
      <header className="case__header">
        <h3 className="heading-m case__title" id={`${prefix}-heading`}>
          Advice for {report.managerName}
        </h3>
        <Tag colour={statusColour[report.status]}>{reportStatusLabels[report.status]}</Tag>
        <span className="case__meta">
          Drafted {formatCalendarDate(report.createdOn)} by {report.createdByName}
        </span>
      </header>
      <div className="case__body">
        {saved ? (
          <SavedMessage title={saved.title} savedKey={String(saved.count)} level={4}>
            <p>{saved.text}</p>
          </SavedMessage>
        ) : null}
        <SummaryList
          rows={[
            { key: 'Manager', value: report.managerName },
            ...(report.organisation ? [{ key: 'Organisation', value: report.organisation }] : []),
            { key: 'Fitness for role', value: fitnessLabels[report.fitness] },
            { key: 'Adjustments', value: report.adjustments ?? 'None advised' },
            {
              key: 'Expected return to work',
              value: report.expectedReturnOn ? formatCalendarDate(report.expectedReturnOn) : 'Not applicable'
            },
            { key: 'Review date', value: report.reviewOn ? formatCalendarDate(report.reviewOn) : 'None set' },
            {
              key: 'Seeing it first',
              value: report.askedToSeeFirst
                ? report.shownOn
                  ? `Shown to the person ${formatCalendarDate(report.shownOn)}. Their comments: ${report.personComments ?? ''}`
                  : 'The person asked to see it before release: not shown yet'
                : 'The person did not ask to see it first'
            },
            ...(released ? [{ key: 'Released', value: `${formatCalendarDate(report.releasedOn)} by ${report.releasedByName ?? ''}` }] : [])
          ]}
        />
        {!released && report.releaseProblems.length > 0 ? (
          <div className="warning-text">
            <span className="visually-hidden">Warning: </span>
            <p>Before it can be released:</p>
            <ul>
              {report.releaseProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="button-group">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setPreviewing(!previewing)}
            aria-expanded={previewing}
          >
            {previewing ? 'Hide preview' : 'Preview'}
          </button>
          {report.status === 'drafted' && !changing ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setChanging(true)}>
              Change the draft
            </button>
          ) : null}
          {released ? (
            <button type="button" className="button button--small" disabled={savedPdf.isPending} onClick={() => savedPdf.mutate()}>
              Save as PDF…
            </button>
          ) : (
            <button type="button" className="button button--small" disabled={releasing} onClick={() => void release()}>
              Release to manager
            </button>
          )}
        </div>
        {savedPdf.isError ? (
          <Notice tone="error" title="The report was not saved">
            <p>{messageFor(savedPdf.error)}</p>
          </Notice>
        ) : null}
        {savedPdf.data ? (
          <Notice tone="info" title="Report saved">
            <p>
              Saved as <code className="path">{savedPdf.data.fileName}</code>.
            </p>
          </Notice>
        ) : null}
        {releaseError && releaseError.problems === report.releaseProblems.join() ? (
          <Notice tone="error" title="The report was not released">
            <p>{releaseError.message}</p>
          </Notice>
        ) : null}
        {previewing ? <DocumentPreview reportId={report.id} /> : null}
        {changing && report.status === 'drafted' ? (
          <DraftReportForm
            personId={report.personId}
            lineManager={null}
            editing={report}
            onDone={(updated) => {
              setChanging(false)
              refresh(updated, 'Draft changed', 'The advice is changed. It has not been shown to the person or released.')
            }}
            onCancel={() => setChanging(false)}
          />
        ) : null}
        {report.status === 'drafted' && !changing ? (
          <RecordShownForm
            report={report}
            onDone={(updated) =>
              refresh(updated, 'Recorded as seen', `Shown to the person on ${formatCalendarDate(updated.shownOn)}, with their comments.`)
            }
          />
        ) : null}
      </div>
    </article>
  )
}
