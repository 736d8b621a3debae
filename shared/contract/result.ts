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

/** One field the core refused: its dotted path in the input, and what is wrong in the user's words. */
export interface FieldProblem {
  field: string
  message: string
  /** The person the problem points to (a staff number already theirs), only when the caller may see them. */
  personId?: string
}

export interface HarbourError {
  code: ErrorCode
  /** Plain English, safe to show: never echoes input values, clinical content or field names. */
  message: string
  /** For invalid input: the dotted paths of the fields that failed, never their values. */
  fields?: string[]
  /** The same fields, each with its own message, for the window to show at the field. */
  problems?: FieldProblem[]
  /** For 'rate-limited': how long until another attempt is allowed. */
  retryAfterSeconds?: number
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: HarbourError }
