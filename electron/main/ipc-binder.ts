import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { channelNames, type Result } from '../../shared/contract'
import type { Dispatch, Host, TeamHost } from '../core/ipc/dispatch'

export interface BinderOptions {
  dispatch: Dispatch
  /** The core and its store (this computer's own, or a team server), handed to every call. */
  host: () => Host | TeamHost
  /** True when the calling frame is the app's own top-level page. */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
}

/**
 * Binds exactly the contract's channels and nothing else. Each call is checked for its
 * sender frame, then handed to the shared dispatcher (zod parse, handler, envelope).
 */
export function bindContract(ipcMain: IpcMain, options: BinderOptions): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!options.isTrustedSender(event)) {
        return { ok: false, error: { code: 'untrusted-sender', message: 'This request is not allowed.' } }
      }
      return options.dispatch(channel, input, options.host())
    })
  }
}

/** The sender must be a live top-level frame showing one of the trusted origins. */
export function senderCheck(isTrustedUrl: (url: string) => boolean) {
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null) return false
    return isTrustedUrl(frame.url)
  }
}
