import type { ChannelName, ChannelOutput, ParsedInput } from '../../../shared/contract'
import type { CallContext } from '../context'
import { getAboutInfo } from '../services/about'
import { readPreferences, updatePreferences } from '../services/preferences'

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  call: CallContext
) => ChannelOutput<C> | Promise<ChannelOutput<C>>

export type Handlers = { [C in ChannelName]: Handler<C> }

/** One handler per contract channel; each is a thin call into a feature's service. */
export const handlers: Handlers = {
  'about:info': (_input, { core }) => getAboutInfo(core),
  'preferences:get': (_input, { core }) => readPreferences(core),
  'preferences:set': (input, { core }) => updatePreferences(core, input)
}
