import { existsSync, statSync } from 'node:fs'
import type { SessionUser } from '../../../shared/contract/session'
import { caFileNeeded, type JoinTeamInput } from '../../../shared/contract/team-server'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import { TeamConnectionError } from '../store/postgres/connection'
import type { TeamStore } from '../team-store'
import { readTeamServerSettings, teamServerUrl, writeTeamServerSettings, type TeamServerSettings } from '../team-server-settings'

/** Said when someone tries to join a server from a computer that already keeps its own store. */
export const ownStoreMessage =
  'This computer already has its own Harbour store, so it cannot join a team server. To move its records onto the server, the IT team uses "team import-store".'

/** The settings the clinician typed, checked before anything is sent anywhere. */
function settingsFrom(input: JoinTeamInput): TeamServerSettings {
  const socket = input.host.startsWith('/')
  const caFile = socket ? '' : input.caFile
  if (!socket) {
    if (caFile === '') {
      throw new CoreError('invalid-input', `${caFileNeeded}.`, ['caFile'])
    }
    if (!existsSync(caFile) || !statSync(caFile).isFile()) {
      throw new CoreError('invalid-input', 'There is no CA certificate file at that path. Choose the file again.', ['caFile'])
    }
  }
  return { host: input.host, port: input.port, database: input.database, caFile }
}

/**
 * First run on a team workstation: proves the server (TLS with its certificate checked, the
 * schema this version expects) by signing in as the user's own login, and only then remembers
 * it. Nothing is written if any step fails, and a computer that has a store of its own, or has
 * already joined a server, is refused.
 */
export async function joinTeamServer(
  core: CoreContext,
  /** True when this computer already keeps a store of its own (or the remains of one). */
  hasOwnStore: boolean,
  input: JoinTeamInput,
  makeTeam: (core: CoreContext, url: string) => TeamStore
): Promise<{ team: TeamStore; user: SessionUser }> {
  if (hasOwnStore) throw new CoreError('conflict', ownStoreMessage)
  if (readTeamServerSettings(core.dataFolder).state !== 'none') {
    throw new CoreError('conflict', 'This computer has already joined a team server. Restart Harbour to sign in to it.')
  }
  const settings = settingsFrom(input)
  let team: TeamStore
  try {
    team = makeTeam(core, teamServerUrl(settings))
  } catch (error) {
    if (error instanceof TeamConnectionError) throw new CoreError('invalid-input', error.message)
    throw error
  }
  const user = await team.signIn(input.username, input.passphrase)
  try {
    writeTeamServerSettings(core.dataFolder, settings)
  } catch (error) {
    await team.lock('signed-out')
    throw error
  }
  return { team, user }
}
