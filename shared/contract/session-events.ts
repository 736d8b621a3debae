import { z } from 'zod'
import { lockReasons } from './session'

/** Pushed to the window when the store locks by itself (idle, OS lock, suspend). */
export const sessionEvents = {
  'session:changed': z.object({ state: z.enum(['locked', 'unlocked']), reason: z.enum(lockReasons).nullable() })
}
