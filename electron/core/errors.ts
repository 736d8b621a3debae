import type { ErrorCode } from '../../shared/contract/result'

/**
 * An expected failure with a code the window understands. Its message is shown to the user,
 * so it must never contain input values or clinical content.
 */
export class CoreError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'CoreError'
    this.code = code
  }
}
