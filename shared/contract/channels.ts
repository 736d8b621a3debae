/**
 * Channel and event names only, with no imports, so the sandboxed preload can bundle it
 * without pulling in zod. `tests/unit/contract.test.ts` checks it matches the contract.
 */
export const channelNames = ['about:info', 'preferences:get', 'preferences:set'] as const

export type ChannelName = (typeof channelNames)[number]

/** Messages main pushes to the window (menu commands and, later, session changes). */
export const eventNames = ['menu:command'] as const

export type EventName = (typeof eventNames)[number]
