import type { z } from 'zod'
import { contract, type ChannelDefinition, type ChannelName, type Result } from '../../../shared/contract'
import { allows } from '../../../shared/contract/access'
import { inUserWords } from '../../../shared/contract/messages'
import type { SessionUser } from '../../../shared/contract/session'
import { callContext, keyedCallContext, teamCallContext } from '../call-context'
import type { CallContext, CoreContext, KeyedCallContext } from '../context'
import { CoreError } from '../errors'
import { isCorruption } from '../store/open'
import { lockedError, lockedMessage, openProblemMessage } from '../messages'
import type { TeamStore } from '../team-store'
import type { Vault } from '../vault'
import { hostChannels, inputCheckers, keyedChannels, type Handlers, type HostChannel } from './handlers'
import { teamHostHandlers } from './team-host-handlers'
import type { JoinTeamInput } from '../../../shared/contract/team-server'
import { inputProblem, withMoreProblems, type InputProblem } from './input-problem'

export interface DispatchOptions {
  /** Parse every handler's output against the contract too: on in tests, off in the app. */
  validateOutput?: boolean
  /** Receives failures that are not CoreErrors; must never log input or clinical content. */
  onInternalError?: (channel: ChannelName, error: unknown) => void
}

/** What the host (Electron shell, e2e bridge, tests) hands the dispatcher on every call: a standalone store… */
export interface Host {
  core: CoreContext
  vault: Vault
  /** First run only, where the host can switch to a team server (host-choice.ts). */
  joinTeam?: (input: JoinTeamInput) => Promise<SessionUser>
  /** This computer joined a team server whose settings file is now damaged. */
  teamSettingsDamaged?: true
}

/** …or a team server (team-store.ts). */
export interface TeamHost {
  core: CoreContext
  team: TeamStore
}

/** What the dispatcher needs of either kind of store, so one route serves both. */
interface Served {
  /** Set while Harbour is handed to a person for questionnaires (read when asked: a lock ends it). */
  handover(): unknown
  /** A damaged standalone store, whose credentials-proving channels run without a session. */
  unavailable(): boolean
  session(): SessionUser | null
  connectionFree(): Promise<void>
  lockIfDue(): unknown
  endSessionIfRevoked(): unknown
  touch(): void
  call(user: SessionUser): CallContext
  keyedCall(user: SessionUser): KeyedCallContext
}

/** A standalone store's work that a team server leaves to the server and its IT team. */
const notOnTeamServer = 'This is not available on a team server: its backups, keys and sign-in belong to the server.'

function served(host: Host | TeamHost): Served {
  if ('team' in host) {
    const { team, core } = host
    return {
      handover: () => team.handover,
      unavailable: () => false,
      session: () => team.user,
      connectionFree: () => Promise.resolve(),
      lockIfDue: () => team.session.lockIfDue(),
      endSessionIfRevoked: () => team.session.endSessionIfRevoked(),
      touch: () => team.session.touch(),
      call: (user) => teamCallContext(core, team, user),
      keyedCall: () => {
        throw new CoreError('unavailable', notOnTeamServer)
      }
    }
  }
  const { vault, core } = host
  return {
    handover: () => vault.handover,
    unavailable: () => vault.status().state === 'unavailable',
    session: () => vault.session,
    connectionFree: () => vault.connectionFree(),
    lockIfDue: () => vault.lockIfDue(),
    endSessionIfRevoked: () => vault.endSessionIfRevoked(),
    touch: () => vault.touch(),
    call: (user) => callContext(core, vault, user),
    keyedCall: (user) => keyedCallContext(core, vault, user)
  }
}

export type Dispatch = (channel: unknown, input: unknown, host: Host | TeamHost) => Promise<Result<unknown>>

function invalidInput({ message, fields, problems }: InputProblem): Result<never> {
  return { ok: false, error: { code: 'invalid-input', message, fields, ...(problems.length > 0 ? { problems } : {}) } }
}

function isChannel(channel: unknown): channel is ChannelName {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(contract, channel)
}

/**
 * Field paths from a zod failure, for internal reports (output checks). What the caller is
 * told comes from inputProblem, which never repeats their key names either.
 */
export function fieldPaths(error: z.ZodError): string[] {
  const paths = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => [...issue.path, key].join('.'))
    }
    return [issue.path.length > 0 ? issue.path.join('.') : '(input)']
  })
  return [...new Set(paths.flat())]
}

/** Channels a user who must change their passphrase can still use. */
const allowedBeforePassphraseChange = new Set<ChannelName>([
  'session:status',
  'session:lock',
  'session:activity',
  'session:changePassphrase'
])

/** What still works while the person is completing questionnaires on their own. */
const allowedDuringHandover = new Set<ChannelName>([
  'session:status',
  'session:activity',
  'session:lock',
  'handover:submit',
  'handover:end',
  'preferences:get',
  'about:info'
])

const byHost = new Set<ChannelName>(hostChannels)

/** On a team server, a store-wide channel has its own handler (team-host-handlers.ts), or none. */
function handlerFor(channel: ChannelName, host: Host | TeamHost): unknown {
  if ('team' in host && byHost.has(channel)) return teamHostHandlers[channel as HostChannel]
  return undefined
}
const keyed = new Set<ChannelName>(keyedChannels)

