import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import {
  administratorOnlyReports,
  reportGroupingNames,
  reportGroupings,
  reportKinds,
  reportNames,
  type ReportGrouping,
  type ReportKind,
  type ReportRequest
} from '../../../../shared/contract/reports'
import { ApiError, call, messageFor } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SelectField } from '../../components/SelectField'
import { useCurrentUser } from '../session'
import { ExportReportButton } from './ReportExportDialog'
import { ReportView } from './ReportView'

const idPrefix = 'report'

/**
 * Governance reports for administrators and the reporting role: choose a report, a period and a
 * grouping; the core counts, hides small numbers and sends tables, each drawn here as a chart
 * with its table beside it.
 */
export function ReportsScreen() {
  const user = useCurrentUser()
  const kinds = reportKinds.filter((kind) => !administratorOnlyReports.includes(kind) || user.roles.includes('admin'))
  const [report, setReport] = useState<ReportKind>('screening-coverage')
  const [from, setFrom] = useState<string | null>(null)
  const [to, setTo] = useState<string | null>(null)
  const [by, setBy] = useState<ReportGrouping | ''>('')
  const [compare, setCompare] = useState(false)
  const [errors, setErrors] = useState<SummaryError[]>([])
  const run = useMutation({
    mutationFn: (input: ReportRequest) => call('reports:run', input),
    onSuccess: () => setErrors([]),
    onError: (error) => {
      if (error instanceof ApiError && error.problems.length > 0) setErrors(error.problems.map(({ field, message }) => ({ field, message })))
      else setErrors([])
    }
  })
  const problem = (field: string) => errors.find((error) => error.field === field)?.message
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const missing: SummaryError[] = []
    if (from === null) missing.push({ field: 'from', message: 'Enter the start of the period' })
    if (to === null) missing.push({ field: 'to', message: 'Enter the end of the period' })
    setErrors(missing)
    if (from === null || to === null) return
    run.mutate({ report, from, to, by: by === '' ? null : by, compare })
  }
  return (
    <Page title="Governance reports" lead="Figures for a period, with small numbers hidden so that no one can be identified.">
      <ErrorSummary errors={errors} idPrefix={idPrefix} />
      <form className="report-form" aria-label="Choose a report" onSubmit={submit} noValidate>
        <SelectField
          id={`${idPrefix}-report`}
          label="Report"
          value={report}
          onChange={(event) => setReport(event.target.value as ReportKind)}
          options={kinds.map((kind) => ({ value: kind, label: reportNames[kind] }))}
        />
        <DateField id={`${idPrefix}-from`} legend="Start of the period" value={from} onChange={setFrom} error={problem('from')} />
        <DateField id={`${idPrefix}-to`} legend="End of the period" value={to} onChange={setTo} error={problem('to')} />
        <SelectField
          id={`${idPrefix}-by`}
          label="Group by"
          value={by}
          onChange={(event) => setBy(event.target.value as ReportGrouping | '')}
          options={[{ value: '', label: 'No grouping' }, ...reportGroupings.map((grouping) => ({ value: grouping, label: reportGroupingNames[grouping] }))]}
        />
        <div className="form-group checkboxes__item">
          <input
            className="checkboxes__input"
            type="checkbox"
            id={`${idPrefix}-compare`}
            checked={compare}
            onChange={(event) => setCompare(event.target.checked)}
          />
          <label className="checkboxes__label" htmlFor={`${idPrefix}-compare`}>
            Compare with the period before
          </label>
        </div>
        <div className="button-group">
          <button type="submit" className="button" disabled={run.isPending}>
            Show report
          </button>
        </div>
      </form>
      {run.isError && !(run.error instanceof ApiError && run.error.problems.length > 0) ? (
        <Notice tone="error" title="The report could not be made">
          <p>{messageFor(run.error)}</p>
        </Notice>
      ) : null}
      {run.data ? <ReportView result={run.data} actions={run.variables ? <ExportReportButton request={run.variables} /> : null} /> : null}
    </Page>
  )
}
