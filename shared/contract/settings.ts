import { z } from 'zod'

/** Store-wide settings an administrator controls (display preferences are per workstation). */
export const storeSettings = z.object({
  idleLockMinutes: z.number().int().min(1, 'Idle lock must be 1 minute or more').max(15, 'Idle lock must be 15 minutes or fewer')
})

export type StoreSettings = z.infer<typeof storeSettings>

export const defaultStoreSettings: StoreSettings = { idleLockMinutes: 5 }

export const settingsChannels = {
  'settings:get': { input: z.object({}).strict(), output: storeSettings, access: 'session' },
  'settings:set': { input: storeSettings.partial().strict(), output: storeSettings, access: ['admin'] }
} as const
