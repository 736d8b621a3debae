import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { ApiError, messageFor } from '../api'
import type { SummaryError } from './ErrorSummary'

/** Every error in a (possibly nested) react-hook-form error object, by dotted field path. */
function flatten(errors: unknown, prefix = ''): SummaryError[] {
  if (!errors || typeof errors !== 'object') return []
  const list: SummaryError[] = []
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'root' || key === 'ref') continue
    const path = prefix ? `${prefix}.${key}` : key
    const message = (value as { message?: unknown })?.message
    if (typeof message === 'string' && message) list.push({ field: path, message })
    else list.push(...flatten(value, path))
  }
  return list
}

/** The errors react-hook-form holds, in field order (unlisted fields after), for the error summary. */
export function summaryOf<T extends FieldValues>(errors: FieldErrors<T>, order: string[]): SummaryError[] {
  const all = flatten(errors)
  const rank = (field: string) => {
    const index = order.findIndex((name) => field === name || field.startsWith(`${name}.`))
    return index === -1 ? order.length : index
  }
  const list = all.sort((a, b) => rank(a.field) - rank(b.field))
  const root = (errors as { root?: { message?: string } }).root?.message
  if (root) list.push({ field: 'form', message: root })
  return list
}

/** The message for one (possibly nested) field, for its inline error. */
export function errorAt<T extends FieldValues>(errors: FieldErrors<T>, path: string): string | undefined {
  let node: unknown = errors
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key]
  const message = (node as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? message : undefined
}

/**
 * Puts a refusal from the backend where the user will see it: on the named field when it
 * names one the form has, otherwise at the top of the form.
 */
export function showApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: string[]): void {
  const message = messageFor(error)
  const field = error instanceof ApiError ? error.fields.find((name) => fields.some((known) => name === known || name.startsWith(`${known}.`))) : undefined
  if (field) setError(field as Path<T>, { type: 'server', message: message.replace(/\.$/, '') })
  else setError('root' as Path<T>, { type: 'server', message })
}
