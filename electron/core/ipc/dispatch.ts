import type { z } from 'zod'
import { contract, type ChannelName, type Result } from '../../../shared/contract'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import type { Handlers } from './handlers'

export interface DispatchOptions {
  /** Parse every handler's output against the contract too: on in tests, off in the app. */
  validateOutput?: boolean
  /** Receives failures that are not CoreErrors; must never log input or clinical content. */
  onInternalError?: (channel: ChannelName, error: unknown) => void
}

export type Dispatch = (channel: unknown, input: unknown, call: CallContext) => Promise<Result<unknown>>

function isChannel(channel: unknown): channel is ChannelName {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(contract, channel)
}

/** Field paths from a zod failure; the values themselves are never repeated back. */
export function fieldPaths(error: z.ZodError): string[] {
  const paths = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => [...issue.path, key].join('.'))
    }
    return [issue.path.length > 0 ? issue.path.join('.') : '(input)']
  })
  return [...new Set(paths.flat())]
}

/**
 * The single route from an untrusted caller into the core, shared by the Electron IPC
 * binder and the e2e bridge: known channel → parse input → handler → envelope.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channel, input, call) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: 'This request is not recognised.' } }
    }
    const definition = contract[channel]
    const parsed = definition.input.safeParse(input)
    if (!parsed.success) {
      const fields = fieldPaths(parsed.error)
      return {
        ok: false,
        error: { code: 'invalid-input', message: `Check these fields: ${fields.join(', ')}.`, fields }
      }
    }
    try {
      const handler = handlers[channel] as (input: unknown, call: CallContext) => unknown
      const value = await handler(parsed.data, call)
      if (options.validateOutput) {
        const checked = definition.output.safeParse(value)
        if (!checked.success) {
          throw new Error(`Output of ${channel} does not match the contract at ${fieldPaths(checked.error).join(', ')}`)
        }
      }
      return { ok: true, value }
    } catch (error) {
      if (error instanceof CoreError) {
        return { ok: false, error: { code: error.code, message: error.message } }
      }
      options.onInternalError?.(channel, error)
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong. Nothing was changed. Please try again.' }
      }
    }
  }
}
