import type { ChannelName, ChannelOutput, ParsedInput } from '../../../shared/contract'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { getAboutInfo } from '../services/about'
import { createBackup, restoreBackup } from '../services/backup'
import { readPreferences, updatePreferences } from '../services/preferences'
import { readSettings, updateSettings } from '../services/settings'
import { addUser, changeOwnPassphrase, disableUser, listUsers, resetPassphrase } from '../services/users'

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  call: CallContext
) => ChannelOutput<C> | Promise<ChannelOutput<C>>

export type Handlers = { [C in ChannelName]: Handler<C> }

/** One handler per contract channel; each is a thin call into a feature's service. */
export const handlers: Handlers = {
  'about:info': (_input, { core }) => getAboutInfo(core),
  'preferences:get': (_input, { core }) => readPreferences(core),
  'preferences:set': (input, { core }) => updatePreferences(core, input),

  'session:status': (_input, { vault }) => vault.status(),
  'session:setup': (input, { vault }) => vault.setup(input),
  'session:unlock': (input, { vault }) => vault.unlock(input.username, input.passphrase),
  'session:lock': (_input, { vault }) => {
    vault.lock('manual')
    return vault.status()
  },
  'session:activity': (_input, { vault }) => {
    vault.touch()
    return { idleLockMinutes: vault.status().idleLockMinutes }
  },
  'session:changePassphrase': (input, call) => changeOwnPassphrase(call, input),
  'session:recover': async (input, { vault }) => {
    await vault.recover(input)
    return { username: input.username }
  },

  'users:list': (_input, call) => listUsers(call),
  'users:add': (input, call) => addUser(call, input),
  'users:resetPassphrase': (input, call) => resetPassphrase(call, input),
  'users:disable': (input, call) => disableUser(call, input),

  'settings:get': (_input, call) => readSettings(call),
  'settings:set': (input, call) => updateSettings(call, input),

  'backup:create': (_input, call) => createBackup(call),
  'backup:restore': (input, call) => {
    if (call.vault.status().state === 'no-store') throw new CoreError('conflict', 'There is no store here to restore into.')
    return restoreBackup(call, input)
  }
}
