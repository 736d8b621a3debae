import type { LockReason, SessionUser, StoreStatus } from '../../shared/contract/session'
import type { JoinTeamInput } from '../../shared/contract/team-server'
import type { CoreContext } from './context'
import type { Host, TeamHost } from './ipc/dispatch'
import { joinTeamServer } from './services/team-server'
import { TeamStore } from './team-store'
import { readTeamServerSettings, teamServerUrl } from './team-server-settings'
import type { Vault } from './vault'

type StateListener = (state: 'locked' | 'unlocked', reason: LockReason | null) => void

/**
 * Which store this computer works on: its own encrypted store (the Vault), or the team server
 * it joined at first run (team-server.json in the data folder). The Electron shell and the e2e
 * bridge ask it for the host of each call, so joining a server takes effect at once, and
 * subscribe through it to locks and to other clinicians' changes whichever store it is.
 */
export class HostChoice {
  private team: TeamStore | null = null
  private readonly damaged: boolean
  private readonly stateListeners = new Set<StateListener>()
  private readonly changeListeners = new Set<() => void>()

  constructor(
    private readonly core: CoreContext,
    private readonly vault: Vault,
    private readonly makeTeam: (core: CoreContext, url: string) => TeamStore = (context, url) => new TeamStore(context, url)
  ) {
    const read = readTeamServerSettings(core.dataFolder)
    this.damaged = read.state === 'damaged'
    if (read.state === 'joined') this.attach(this.makeTeam(core, teamServerUrl(read.settings)))
    vault.onChange((state, reason) => {
      for (const listener of this.stateListeners) listener(state, reason)
    })
  }

  /** The host of the next call. */
  current(): Host | TeamHost {
    if (this.team) return { core: this.core, team: this.team }
    return {
      core: this.core,
      vault: this.vault,
      ...(this.damaged ? { teamSettingsDamaged: true as const } : {}),
      joinTeam: (input) => this.join(input)
    }
  }

  /** The team server, once joined; null for the standalone store. */
  get teamStore(): TeamStore | null {
    return this.team
  }

  isUnlocked(): boolean {
    return this.team ? this.team.user !== null : this.vault.session !== null
  }

  lockDue(): 'idle' | 'session-limit' | null {
    return this.team ? this.team.session.lockDue() : this.vault.lockDue()
  }

  async lockIfDue(): Promise<void> {
    if (this.team) await this.team.session.lockIfDue()
    else this.vault.lockIfDue()
  }

  async lock(reason: LockReason): Promise<void> {
    if (this.team) await this.team.lock(reason)
    else this.vault.lock(reason)
  }

  status(): StoreStatus {
    return this.team ? this.team.status() : this.vault.status()
  }

  onChange(listener: StateListener): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  /** Another workstation changed records on the team server (never fires for a standalone store). */
  onRecordsChanged(listener: () => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  private attach(team: TeamStore): void {
    this.team = team
    team.session.onChange((state, reason) => {
      for (const listener of this.stateListeners) listener(state, reason)
    })
    team.session.onRecordsChanged(() => {
      for (const listener of this.changeListeners) listener()
    })
  }

  private async join(input: JoinTeamInput): Promise<SessionUser> {
    const { team, user } = await joinTeamServer(this.core, this.vault.status().state !== 'no-store', input, this.makeTeam)
    // Listeners go on before the session's own "unlocked" has been heard: tell them now.
    this.attach(team)
    for (const listener of this.stateListeners) listener('unlocked', null)
    return user
  }
}
