import type { z } from 'zod'
import { aboutChannels } from './about'
import { backupChannels } from './backup'
import { caseloadChannels } from './caseload'
import { handoverChannels } from './handover'
import { homeChannels } from './home'
import { keysChannels } from './keys'
import { casesChannels } from './cases'
import { notesChannels } from './notes'
import { draftsChannels } from './drafts'
import { peopleChannels } from './people'
import { peopleImportChannels } from './people-import'
import { personOverviewChannels } from './person-overview'
import { personRecordExportChannels } from './person-record-export'
import { referralsChannels } from './referrals'
import { incidentsChannels } from './incidents'
import { trimChannels } from './trim'
import { roleCatalogueChannels } from './role-catalogue'
import { signpostingChannels } from './signposting'
import { consentChannels } from './consent'
import { managementAdviceChannels } from './management-advice'
import { listExportChannels } from './list-export'
import { screeningChannels } from './screening'
import { screeningImportChannels } from './screening-import'
import { tasksChannels } from './tasks'
import { reportsChannels } from './reports'
import { retentionChannels } from './retention'
import type { ChannelName, EventName } from './channels'
import { menuEvents } from './menu'
import { progressEvents } from './progress'
import { sessionEvents } from './session-events'
import { preferencesChannels } from './preferences'
import type { Result } from './result'
import { sessionChannels } from './session'
import { settingsChannels } from './settings'
import { teamServerChannels } from './team-server'
import { usersChannels } from './users'
import type { Access } from './access'

export type { Access } from './access'

export interface ChannelDefinition {
  input: z.ZodType
  output: z.ZodType
  access: Access
  /**
   * A store that cannot be opened has no session whose role could be checked. A channel marked
   * 'credentials-prove-role' is let through without one in that state only, and its handler
   * proves the caller's role from the credentials in its input instead.
   */
  whenStoreUnavailable?: 'credentials-prove-role'
}

/**
 * The one list of what the window may ask of the backend. Main binds exactly these channels,
 * the preload exposes exactly these names, and every input is parsed with its schema first.
 */
export const contract = {
  ...aboutChannels,
  ...preferencesChannels,
  ...sessionChannels,
  ...teamServerChannels,
  ...usersChannels,
  ...settingsChannels,
  ...backupChannels,
  ...keysChannels,
  ...roleCatalogueChannels,
  ...peopleChannels,
  ...personOverviewChannels,
  ...casesChannels,
  ...notesChannels,
  ...draftsChannels,
  ...tasksChannels,
  ...caseloadChannels,
  ...peopleImportChannels,
  ...screeningChannels,
  ...handoverChannels,
  ...screeningImportChannels,
  ...referralsChannels,
  ...signpostingChannels,
  ...incidentsChannels,
  ...consentChannels,
  ...managementAdviceChannels,
  ...trimChannels,
  ...homeChannels,
  ...personRecordExportChannels,
  ...listExportChannels,
  ...reportsChannels,
  ...retentionChannels
} satisfies Record<ChannelName, ChannelDefinition>

export const events = {
  ...menuEvents,
  ...sessionEvents,
  ...progressEvents
} satisfies Record<EventName, z.ZodType>

export type Contract = typeof contract
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/** The shape of `window.harbour`, shared by the preload and the e2e shim. */
export type HarbourApi = {
  [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
} & {
  /** Subscribes to a main-process event; returns the unsubscribe function. */
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void
}

export { channelNames, eventNames } from './channels'
export type { ChannelName, EventName } from './channels'
export type { ErrorCode, FieldProblem, HarbourError, Result } from './result'
