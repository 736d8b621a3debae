import { z } from 'zod'

export const roles = ['clinician', 'admin', 'reporting', 'trim'] as const
export type Role = (typeof roles)[number]

export const roleNames: Record<Role, string> = {
  clinician: 'Clinician',
  admin: 'Administrator',
  reporting: 'Reporting',
  trim: 'TRiM practitioner'
}

export const username = z
  .string()
  .trim()
  .min(2, 'Enter a username of 2 characters or more')
  .max(64, 'Username must be 64 characters or fewer')
  .regex(/^[A-Za-z0-9._-]+$/, 'Username can only use letters, numbers, dots, hyphens and underscores')

export const displayName = z.string().trim().min(1, 'Enter the full name').max(120, 'Name must be 120 characters or fewer')

/** Length and content rules are applied by the core (shared/passphrase.ts) with a clear message. */
export const passphrase = z.string().min(1, 'Enter a passphrase').max(1024, 'Passphrase is too long')

/**
 * A new passphrase typed twice: the object gains `confirmPassphrase`, and a mismatch is
 * reported on that field (the passphrase itself is checked by the core).
 */
export function withConfirmedPassphrase<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({ ...shape, passphrase, confirmPassphrase: z.string() })
    .strict()
    .refine((value) => {
      // Generic shapes hide the two fields from the type checker; they are always present.
      const typed = value as { passphrase: string; confirmPassphrase: string }
      return typed.passphrase === typed.confirmPassphrase
    }, {
      path: ['confirmPassphrase'],
      message: 'Passphrases do not match'
    })
}

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  mustChangePassphrase: z.boolean()
})

export type SessionUser = z.infer<typeof sessionUser>

export const storeProblems = [
  'missing',
  'not-a-database',
  'damaged',
  'newer-version',
  'locked-by-another',
  'keyring-missing',
  'keyring-damaged'
] as const

export const lockReasons = ['manual', 'idle', 'system', 'session-limit', 'disabled'] as const

export const handoverState = z.object({ firstName: z.string(), instruments: z.array(z.string()), submitted: z.boolean() })

export const storeStatus = z.object({
  state: z.enum(['no-store', 'locked', 'unlocked', 'unavailable']),
  /** Set while the person is completing questionnaires on their own (handover mode). */
  handover: handoverState.nullable().default(null),
  problem: z.enum(storeProblems).nullable(),
  user: sessionUser.nullable(),
  lockReason: z.enum(lockReasons).nullable(),
  idleLockMinutes: z.number().int()
})

export type StoreStatus = z.infer<typeof storeStatus>
export type StoreProblem = (typeof storeProblems)[number]
export type LockReason = (typeof lockReasons)[number]

const empty = z.object({}).strict()

export const setupInput = withConfirmedPassphrase({ username, displayName })

export const unlockInput = z
  .object({ username: z.string().trim().min(1, 'Enter your username').max(64), passphrase })
  .strict()

export const changePassphraseInput = z
  .object({ current: passphrase, next: passphrase, confirmNext: z.string() })
  .strict()
  .refine((value) => value.next === value.confirmNext, { path: ['confirmNext'], message: 'Passphrases do not match' })

export const recoverInput = withConfirmedPassphrase({
  recoveryCode: z.string().trim().min(1, 'Enter the recovery code').max(200),
  username
})

export const sessionChannels = {
  'session:status': { input: empty, output: storeStatus, access: 'public' },
  'session:setup': {
    input: setupInput,
    output: z.object({ recoveryCode: z.string(), user: sessionUser }),
    access: 'public'
  },
  'session:unlock': { input: unlockInput, output: sessionUser, access: 'public' },
  'session:lock': { input: empty, output: storeStatus, access: 'public' },
  'session:activity': { input: empty, output: z.object({ idleLockMinutes: z.number().int() }), access: 'session' },
  'session:changePassphrase': { input: changePassphraseInput, output: sessionUser, access: 'session' },
  'session:recover': { input: recoverInput, output: z.object({ username: z.string() }), access: 'public' }
} as const
