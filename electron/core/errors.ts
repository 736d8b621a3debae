import type { ErrorCode, FieldProblem } from '../../shared/contract/result'

/**
 * An expected failure with a code the window understands. Its message is shown to the user,
 * so it must never contain input values, clinical content or the contract's field names.
 */
export class CoreError extends Error {
  readonly code: ErrorCode
  /** For input the core itself refuses (e.g. a common passphrase): the field paths. */
  readonly fields: string[] | undefined
  /** Each refused field with its own message; by default every field carries the message. */
  readonly problems: FieldProblem[] | undefined
  /** For 'rate-limited': seconds until another attempt is allowed. */
  readonly retryAfterSeconds: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    fields?: string[],
    options: { problems?: FieldProblem[]; retryAfterSeconds?: number } = {}
  ) {
    super(message)
    this.name = 'CoreError'
    this.code = code
    this.fields = fields ?? options.problems?.map((problem) => problem.field)
    this.problems = options.problems ?? fields?.map((field) => ({ field, message }))
    this.retryAfterSeconds = options.retryAfterSeconds
  }
}
