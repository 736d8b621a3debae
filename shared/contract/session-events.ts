import { z } from 'zod'
import { lockReasons, requestedLockReasons } from './session'

/** Pushed to the window when the store locks by itself (idle, OS lock, suspend). */
export const sessionEvents = {
  'session:changed': z.object({ state: z.enum(['locked', 'unlocked']), reason: z.enum(lockReasons).nullable() }),
  /**
   * The window is about to close: it keeps its drafts, then closes itself. Typing is kept a
   * moment after it pauses, so without this the last words before closing could be lost.
   */
  'window:closing': z.object({}),
  /**
   * The shell is about to lock (menu, OS lock, sleep, idle): the window keeps its drafts, then
   * locks with this reason. The shell locks anyway if the window has not within a moment.
   */
  'session:lockRequested': z.object({ reason: z.enum(requestedLockReasons) }),
  /**
   * On a team server, another clinician saved something: the window reloads what it shows.
   * Nothing says whose record or which one, only that records changed.
   */
  'records:changed': z.object({})
}
