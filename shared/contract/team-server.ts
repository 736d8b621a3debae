import { z } from 'zod'
import { passphrase, sessionUser } from './session'

/**
 * Joining a team server at first run, instead of making this computer's own store: where the
 * force's PostgreSQL server is, the CA file its certificate must chain to, and the user's own
 * login (which the IT team created with `team add-user`). The core builds the connection
 * address, proves the connection is encrypted and signs in before it remembers the server.
 */
export const caFileNeeded = 'Choose the force’s CA certificate file (the IT team can tell you where it is)'

export const joinTeamInput = z
  .object({
    host: z
      .string()
      .trim()
      .min(1, 'Enter the server’s name, as the IT team gave it')
      .max(255, 'Server name must be 255 characters or fewer')
      .regex(/^[A-Za-z0-9._:/\-[\]]+$/, 'Server name can only use letters, numbers, dots, hyphens and colons'),
    port: z.coerce
      .number({ message: 'Enter the port as a number, such as 5432' })
      .int('Enter the port as a whole number, such as 5432')
      .min(1, 'Port must be a number from 1 to 65535')
      .max(65535, 'Port must be a number from 1 to 65535'),
    database: z
      .string()
      .trim()
      .min(1, 'Enter the database name')
      .max(63, 'Database name must be 63 characters or fewer')
      .regex(/^[A-Za-z0-9_-]+$/, 'Database name can only use letters, numbers, hyphens and underscores'),
    /** Not needed for a Unix socket on this computer; the core says so when it is. */
    caFile: z.string().trim().max(4096, 'The CA certificate file path is too long'),
    username: z.string().trim().min(1, 'Enter your username').max(64),
    passphrase
  })
  .strict()
  // Asked with the form's other problems, not only once they are mended: a server on the network
  // (not a Unix socket folder on this computer) is reached only with its certificate checked.
  .superRefine((input, context) => {
    if (!input.host.startsWith('/') && input.caFile === '') context.addIssue({ code: 'custom', path: ['caFile'], message: caFileNeeded })
  })

export type JoinTeamInput = z.infer<typeof joinTeamInput>

export const teamServerChannels = {
  /** First run only: join the server and sign in. Refused once this computer has a store of its own. */
  'team-server:join': {
    input: joinTeamInput,
    output: sessionUser,
    access: 'public'
  },
  /** The native open dialog for the CA file (its path only: the certificate is public). */
  'team-server:chooseCaFile': {
    input: z.object({}).strict(),
    output: z.object({ path: z.string().nullable() }),
    access: 'public'
  }
} as const
