import { z } from 'zod'

/** Commands the native menu sends to the window; the renderer decides what each does. */
export const menuCommands = ['go-home', 'go-about', 'go-settings', 'show-shortcuts', 'lock', 'find-person', 'print'] as const

export type MenuCommand = (typeof menuCommands)[number]

export const menuEvents = {
  'menu:command': z.object({ command: z.enum(menuCommands) })
}
