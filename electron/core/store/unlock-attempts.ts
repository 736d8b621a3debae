import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/atomic-write'

/**
 * Failed unlocks, kept in a small file beside the store because the database cannot be
 * written without the key. It holds the back-off state (so a restart does not reset it)
 * and, per user, how many failures are waiting to be written to the audit log at the next
 * successful unlock, with only the first and the last few times: the file stays the same
 * size however many guesses are made. It holds no passphrases and not even the typed
 * username: only a known user's id.
 */
const recentTimesKept = 10

const counter = z.object({ failures: z.number().int().min(0), lastFailureAt: z.string() })
const unaudited = z.object({
  userId: z.string().nullable(),
  count: z.number().int().min(1),
  firstAt: z.string(),
  recent: z.array(z.string()).max(recentTimesKept)
})

const fileSchema = z.object({
  version: z.literal(2),
  counters: z.record(z.string(), counter),
  unaudited: z.record(z.string(), unaudited)
})

/** The first version kept one entry per failure and grew without bound; it is read and shrunk. */
const legacySchema = z.object({
  version: z.literal(1),
  counters: z.record(z.string(), counter),
  pendingAudit: z.array(z.object({ at: z.string(), userId: z.string().nullable() }))
})

export type UnlockAttempts = z.infer<typeof fileSchema>
export type UnauditedFailures = z.infer<typeof unaudited>

const empty = (): UnlockAttempts => ({ version: 2, counters: {}, unaudited: {} })

/** Back-off starts at the fifth failure in a row and doubles: 2 s, 4 s, … 64 s at the tenth, capped at 15 min. */
export function backoffSeconds(failures: number): number {
  if (failures < 5) return 0
  return Math.min(900, 2 ** (failures - 4))
}

/** Every unknown username shares one counter, so guessing names does not dodge the back-off. */
export function counterKey(userId: string | null): string {
  return userId ?? '(unknown user)'
}

function noteFailure(attempts: UnlockAttempts, userId: string | null, at: string): void {
  const key = counterKey(userId)
  const before = attempts.unaudited[key]
  attempts.unaudited[key] = {
    userId,
    count: (before?.count ?? 0) + 1,
    firstAt: before?.firstAt ?? at,
    recent: [...(before?.recent ?? []), at].slice(-recentTimesKept)
  }
}

function fromLegacy(legacy: z.infer<typeof legacySchema>): UnlockAttempts {
  const attempts: UnlockAttempts = { version: 2, counters: legacy.counters, unaudited: {} }
  for (const failure of legacy.pendingAudit) noteFailure(attempts, failure.userId, failure.at)
  return attempts
}

export function readAttempts(path: string): UnlockAttempts {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return empty()
  }
  const current = fileSchema.safeParse(raw)
  if (current.success) return current.data
  const legacy = legacySchema.safeParse(raw)
  return legacy.success ? fromLegacy(legacy.data) : empty()
}

export function secondsUntilAllowed(attempts: UnlockAttempts, key: string, now: Date): number {
  const counter = attempts.counters[key]
  if (!counter) return 0
  const wait = backoffSeconds(counter.failures)
  const readyAt = Date.parse(counter.lastFailureAt) + wait * 1000
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000))
}

function write(path: string, attempts: UnlockAttempts): void {
  writeFileAtomic(path, JSON.stringify(attempts))
}

export function recordFailure(path: string, userId: string | null, now: Date): UnlockAttempts {
  const attempts = readAttempts(path)
  const key = counterKey(userId)
  const failures = (attempts.counters[key]?.failures ?? 0) + 1
  attempts.counters[key] = { failures, lastFailureAt: now.toISOString() }
  noteFailure(attempts, userId, now.toISOString())
  write(path, attempts)
  return attempts
}

/**
 * How many times a user's passphrase was refused since they last signed in, and when the last
 * was: their back-off counter, which only their own successful sign-in resets. Told to them
 * once they are signed in, never at the sign-in screen (which must not say who has an account).
 */
export function failuresSinceLastSignIn(attempts: UnlockAttempts, userId: string): { count: number; lastAt: string } | null {
  const counter = attempts.counters[counterKey(userId)]
  return counter && counter.failures > 0 ? { count: counter.failures, lastAt: counter.lastFailureAt } : null
}

export function recordSuccess(path: string, userId: string): void {
  const attempts = readAttempts(path)
  const key = counterKey(userId)
  attempts.counters = Object.fromEntries(Object.entries(attempts.counters).filter(([name]) => name !== key))
  write(path, attempts)
}

/** The failures waiting to be audited, one summary per user (and one for unknown usernames). */
export function unauditedFailures(path: string): UnauditedFailures[] {
  return Object.values(readAttempts(path).unaudited)
}

/** The audit detail for one summary: counts and times only. */
export function failureSummary(failures: UnauditedFailures): string {
  return `count=${failures.count},first=${failures.firstAt},recent=${failures.recent.join(' ')}`
}

export function clearPendingAudit(path: string): void {
  const attempts = readAttempts(path)
  attempts.unaudited = {}
  write(path, attempts)
}
