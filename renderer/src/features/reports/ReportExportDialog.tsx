import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { Controller } from 'react-hook-form'
import { z } from 'zod'
import {
  reportExportFormats,
  reportGroupingNames,
  reportNames,
  type ReportExportResult,
  type ReportRequest
} from '../../../../shared/contract/reports'
import { text } from '../../../../shared/contract/fields'
import { periodWords } from '../../../../shared/reports/figures'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { ExportButtons, ExportCancelled, ExportEncryptionChoice } from '../../components/ExportAsk'
import { ExportSavedStep } from '../../components/ExportPassword'
import { RadioGroup } from '../../components/RadioGroup'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useExportResult } from '../../components/useExportResult'
import { useModal } from '../../components/useModal'

const formSchema = z.object({
  format: z.enum(reportExportFormats, 'Choose CSV or PDF'),
  reason: text('a reason for the export', 500),
  plaintext: z.boolean().default(false)
})
type Values = z.input<typeof formSchema>
const order = ['format', 'reason', 'plaintext']

/**
 * Exports the report on screen as a CSV or an A4 PDF with its charts: a reason, the file type,
 * encrypted or (only where an administrator allows it) not, then the save dialog. The window
 * sends only the request the report was made from; the core makes the report again, so the file
 * holds the same suppressed figures as the screen. The zip's password is shown once, here.
 */
function ReportExportDialog({ request, onClose }: { request: ReportRequest; onClose: () => void }) {
  const dialog = useModal(true)
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call('settings:get', {}) })
  const plaintextAllowed = settings.data?.plaintextExportsAllowed === true
  const { saved, cancelled, hold, run } = useExportResult<NonNullable<ReportExportResult>>(dialog, onClose)
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<Values>(formSchema, {
    defaultValues: { format: 'pdf', reason: '', plaintext: false }
  })
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      await run(() => call('reports:export', {
        ...request,
        format: values.format,
        reason: values.reason,
        plaintext: plaintextAllowed && values.plaintext === true
      }))
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  const id = 'export-report'
  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby={`${id}-title`} onCancel={hold.onCancel} onClose={hold.onClose}>
      <h2 className="heading-m" id={`${id}-title`}>
        Export the report
      </h2>
      <p className="report-export__what">
        <strong>{reportNames[request.report]}</strong>, {periodWords({ from: request.from, to: request.to })}
        {request.by ? `, grouped by ${reportGroupingNames[request.by].toLowerCase()}` : ''}
        {request.compare ? ', compared with the period before' : ''}
      </p>
      {saved ? (
        <ExportSavedStep
          title="The export is saved"
          summary={`${saved.fileName} holds the report as a ${saved.format === 'pdf' ? 'PDF with its charts' : 'CSV'}, with the same figures as the screen, small numbers hidden.`}
          password={saved.password}
          recipient="the recipient"
          reminded={hold.reminded}
          onDone={onClose}
        />
      ) : (
        <>
          <p>
            The report is made again with the same period and grouping, with the same figures hidden as on screen. The export is recorded
            with your name, the report, its period and grouping, and the file type.
          </p>
          {cancelled ? <ExportCancelled /> : null}
          <ErrorSummary errors={summaryOf(errors, order)} idPrefix={id} />
          <form onSubmit={submit} noValidate>
            <Controller
              control={control}
              name="format"
              render={({ field }) => (
                <div id={`${id}-format`} tabIndex={-1}>
                  <RadioGroup
                    legend="File type"
                    name={`${id}-format`}
                    value={field.value}
                    onChange={(value) => field.onChange(value)}
                    options={[
                      { value: 'pdf', label: 'PDF', hint: 'A4 pages with each table and its bar chart, ready to print or attach.' },
                      { value: 'csv', label: 'CSV', hint: 'Every table one after the other, for a spreadsheet such as Excel.' }
                    ]}
                  />
                  {errors.format?.message ? <p className="error-message">{errors.format.message}</p> : null}
                </div>
              )}
            />
            <TextArea
              id={`${id}-reason`}
              label="Reason for the export"
              hint="Who the file is for and why. It is not recorded in the audit log."
              rows={3}
              error={errors.reason?.message}
              {...register('reason')}
            />
            <Controller
              control={control}
              name="plaintext"
              render={({ field }) => (
                <ExportEncryptionChoice
                  idPrefix={id}
                  allowed={plaintextAllowed}
                  plainLabel="The file itself, not encrypted"
                  value={field.value === true}
                  onChange={field.onChange}
                  error={errors.plaintext?.message}
                />
              )}
            />
            <ExportButtons submitting={formState.isSubmitting} onCancel={onClose} />
          </form>
        </>
      )}
    </dialog>
  )
}

/** The "Export…" button under a report that has run, opening the export dialog for the same request. */
export function ExportReportButton({ request }: { request: ReportRequest }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Export…
      </button>
      {/* In the body, not beside the button: the report's choices are a form, and forms must not nest. */}
      {open ? createPortal(<ReportExportDialog request={request} onClose={() => setOpen(false)} />, document.body) : null}
    </>
  )
}
