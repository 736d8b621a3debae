import type { ReactNode } from 'react'
import { Notice } from './Notice'
import { useModal } from './useModal'

export interface Confirmation {
  title: string
  /** What will change, in the user's words. */
  explanation: ReactNode
  confirmLabel: string
  /** What staying put is called, when "Cancel" would not say it ("Stay on this page"). */
  cancelLabel?: string
  /** A destructive change gets the warning button. */
  warning?: boolean
}

/**
 * The app's own confirmation (never the browser's `window.confirm`): a modal dialog that says
 * what will change, with the action and Cancel; focus is trapped and Esc cancels.
 */
export function ConfirmDialog({
  confirmation,
  pending,
  error,
  onConfirm,
  onCancel,
  children
}: {
  confirmation: Confirmation
  pending: boolean
  error: string | null
  onConfirm: () => void
  onCancel: () => void
  children?: ReactNode
}) {
  const dialog = useModal(true)
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" onClose={onCancel}>
      <h2 className="heading-m" id="confirm-title">
        {confirmation.title}
      </h2>
      <div id="confirm-text">
        {typeof confirmation.explanation === 'string' ? <p>{confirmation.explanation}</p> : confirmation.explanation}
      </div>
      {children}
      {error ? (
        <Notice tone="error" title="Nothing was changed">
          <p>{error}</p>
        </Notice>
      ) : null}
      <div className="button-group">
        <button type="button" className={`button${confirmation.warning ? ' button--warning' : ''}`} disabled={pending} onClick={onConfirm}>
          {confirmation.confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {confirmation.cancelLabel ?? 'Cancel'}
        </button>
      </div>
    </dialog>
  )
}
