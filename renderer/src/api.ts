import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ErrorCode,
  EventName,
  EventPayload,
  FieldProblem,
  Result
} from '../../shared/contract'
import { describeProblem } from '../../shared/contract/labels'

/** A failed contract call, carrying the backend's code, its user-safe message and the fields it refused. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly fields: string[]
  /** Each refused field with its message in the user's words (components/forms.ts puts them at the field). */
  readonly problems: FieldProblem[]
  /** For 'rate-limited': seconds until another attempt is allowed. */
  readonly retryAfterSeconds: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    fields: string[] = [],
    extra: { problems?: FieldProblem[]; retryAfterSeconds?: number | undefined } = {}
  ) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.fields = fields
    this.problems = extra.problems ?? fields.map((field) => ({ field, message }))
    this.retryAfterSeconds = extra.retryAfterSeconds
  }
}

/** Calls one contract channel; resolves with its value or throws an ApiError. */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  // The mapped type cannot be narrowed by a generic key, so name the shared signature once.
  const invoke = window.harbour[channel] as unknown as (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
  const result = await invoke(input)
  if (!result.ok) {
    const { code, message, fields, problems, retryAfterSeconds } = result.error
    throw new ApiError(code, message, fields, { ...(problems ? { problems } : {}), retryAfterSeconds })
  }
  return result.value
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.harbour.on(event, listener)
}

/**
 * The message to show for any failure, without leaking internals: a refusal of fields is told
 * field by field, each named by its label (never by its path in the contract).
 */
export function messageFor(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problems.length === 0) return error.message
    return [...new Set(error.problems.map((problem) => `${describeProblem(problem)}.`))].join(' ')
  }
  return 'Harbour could not complete this. Nothing was changed. Please try again.'
}
