import { z } from 'zod'
import { someOf } from './fields'

export const themes = ['system', 'light', 'dark', 'high-contrast'] as const
export const textSizes = ['standard', 'large', 'larger'] as const

export const preferences = z.object({
  theme: z.enum(themes),
  textSize: z.enum(textSizes),
  reduceMotion: z.boolean()
})

export type Preferences = z.infer<typeof preferences>
export type Theme = (typeof themes)[number]
export type TextSize = (typeof textSizes)[number]

export const defaultPreferences: Preferences = {
  theme: 'system',
  textSize: 'standard',
  reduceMotion: false
}

export const preferencesChannels = {
  'preferences:get': {
    input: z.object({}).strict(),
    output: preferences,
    access: 'public'
  },
  'preferences:set': {
    input: someOf(preferences),
    output: preferences,
    access: 'public'
  }
} as const
