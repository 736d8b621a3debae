import { zodResolver } from '@hookform/resolvers/zod'
import { useCallback, useEffect, useState } from 'react'
import {
  useForm,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormProps,
  type UseFormReturn,
  type UseFormSetError
} from 'react-hook-form'
import type { z } from 'zod'
import { describeProblem } from '../../../shared/contract/labels'
import { inUserWords } from '../../../shared/contract/messages'
import { ApiError, messageFor } from '../api'
import type { SummaryError } from './ErrorSummary'

/**
 * How every form shows a refusal, from its own checks or from the backend (one mechanism):
 * - the backend names each refused field by its path in the contract, with a message in the
 *   user's words;
 * - a form lists the paths it shows (optionally mapped to its own field names); a refusal
 *   of one of them appears at that field, under its label, and in the error summary at the
 *   top as a link that focuses it;
 * - a refusal of a field the form does not show goes in the summary as text, led by the
 *   field's label (shared/contract/labels.ts), never by its path;
 * - everything shown clears when the user acts again: the next submit, or an edit.
 */

/**
 * The paths a form shows: a list (the form's names are the contract's), contract path → the
 * form's name, or a function for forms whose fields follow the input's shape (questionnaires).
 */
export type FormFields = readonly string[] | Readonly<Record<string, string>> | ((path: string) => string | undefined)

export interface PlacedProblems {
  /** At a field of the form: `field` is the form's name for it (its element id is `${idPrefix}-${field}`). */
  atFields: SummaryError[]
  /** Not at any field of the form: told in words at the top. */
  elsewhere: string[]
}

const noProblems: PlacedProblems = { atFields: [], elsewhere: [] }

function formFieldFor(path: string, fields: FormFields): string | undefined {
  if (typeof fields === 'function') return fields(path)
  if (Array.isArray(fields)) {
    const list = fields as readonly string[]
    return list.some((known) => path === known || path.startsWith(`${known}.`)) ? path : undefined
  }
  const map = fields as Readonly<Record<string, string>>
  for (const [contractPath, formName] of Object.entries(map)) {
    if (path === contractPath) return formName
    if (path.startsWith(`${contractPath}.`)) return `${formName}${path.slice(contractPath.length)}`
  }
  return undefined
}

/** Sorts a failure into what goes at the form's fields and what is told at the top. */
export function placeProblems(error: unknown, fields: FormFields): PlacedProblems {
  const problems = error instanceof ApiError ? error.problems : []
  if (problems.length === 0) return { atFields: [], elsewhere: [messageFor(error)] }
  const placed: PlacedProblems = { atFields: [], elsewhere: [] }
  for (const problem of problems) {
    const field = formFieldFor(problem.field, fields)
    // Inline messages have no full stop (GOV.UK style); the summary repeats them.
    if (field) placed.atFields.push({ field, message: problem.message.replace(/\.$/, '') })
    else placed.elsewhere.push(`${describeProblem(problem)}.`)
  }
  return { atFields: placed.atFields, elsewhere: [...new Set(placed.elsewhere)] }
}

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

/** The form-level messages react-hook-form holds under `root` (the backend's, for fields the form does not show). */
function rootMessages(errors: unknown): string[] {
  const root = (errors as { root?: Record<string, unknown> & { message?: unknown } }).root
  if (!root) return []
  const own = typeof root.message === 'string' && root.message ? [root.message] : []
  const named = Object.entries(root)
    .filter(([key]) => key !== 'message' && key !== 'type' && key !== 'ref')
    .map(([, value]) => (value as { message?: unknown })?.message)
    .filter((message): message is string => typeof message === 'string' && message !== '')
  return [...own, ...named]
}

/** The errors react-hook-form holds, in field order (unlisted fields after), for the error summary. */
export function summaryOf<T extends FieldValues>(errors: FieldErrors<T>, order: string[]): SummaryError[] {
  const all = flatten(errors)
  const rank = (field: string) => {
    const index = order.findIndex((name) => field === name || field.startsWith(`${name}.`))
    return index === -1 ? order.length : index
  }
  const list = all.sort((a, b) => rank(a.field) - rank(b.field))
  for (const message of rootMessages(errors)) list.push({ field: 'form', message })
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
 * Puts a refusal from the backend where the user will see it: each refused field the form
 * shows gets its message there; anything else is told at the top, by label.
 */
export function showApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: FormFields): void {
  const { atFields, elsewhere } = placeProblems(error, fields)
  for (const { field, message } of atFields) setError(field as Path<T>, { type: 'server', message })
  elsewhere.forEach((message, index) => setError((index === 0 ? 'root' : `root.more${index}`) as Path<T>, { type: 'server', message }))
}

/**
 * react-hook-form set up the Harbour way: the shared schema checks the form, its messages in
 * the user's words, and a message told at the top clears as soon as the user edits anything
 * (field messages clear as their field is corrected, and everything on the next submit).
 */
export function useHarbourForm<T extends FieldValues>(
  schema: z.ZodType<unknown, T>,
  options: Omit<UseFormProps<T>, 'resolver'> = {}
): UseFormReturn<T> {
  const form = useForm<T>({ ...options, resolver: zodResolver(schema as never, inUserWords) as never })
  const { watch, clearErrors, getFieldState } = form
  useEffect(() => {
    const subscription = watch(() => {
      if (getFieldState('root' as Path<T>).error) clearErrors('root' as Path<T>)
    })
    return () => subscription.unsubscribe()
  }, [watch, clearErrors, getFieldState])
  return form
}

/**
 * The same for a form that keeps its own state (several small actions on one panel): show a
 * failure, read the message for a field, list the summary; clear on the next action or edit.
 */
export function useProblems() {
  const [placed, setPlaced] = useState<PlacedProblems>(noProblems)
  const show = useCallback((error: unknown, fields: FormFields) => setPlaced(placeProblems(error, fields)), [])
  const clear = useCallback(() => setPlaced((current) => (current === noProblems ? current : noProblems)), [])
  const at = (field: string) => placed.atFields.find((problem) => problem.field === field)?.message
  const summary: SummaryError[] = [...placed.atFields, ...placed.elsewhere.map((message) => ({ field: 'form', message }))]
  return { show, clear, at, summary }
}
