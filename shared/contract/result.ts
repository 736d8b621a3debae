/**
 * The envelope every contract call returns. Class identity does not survive IPC,
 * so failures travel as a stable `code` plus a message that is safe to show.
 */
export const errorCodes = [
  'invalid-input',
  'unknown-channel',
  'untrusted-sender',
  'unauthenticated',
  'rate-limited',
  'forbidden',
  'not-found',
  'conflict',
  'locked',
  'unavailable',
  'internal'
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface HarbourError {
  code: ErrorCode
  /** Plain English, safe to show: never echoes input values or clinical content. */
  message: string
  /** For invalid input: the dotted paths of the fields that failed, never their values. */
  fields?: string[]
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: HarbourError }
