import { z } from 'zod'
import { basicPassphraseProblem } from '../passphrase'

export const roles = ['clinician', 'admin', 'reporting', 'trim'] as const
export type Role = (typeof roles)[number]

export const roleNames: Record<Role, string> = {
  clinician: 'Clinician',
  admin: 'Administrator',
  reporting: 'Reporting',
  trim: 'TRiM practitioner'
}

/** What a username may contain, in words: the rule's message and every hint say the same. */
export const usernameCharacters = 'letters, numbers, dots, hyphens and underscores'

/** The hint under a username field, from the same words as the rule. */
export function usernameHint(example: string): string {
  return `${usernameCharacters[0]?.toUpperCase()}${usernameCharacters.slice(1)}, for example ${example}.`
}

export const username = z
  .string()
  .trim()
  .min(2, 'Enter a username of 2 characters or more')
  .max(64, 'Username must be 64 characters or fewer')
  .regex(/^[A-Za-z0-9._-]+$/, `Username can only use ${usernameCharacters}`)

export const displayName = z.string().trim().min(1, 'Enter the full name').max(120, 'Name must be 120 characters or fewer')

/** Any passphrase typed in: present, and not absurdly long. A new one has the rules below too. */
export const passphrase = z.string().min(1, 'Enter a passphrase').max(1024, 'Passphrase is too long')

/**
 * The first of the shared passphrase rules (shared/passphrase.ts) on a newly chosen passphrase:
 * those that need no list, so the window says "too short" at once. The core applies them all,
 * in order, then checks the passphrase was typed the same twice: a mismatch is told only once
 * the passphrase itself is acceptable, never instead of "too short".
 */
function checkNewPassphrase(field: string) {
  return (value: Record<string, unknown>, context: z.core.$RefinementCtx) => {
    const chosen = value[field]
    if (typeof chosen !== 'string' || chosen === '') return
    const problem = basicPassphraseProblem(chosen)
    if (problem) context.addIssue({ code: 'custom', path: [field], message: problem })
  }
}

/** A new passphrase typed twice: the object gains `confirmPassphrase`, compared by the core after the rules. */
export function withConfirmedPassphrase<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({ ...shape, passphrase, confirmPassphrase: z.string() })
    .strict()
    .superRefine(checkNewPassphrase('passphrase'))
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
  'keyring-damaged',
  'team-settings-damaged'
] as const

export const lockReasons = ['manual', 'idle', 'system', 'session-limit', 'disabled', 'signed-out'] as const

/**
 * Why the window may say it is locking: its own Lock and Sign out, or on the shell's request
 * (menu, OS lock, sleep, idle), after keeping its drafts. An account being disabled is only
 * ever decided by the core.
 */
export const requestedLockReasons = ['manual', 'idle', 'system', 'session-limit', 'signed-out'] as const
export type RequestedLockReason = (typeof requestedLockReasons)[number]

export const handoverState = z.object({ firstName: z.string(), instruments: z.array(z.string()), submitted: z.boolean() })

/** Failed sign-ins to the signed-in user's account since their previous sign-in. */
export const failedSignIns = z.object({ count: z.number().int().min(1), lastAt: z.string() })
export type FailedSignIns = z.infer<typeof failedSignIns>

/** Which team server this computer works on, to show at sign-in (null: this computer's own store). */
export const teamServerSummary = z.object({ host: z.string(), port: z.number().int(), database: z.string() })
export type TeamServerSummary = z.infer<typeof teamServerSummary>

export const storeStatus = z.object({
  /** Null for this computer's own encrypted store. */
  teamServer: teamServerSummary.nullable().default(null),
  state: z.enum(['no-store', 'locked', 'unlocked', 'unavailable']),
  /** Set while the person is completing questionnaires on their own (handover mode). */
  handover: handoverState.nullable().default(null),
  problem: z.enum(storeProblems).nullable(),
  user: sessionUser.nullable(),
  lockReason: z.enum(lockReasons).nullable(),
  idleLockMinutes: z.number().int(),
  /** Only while unlocked, for the user who signed in: shown to them once, after signing in. */
  failedSignIns: failedSignIns.nullable().default(null)
})

export type StoreStatus = z.infer<typeof storeStatus>
export type StoreProblem = (typeof storeProblems)[number]
export type LockReason = (typeof lockReasons)[number]

const empty = z.object({}).strict()

export const setupInput = withConfirmedPassphrase({ username, displayName })

export const unlockInput = z.object({ username: z.string().trim().min(1, 'Enter your username').max(64), passphrase }).strict()

export const changePassphraseInput = z
  .object({ current: passphrase, next: passphrase, confirmNext: z.string() })
  .strict()
  .superRefine(checkNewPassphrase('next'))

export const recoverInput = withConfirmedPassphrase({
  recoveryCode: z.string().trim().min(1, 'Enter the recovery code').max(200),
  username
})

/** Locking (or signing out): the reason is recorded in the audit log and shown at sign-in. */
export const lockInput = z.object({ reason: z.enum(requestedLockReasons).optional() }).strict()

export const sessionChannels = {
  'session:status': { input: empty, output: storeStatus, access: 'public' },
  'session:setup': {
    input: setupInput,
    output: z.object({ recoveryCode: z.string(), user: sessionUser }),
    access: 'public'
  },
  'session:unlock': { input: unlockInput, output: sessionUser, access: 'public' },
  'session:lock': { input: lockInput, output: storeStatus, access: 'public' },
  'session:activity': { input: empty, output: z.object({ idleLockMinutes: z.number().int() }), access: 'session' },
  'session:changePassphrase': { input: changePassphraseInput, output: sessionUser, access: 'session' },
  'session:recover': { input: recoverInput, output: z.object({ username: z.string() }), access: 'public' }
} as const
