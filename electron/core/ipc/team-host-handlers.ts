import type { ChannelOutput, ParsedInput } from '../../../shared/contract'
import type { SessionUser } from '../../../shared/contract/session'
import type { CoreContext } from '../context'
import { getAboutInfo } from '../services/about'
import { readPreferences, updatePreferences } from '../services/preferences'
import type { TeamStore } from '../team-store'
import type { HostChannel } from './handlers'

/** What a store-wide channel's handler gets on a team server. */
export interface TeamHostCall {
  core: CoreContext
  team: TeamStore
  session: SessionUser | null
}

type TeamHostHandler<C extends HostChannel> = (input: ParsedInput<C>, call: TeamHostCall) => ChannelOutput<C> | Promise<ChannelOutput<C>>

/**
 * The store-wide channels a team server serves: sign-in, lock and status through the user's
 * own server login, and what belongs to this computer (About, preferences). First-run setup,
 * recovery and restore are a standalone store's; on a server they are the IT team's, and the
 * dispatcher refuses them in words.
 */
export const teamHostHandlers: { [C in HostChannel]?: TeamHostHandler<C> } = {
  'about:info': (_input, { core }) => getAboutInfo(core),
  'preferences:get': (_input, { core }) => readPreferences(core),
  'preferences:set': (input, { core }) => updatePreferences(core, input),
  'session:status': (_input, { team }) => team.status(),
  'session:unlock': (input, { team }) => team.signIn(input.username, input.passphrase),
  'session:lock': async (input, { team }) => {
    await team.lock(input.reason ?? 'manual')
    return team.status()
  }
}
