import type { CoreContext } from '../core/context'

/** A mistake in how the command was called: reported with the usage, exit code 2. */
export class UsageError extends Error {}
/** A failure to report as one line, with exit code 1. */
export class CommandError extends Error {}

export type Command = (args: string[], context: (store: string | undefined) => CoreContext) => Promise<void>
