import { contextBridge, ipcRenderer } from 'electron'
import type { HarbourApi } from '../../shared/contract'
import { channelNames, eventNames } from '../../shared/contract/channels'

/**
 * Builds `window.harbour` from the contract's channel list: one function per channel, plus
 * `on` for the contract's events. `ipcRenderer` itself never reaches the page.
 */
const invokers = Object.fromEntries(channelNames.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]))

const on: HarbourApi['on'] = (event, listener) => {
  if (!(eventNames as readonly string[]).includes(event)) {
    throw new Error('Unknown event')
  }
  const forward = (_sender: unknown, payload: unknown) => listener(payload as Parameters<typeof listener>[0])
  ipcRenderer.on(event, forward)
  return () => {
    ipcRenderer.removeListener(event, forward)
  }
}

contextBridge.exposeInMainWorld('harbour', { ...invokers, on } as HarbourApi)
