import type { ErrorCode } from '../../shared/contract/result'

/**
 * An expected failure with a code the window understands. Its message is shown to the user,
 * so it must never contain input values or clinical content.
 */
export class CoreError extends Error {
  readonly code: ErrorCode
  /** For input the core itself refuses (e.g. a common passphrase): the field names. */
  readonly fields: string[] | undefined

  constructor(code: ErrorCode, message: string, fields?: string[]) {
    super(message)
    this.name = 'CoreError'
    this.code = code
    this.fields = fields
  }
}
