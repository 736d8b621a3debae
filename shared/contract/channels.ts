/**
 * Channel and event names only, with no imports, so the sandboxed preload can bundle it
 * without pulling in zod. `tests/unit/contract.test.ts` checks it matches the contract.
 */
export const channelNames = [
  'about:info',
  'preferences:get',
  'preferences:set',
  'session:status',
  'session:setup',
  'session:unlock',
  'session:lock',
  'session:activity',
  'session:changePassphrase',
  'session:recover',
  'users:list',
  'users:add',
  'users:resetPassphrase',
  'users:disable',
  'settings:get',
  'settings:set',
  'backup:create',
  'backup:restore',
  'roles:list',
  'roles:save',
  'roles:setRetired',
  'roles:delete',
  'people:search',
  'people:get',
  'people:create',
  'people:update',
  'cases:open',
  'cases:update',
  'cases:reassign',
  'cases:close',
  'cases:forPerson',
  'notes:add',
  'notes:amend',
  'notes:forCase',
  'tasks:create',
  'tasks:complete',
  'tasks:list',
  'caseload:list',
  'caseload:team',
  'caseload:clinicians',
  'people-import:choose',
  'people-import:run',
  'people-import:presets',
  'people-import:savePreset',
  'screening:save',
  'screening:correct',
  'screening:forPerson',
  'screening:alerts',
  'screening:acknowledge',
  'screening:due',
  'screening:exportDue',
  'screening:rules',
  'screening:setRules',
  'handover:start',
  'handover:submit',
  'handover:end',
  'screening-import:choose',
  'screening-import:run'
] as const

export type ChannelName = (typeof channelNames)[number]

/** Messages main pushes to the window (menu commands and, later, session changes). */
export const eventNames = ['menu:command', 'session:changed', 'progress:update'] as const

export type EventName = (typeof eventNames)[number]
