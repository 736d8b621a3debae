import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/atomic-write'

/**
 * Failed unlocks, kept in a small file beside the store because the database cannot be
 * written without the key. It holds the back-off state (so a restart does not reset it)
 * and the failures waiting to be written to the audit log at the next successful unlock.
 * It holds no passphrases and not even the typed username: only a known user's id.
 */
const fileSchema = z.object({
  version: z.literal(1),
  counters: z.record(z.string(), z.object({ failures: z.number().int().min(0), lastFailureAt: z.string() })),
  pendingAudit: z.array(z.object({ at: z.string(), userId: z.string().nullable() }))
})

export type UnlockAttempts = z.infer<typeof fileSchema>

const empty = (): UnlockAttempts => ({ version: 1, counters: {}, pendingAudit: [] })

/** Back-off starts at the fifth failure in a row and doubles: 2 s, 4 s, … 64 s at the tenth, capped at 15 min. */
export function backoffSeconds(failures: number): number {
  if (failures < 5) return 0
  return Math.min(900, 2 ** (failures - 4))
}

export function readAttempts(path: string): UnlockAttempts {
  try {
    return fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    return empty()
  }
}

/** Every unknown username shares one counter, so guessing names does not dodge the back-off. */
export function counterKey(userId: string | null): string {
  return userId ?? '(unknown user)'
}

export function secondsUntilAllowed(attempts: UnlockAttempts, key: string, now: Date): number {
  const counter = attempts.counters[key]
  if (!counter) return 0
  const wait = backoffSeconds(counter.failures)
  const readyAt = Date.parse(counter.lastFailureAt) + wait * 1000
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000))
}

export function recordFailure(path: string, userId: string | null, now: Date): UnlockAttempts {
  const attempts = readAttempts(path)
  const key = counterKey(userId)
  const failures = (attempts.counters[key]?.failures ?? 0) + 1
  attempts.counters[key] = { failures, lastFailureAt: now.toISOString() }
  attempts.pendingAudit.push({ at: now.toISOString(), userId })
  writeFileAtomic(path, JSON.stringify(attempts))
  return attempts
}

export function recordSuccess(path: string, userId: string): void {
  const attempts = readAttempts(path)
  const key = counterKey(userId)
  attempts.counters = Object.fromEntries(Object.entries(attempts.counters).filter(([name]) => name !== key))
  writeFileAtomic(path, JSON.stringify(attempts))
}

export function clearPendingAudit(path: string): void {
  const attempts = readAttempts(path)
  attempts.pendingAudit = []
  writeFileAtomic(path, JSON.stringify(attempts))
}
