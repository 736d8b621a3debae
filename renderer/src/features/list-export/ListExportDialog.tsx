import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { Controller } from 'react-hook-form'
import type { z } from 'zod'
import { exportListNames, listExportInput, type ListExportResult, type ListSelection } from '../../../../shared/contract/list-export'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useExportResult } from '../../components/useExportResult'
import { useModal } from '../../components/useModal'
import { ExportButtons, ExportCancelled, ExportEncryptionChoice, ExportReasonAndPassphrase } from '../../components/ExportAsk'
import { ExportSavedStep } from '../../components/ExportPassword'

const formSchema = listExportInput.omit({ selection: true })
type Values = z.input<typeof formSchema>
const order = ['reason', 'passphrase', 'plaintext']

/**
 * Exports a list as the screen shows it (every page), through one dialog for every list: a
 * reason, the exporter's passphrase again, encrypted or (only where an administrator allows it)
 * plaintext, then the save dialog. The core checks all of it; the window only asks. The zip's
 * password is shown once, here, and forgotten when the dialog closes.
 */
function ListExportDialog({ selection, onClose }: { selection: ListSelection; onClose: () => void }) {
  const dialog = useModal(true)
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call('settings:get', {}) })
  const plaintextAllowed = settings.data?.plaintextExportsAllowed === true
  const { saved, cancelled, hold, run } = useExportResult<NonNullable<ListExportResult>>(dialog, onClose)
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<Values>(formSchema, {
    defaultValues: { reason: '', passphrase: '', plaintext: false }
  })
  const errors = formState.errors
  const listName = exportListNames[selection.list]
  const submit = handleSubmit(async (values) => {
    try {
      await run(() => call('list-export:save', { ...values, plaintext: plaintextAllowed && values.plaintext === true, selection }))
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  const id = `export-${selection.list}`
  const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`
  return (
    <dialog ref={dialog} className="dialog dialog--wide" aria-labelledby={`${id}-title`} onCancel={hold.onCancel} onClose={hold.onClose}>
      <h2 className="heading-m" id={`${id}-title`}>
        Export {listName.toLowerCase()}
      </h2>
      {saved ? (
        <ExportSavedStep
          title="The export is saved"
          summary={`${saved.fileName} holds ${rows(saved.rows)}: everyone on the list as it is filtered now, every page.`}
          password={saved.password}
          recipient="the recipient"
          reminded={hold.reminded}
          onDone={onClose}
        />
      ) : (
        <>
          <p>
            Everyone on the list as it is filtered now is exported, every page, not only the page on screen. The export is recorded with
            your name, the list and the number of rows.
          </p>
          {cancelled ? <ExportCancelled /> : null}
          <ErrorSummary errors={summaryOf(errors, order)} idPrefix={id} />
          <form onSubmit={submit} noValidate>
            <ExportReasonAndPassphrase
              idPrefix={id}
              reasonHint="Who the file is for and why. It is not recorded in the audit log."
              reason={register('reason')}
              passphrase={register('passphrase')}
              errors={{ reason: errors.reason?.message, passphrase: errors.passphrase?.message }}
            />
            <Controller
              control={control}
              name="plaintext"
              render={({ field }) => (
                <ExportEncryptionChoice
                  idPrefix={id}
                  allowed={plaintextAllowed}
                  plainLabel="Plain CSV file, not encrypted"
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

/** The "Export…" button a list screen shows, opening the export dialog for what it lists now. */
export function ExportListButton({ selection, disabled, small }: { selection: ListSelection; disabled?: boolean; small?: boolean }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className={`button button--secondary${small ? ' button--small' : ''}`}
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      {/* In the body, not beside the button: a list's filters are a form, and forms must not nest. */}
      {open ? createPortal(<ListExportDialog selection={selection} onClose={() => setOpen(false)} />, document.body) : null}
    </>
  )
}
