import type { ReactNode } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { Field } from './Field'
import { Notice } from './Notice'
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
