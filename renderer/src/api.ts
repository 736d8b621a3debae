import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ErrorCode,
  EventName,
  EventPayload,
  Result
} from '../../shared/contract'

/** A failed contract call, carrying the backend's code and its user-safe message. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly fields: string[]

  constructor(code: ErrorCode, message: string, fields: string[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.fields = fields
  }
}

/** Calls one contract channel; resolves with its value or throws an ApiError. */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  // The mapped type cannot be narrowed by a generic key, so name the shared signature once.
  const invoke = window.harbour[channel] as unknown as (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
  const result = await invoke(input)
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.fields)
  return result.value
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.harbour.on(event, listener)
}

/** The message to show for any failure, without leaking internals. */
export function messageFor(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return 'Harbour could not complete this. Nothing was changed. Please try again.'
}
