import { useState } from 'react'
import { createPortal } from 'react-dom'
import type { z } from 'zod'
import { personRecordExportInput, type PersonRecordExportSaved } from '../../../../shared/contract/person-record-export'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useExportResult } from '../../components/useExportResult'
import { useModal } from '../../components/useModal'
import { ExportButtons, ExportCancelled, ExportReasonAndPassphrase } from '../../components/ExportAsk'
import { ExportSavedStep } from '../../components/ExportPassword'

const formSchema = personRecordExportInput.pick({ reason: true, requestReference: true, passphrase: true })
type Values = z.input<typeof formSchema>
const order = ['reason', 'requestReference', 'passphrase']

/**
 * A subject access request: everything Harbour holds about this person, as a readable PDF and a
 * JSON file in an AES-256 zip. The core checks the reason, the passphrase and the clinician's
 * access before the save dialog opens; the zip's password is shown once, here.
 */
function PersonRecordExportDialog({ personId, name, onClose }: { personId: string; name: string; onClose: () => void }) {
  const dialog = useModal(true)
  const { saved, cancelled, hold, run } = useExportResult<PersonRecordExportSaved>(dialog, onClose)
  const { register, handleSubmit, setError, formState } = useHarbourForm<Values>(formSchema, {
    defaultValues: { reason: '', requestReference: '', passphrase: '' }
  })
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      await run(() => call('person-record-export:save', { ...values, personId }))
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  const id = 'person-record-export'
  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby={`${id}-title`} onCancel={hold.onCancel} onClose={hold.onClose}>
      <h2 className="heading-m" id={`${id}-title`}>
        Export {name}’s record
      </h2>
      {saved ? (
        <ExportSavedStep
          title="The record is exported"
          summary={`${saved.fileName} holds ${saved.records} ${saved.records === 1 ? 'entry' : 'entries'} about them (their record and each case, note, screening, referral, consent and so on count one each), with the audit entries about them: a PDF to read and a JSON file with everything in full.`}
          afterSummary={<ReviewBeforeRelease />}
          password={saved.password}
          recipient="the person"
          reminded={hold.reminded}
          onDone={onClose}
        />
      ) : (
        <>
          <p>
            For a subject access request: everything Harbour holds about {name} — their record, cases, notes with amendments, screenings
            with every answer, exposures, TRiM, referrals, consents, signposting and the audit entries about them. The export is recorded
            with your name and the number of records.
          </p>
          <ReviewBeforeRelease />
          {cancelled ? <ExportCancelled /> : null}
          <ErrorSummary errors={summaryOf(errors, order)} idPrefix={id} />
          <form onSubmit={submit} noValidate>
            <ExportReasonAndPassphrase
              idPrefix={id}
              reasonHint="Who asked and why. Its words are not recorded in the audit log."
              reason={register('reason')}
              afterReason={
                <Field
                  id={`${id}-requestReference`}
                  label="Request reference (optional)"
                  hint="The subject access request’s reference number, such as SAR 2026/114. It is kept in the audit log with the export, so the file can be matched to the request. Never a name."
                  error={errors.requestReference?.message}
                  {...register('requestReference')}
                />
              }
              passphrase={register('passphrase')}
              errors={{ reason: errors.reason?.message, passphrase: errors.passphrase?.message }}
            />
            <p className="hint">The file is saved as an encrypted zip, with a password shown once.</p>
            <ExportButtons submitting={formState.isSubmitting} busyLabel="Preparing the export…" onCancel={onClose} />
          </form>
        </>
      )}
    </dialog>
  )
}

/**
 * A subject access request's file holds what others wrote and may name other people; the law
 * lets a force withhold third parties' information, so the clinician is told to review first.
 */
function ReviewBeforeRelease() {
  return (
    <Notice tone="info" title="Review it before it is released">
      <p>
        The export holds everything, including what colleagues wrote and anything about other people (a manager, a family member, a
        colleague at an incident). Read the PDF and redact third parties’ information, as your data protection officer directs, before it
        goes to the person.
      </p>
    </Notice>
  )
}

/** The person page's "Export record…" button. */
export function ExportPersonRecordButton({ personId, name }: { personId: string; name: string }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
        Export record…
      </button>
      {open
        ? createPortal(<PersonRecordExportDialog personId={personId} name={name} onClose={() => setOpen(false)} />, document.body)
        : null}
    </>
  )
}
