import { randomBytes } from 'node:crypto'
import { closeSync, fchmodSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { z } from 'zod'
import { CoreError } from '../errors'
import { fsyncFolder, privateMode } from '../fs/durable'

/**
 * One process at a time has the store open: the app for a whole unlocked session, a CLI
 * command for its run. The holder keeps a lock file in the data folder naming itself (pid,
 * computer, app or command), created with O_EXCL so two openers cannot both make it. A lock
 * left by a process on this computer that is no longer running is stale and taken over; a
 * lock from another computer is never taken over, since its process cannot be checked.
 */
export type LockOwner = { kind: 'app' } | { kind: 'cli'; command: string }

const ownerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('app') }),
  z.object({ kind: z.literal('cli'), command: z.string().regex(/^[a-z ]{1,40}$/) })
])

const recordSchema = z.object({
  format: z.literal('harbour-lock'),
  pid: z.number().int().positive(),
  host: z.string().min(1).max(255),
  owner: ownerSchema,
  since: z.string(),
  /** Tells this holder's lock from a later one with the same pid. */
  token: z.string()
})

type LockRecord = z.infer<typeof recordSchema>

/** What the lock needs to know about this process and computer (injected in tests). */
export interface LockEnvironment {
  pid: number
  host: string
  isAlive: (pid: number) => boolean
  now: () => Date
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export const thisProcess: LockEnvironment = { pid: process.pid, host: hostname(), isAlive: processIsAlive, now: () => new Date() }

export interface StoreLock {
  release: () => void
}

function holderName(owner: LockOwner): string {
  return owner.kind === 'app' ? 'Harbour' : `the Harbour command line, running ${owner.command}`
}

export function inUseMessage(holder: LockRecord, thisHost: string): string {
  const where = `process ${holder.pid} on ${holder.host}`
  if (holder.host !== thisHost) {
    return (
      `The store is in use by ${holderName(holder.owner)} on another computer (${where}). Close it there first. ` +
      'Harbour does not take over a lock from another computer: if Harbour is not running there, delete harbour.lock from the data folder.'
    )
  }
  return holder.owner.kind === 'app'
    ? `The store is in use by Harbour (${where}). Close it first.`
    : `The store is in use by ${holderName(holder.owner)} (${where}). Wait for it to finish first.`
}

const unreadableMessage =
  'The store’s lock file (harbour.lock) cannot be read, so Harbour cannot tell what is using the store. ' +
  'If no copy of Harbour is running, delete that file from the data folder and try again.'

/** Creates the lock file with our record, or returns false if it already exists. */
function tryCreate(path: string, record: LockRecord): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx', privateMode)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    fchmodSync(fd, privateMode)
    writeSync(fd, JSON.stringify(record))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  fsyncFolder(dirname(path))
  return true
}

function readHolder(path: string): LockRecord | 'gone' | 'unreadable' {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    return 'unreadable'
  }
  try {
    return recordSchema.parse(JSON.parse(text))
  } catch {
    return 'unreadable'
  }
}

/**
 * Moves a stale lock out of the way. Renaming is atomic, so of two openers taking over the same
 * stale lock only one moves it; if what was moved turns out to be a fresh lock another opener
 * has just made, it is put back (linking never replaces an existing file).
 */
function setAsideStale(path: string, stale: LockRecord): void {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`
  try {
    renameSync(path, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const moved = readHolder(aside)
  if (moved === 'gone' || moved === 'unreadable' || moved.token !== stale.token) {
    try {
      linkSync(aside, path)
    } catch {
      // Yet another opener holds it now; the next attempt reads whoever that is.
    }
  }
  rmSync(aside, { force: true })
}

function releaseIfOurs(path: string, token: string): void {
  const held = readHolder(path)
  if (held === 'gone' || held === 'unreadable' || held.token !== token) return
  try {
    rmSync(path)
  } catch {
    // Left behind, it is stale once this process ends, and the next opener takes it over.
  }
}

/** Locks this process holds (token to path), released on an ordinary exit whatever path led there. */
const held = new Map<string, string>()
let exitHookInstalled = false

function holdUntilExit(path: string, token: string): void {
  held.set(token, path)
  if (exitHookInstalled) return
  process.on('exit', () => {
    for (const [heldToken, heldPath] of held) releaseIfOurs(heldPath, heldToken)
  })
  exitHookInstalled = true
}

/** Takes the store's lock for this process, or throws a CoreError naming what holds it. */
export function acquireStoreLock(path: string, owner: LockOwner, environment: LockEnvironment = thisProcess): StoreLock {
  const record: LockRecord = {
    format: 'harbour-lock',
    pid: environment.pid,
    host: environment.host,
    owner,
    since: environment.now().toISOString(),
    token: randomBytes(16).toString('hex')
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, record)) {
      holdUntilExit(path, record.token)
      return {
        release: () => {
          held.delete(record.token)
          releaseIfOurs(path, record.token)
        }
      }
    }
    const holder = readHolder(path)
    if (holder === 'gone') continue
    if (holder === 'unreadable') throw new CoreError('conflict', unreadableMessage)
    if (holder.host !== environment.host || environment.isAlive(holder.pid)) {
      throw new CoreError('conflict', inUseMessage(holder, environment.host))
    }
    setAsideStale(path, holder)
  }
  throw new CoreError('conflict', 'Another program took the store at the same moment. Try again.')
}
