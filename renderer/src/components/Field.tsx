import { forwardRef, useState, type InputHTMLAttributes, type ReactNode } from 'react'
import { describedBy, FieldFrame } from './FieldFrame'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string
  label: string
  hint?: string
  error?: string
  /** Follows the error message, inside it (see HintAndError). */
  errorAction?: ReactNode
  /** Adds a Show/Hide button: passphrases can be checked before submitting (WCAG 3.3.8). */
  reveal?: boolean
  width?: 'narrow' | 'medium' | 'full'
}

/** A labelled text input with hint and inline error, GOV.UK style. Works with react-hook-form's register. */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { id, label, hint, error, errorAction, reveal, width = 'medium', type = 'text', className, ...input },
  ref
) {
  const [shown, setShown] = useState(false)
  const described = describedBy(id, hint, error)
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} errorAction={errorAction}>
      <div className="input-row">
        <input
          ref={ref}
          id={id}
          type={reveal && shown ? 'text' : type}
          className={`input input--${width}${error ? ' input--error' : ''}${className ? ` ${className}` : ''}`}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          spellCheck={type === 'password' ? false : undefined}
          {...input}
        />
        {reveal ? (
          <button type="button" className="button button--secondary button--small" aria-controls={id} onClick={() => setShown(!shown)}>
            {shown ? 'Hide' : 'Show'}
            <span className="visually-hidden"> {label.toLowerCase()}</span>
          </button>
        ) : null}
      </div>
    </FieldFrame>
  )
})
