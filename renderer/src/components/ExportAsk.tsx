import type { ReactNode } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { Field } from './Field'
import { Notice } from './Notice'
import { RadioGroup } from './RadioGroup'
import { TextArea } from './TextArea'

/** Said when the exporter closed the save dialog: nothing was written, and nothing audited. */
export function ExportCancelled() {
  return (
    <Notice tone="info" title="Nothing was saved">
      <p>You closed the save dialog without choosing where to save. Nothing was written or recorded.</p>
    </Notice>
  )
}

/**
 * What every export asks before the save dialog: why (never recorded in words), and the
 * passphrase again. `afterReason` holds an export's own fields, asked between the two.
 */
export function ExportReasonAndPassphrase({
  idPrefix,
  reasonHint,
  reason,
  passphrase,
  errors,
  afterReason
}: {
  idPrefix: string
  reasonHint: string
  reason: UseFormRegisterReturn
  passphrase: UseFormRegisterReturn
  errors: { reason?: string | undefined; passphrase?: string | undefined }
  afterReason?: ReactNode
}) {
  return (
    <>
      <TextArea id={`${idPrefix}-reason`} label="Reason for the export" hint={reasonHint} rows={3} error={errors.reason} {...reason} />
      {afterReason}
      <Field
        id={`${idPrefix}-passphrase`}
        label="Your passphrase"
        hint="Needed again for every export."
        type="password"
        reveal
        autoComplete="current-password"
        error={errors.passphrase}
        {...passphrase}
      />
    </>
  )
}

/**
 * Encrypted (the default), or the plain file — offered only where an administrator has allowed
 * exports without encryption, and still refused by the core otherwise.
 */
export function ExportEncryptionChoice({
  idPrefix,
  allowed,
  plainLabel,
  value,
  onChange,
  error
}: {
  idPrefix: string
  allowed: boolean
  plainLabel: string
  value: boolean
  onChange: (plaintext: boolean) => void
  error?: string | undefined
}) {
  if (!allowed) return <p className="hint">The file is saved as an encrypted zip, with a password shown once.</p>
  return (
    <div id={`${idPrefix}-plaintext`} tabIndex={-1}>
      <RadioGroup
        legend="How to save it"
        name={`${idPrefix}-plaintext`}
        value={value ? 'plaintext' : 'encrypted'}
        onChange={(chosen) => onChange(chosen === 'plaintext')}
        options={[
          {
            value: 'encrypted',
            label: 'Encrypted zip (recommended)',
            hint: 'An AES-256 zip with a password shown once, to send separately.'
          },
          { value: 'plaintext', label: plainLabel, hint: 'Anyone who gets the file can read it. Allowed here by an administrator.' }
        ]}
      />
      {error ? <p className="error-message">{error}</p> : null}
    </div>
  )
}

/** Every export dialog's two buttons: on to the native save dialog, or cancel. */
export function ExportButtons({ submitting, busyLabel, onCancel }: { submitting: boolean; busyLabel?: string; onCancel: () => void }) {
  return (
    <div className="button-group">
      <button type="submit" className="button" disabled={submitting}>
        {submitting && busyLabel ? busyLabel : 'Choose where to save'}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
