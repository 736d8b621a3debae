import type { ReactNode } from 'react'

/** The parts every form control shares: label above, hint, inline error; ids for aria-describedby. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

/** `errorAction` follows the message inside it: a way to act on the problem (open the record that has the staff number). */
export function HintAndError({
  id,
  hint,
  error,
  errorAction
}: {
  id: string
  hint?: string | undefined
  error?: string | undefined
  errorAction?: ReactNode
}) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
          {errorAction ? <> {errorAction}</> : null}
        </p>
      ) : null}
    </>
  )
}

export function FieldFrame({
  id,
  label,
  hint,
  error,
  errorAction,
  children
}: {
  id: string
  label: string
  hint?: string | undefined
  error?: string | undefined
  errorAction?: ReactNode
  children: ReactNode
}) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} errorAction={errorAction} />
      {children}
    </div>
  )
}