/** Checks the caller may use the channel; returns the refusal, or null to carry on. */
function refusal(channel: ChannelName, store: Served, session: SessionUser | null): Result<never> | null {
  const definition: ChannelDefinition = contract[channel]
  const access = definition.access
  if (store.handover() && !allowedDuringHandover.has(channel)) {
    return {
      ok: false,
      error: { code: 'forbidden', message: 'Harbour is handed over for questionnaires. Hand it back to your clinician.' }
    }
  }
  if (access === 'public') return null
  if (!session) {
    // A damaged store has no session to check: such a channel's handler proves the role from credentials.
    if (definition.whenStoreUnavailable === 'credentials-prove-role' && store.unavailable()) return null
    return { ok: false, error: { code: 'locked', message: lockedMessage } }
  }
  if (session.mustChangePassphrase && !allowedBeforePassphraseChange.has(channel)) {
    return { ok: false, error: { code: 'forbidden', message: 'Choose a new passphrase before carrying on.' } }
  }
  if (!allows(access, session.roles)) {
    return { ok: false, error: { code: 'forbidden', message: 'Your role does not allow this.' } }
  }
  return null
}

/**
 * A TRiM practitioner (a peer, not a clinician) refused a channel their role does not allow, such
 * as anything clinical: the attempt is audited, naming the channel only (never the input).
 */
async function auditPeerRefusal(channel: ChannelName, store: Served, session: SessionUser | null): Promise<void> {
  if (!session?.roles.includes('trim') || byHost.has(channel)) return
  const allowed: ChannelDefinition['access'] = contract[channel].access
  if (allows(allowed, session.roles)) return
  await store.call(session).audit({
    actorId: session.id,
    action: 'channel.refused',
    entityType: 'channel',
    detail: channel
  })
}

/** Calls that keep unsaved form work, which do not count as someone using Harbour. */
const draftChannels = new Set<string>(['drafts:get', 'drafts:save', 'drafts:discard'])

/**
 * What the handler gets: the host and who is signed in for a channel about the store as a
 * whole; otherwise one call's own context (the refusal check has made sure someone is signed in).
 */
function contextFor(channel: ChannelName, host: Host | TeamHost, store: Served, session: SessionUser | null): unknown {
  if (byHost.has(channel)) {
    if ('team' in host && !handlerFor(channel, host)) throw new CoreError('unavailable', notOnTeamServer)
    return { ...host, session }
  }
  if (!session) throw lockedError()
  return keyed.has(channel) ? store.keyedCall(session) : store.call(session)
}

/**
 * The single route from an untrusted caller into the core, shared by the Electron IPC
 * binder and the e2e bridge: known channel → parse input → idle lock → access → handler → envelope.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channel, input, host) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: 'This request is not recognised.' } }
    }
    const definition = contract[channel]
    const parsed = definition.input.safeParse(input, inUserWords)
    const checker = inputCheckers[channel]
    const refusedInput = parsed.success ? null : inputProblem(definition.input, parsed.error)
    // Without a service check to add, refused input goes no further than the contract.
    if (refusedInput && !checker) return invalidInput(refusedInput)
    const store = served(host)
    try {
      // A long write (an import) holds the connection's transaction between its batches: wait
      // for it, so no call runs inside it. Locking does not wait; it abandons the write.
      if (channel !== 'session:lock') await store.connectionFree()
      // An idle session locks before the call is looked at, whatever the timer in main has done.
      await store.lockIfDue()
      // A user disabled since they signed in (here or by another process) is signed out at once.
      await store.endSessionIfRevoked()
      // Who is calling is read once, here, and travels with the call from now on.
      const session = store.session()
      const refused = refusal(channel, store, session)
      if (refused) {
        await auditPeerRefusal(channel, store, session)
        return refused
      }
      // Keeping a draft is not activity: the window keeps drafts as the idle lock nears, and
      // that must not put the lock off (typing itself is reported with session:activity).
      if (definition.access !== 'public' && !draftChannels.has(channel)) store.touch()
      if (refusedInput && checker) {
        // Checked only now that the caller is known to be allowed: the store is not consulted for anyone else.
        const more = await checker(input, refusedInput.problems, contextFor(channel, host, store, session) as CallContext)
        return invalidInput(withMoreProblems(refusedInput, more))
      }
      const handler = (handlerFor(channel, host) ?? handlers[channel]) as (input: unknown, call: unknown) => unknown
      const value = await handler(parsed.data, contextFor(channel, host, store, session))
      if (options.validateOutput) {
        const checked = definition.output.safeParse(value)
        if (!checked.success) {
          throw new Error(`Output of ${channel} does not match the contract at ${fieldPaths(checked.error).join(', ')}`)
        }
      }
      return { ok: true, value }
    } catch (error) {
      if (error instanceof CoreError) {
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.fields ? { fields: error.fields } : {}),
            ...(error.problems ? { problems: error.problems } : {}),
            ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {})
          }
        }
      }
      if (isCorruption(error)) {
        return { ok: false, error: { code: 'unavailable', message: openProblemMessage('damaged') } }
      }
      options.onInternalError?.(channel, error)
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong. Nothing was changed. Please try again.' }
      }
    }
  }
}
