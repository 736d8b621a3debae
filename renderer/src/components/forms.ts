import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { ApiError, messageFor } from '../api'
import type { SummaryError } from './ErrorSummary'

/** The errors react-hook-form holds, in field order, for the error summary. */
export function summaryOf<T extends FieldValues>(errors: FieldErrors<T>, order: string[]): SummaryError[] {
  const list: SummaryError[] = []
  for (const field of order) {
    const message = (errors as Record<string, { message?: string } | undefined>)[field]?.message
    if (message) list.push({ field, message })
  }
  const root = (errors as { root?: { message?: string } }).root?.message
  if (root) list.push({ field: 'form', message: root })
  return list
}

/**
 * Puts a refusal from the backend where the user will see it: on the named field when it
 * names one the form has, otherwise at the top of the form.
 */
export function showApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: string[]): void {
  const message = messageFor(error)
  const field = error instanceof ApiError ? error.fields.find((name) => fields.includes(name)) : undefined
  if (field) setError(field as Path<T>, { type: 'server', message: message.replace(/\.$/, '') })
  else setError('root' as Path<T>, { type: 'server', message })
}
