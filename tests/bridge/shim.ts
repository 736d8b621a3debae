/**
 * Builds the init script that gives the page a `window.harbour` with exactly the preload's
 * shape: one function per contract channel plus `on`. Calls go to the bridge over fetch.
 * Tests push main-process events with `window.__harbourBridgeEmit(event, payload)`.
 */
import { channelNames, eventNames } from '../../shared/contract/channels'
import { tokenHeader } from './server'

interface ShimConfig {
  token: string
  tokenHeader: string
  channels: readonly string[]
  events: readonly string[]
}

// Runs in the page, so it may use only what it is given.
function installShim(config: ShimConfig): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: Record<string, unknown> = {}
  for (const channel of config.channels) {
    api[channel] = async (input: unknown) => {
      const response = await fetch(`/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [config.tokenHeader]: config.token },
        body: JSON.stringify({ input })
      })
      return response.json()
    }
  }
  api['on'] = (event: string, listener: (payload: unknown) => void) => {
    if (!config.events.includes(event)) throw new Error('Unknown event')
    const set = listeners.get(event) ?? new Set()
    set.add(listener)
    listeners.set(event, set)
    return () => set.delete(listener)
  }
  // Events from the core arrive as server-sent events (the token rides on every request).
  const source = new EventSource('/events')
  for (const event of config.events) {
    source.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data)
      listeners.get(event)?.forEach((listener) => listener(payload))
    })
  }
  Object.defineProperty(window, 'harbour', { value: Object.freeze(api), writable: false })
  Object.defineProperty(window, '__harbourBridgeEmit', {
    value: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload))
  })
}

export function shimScript(token: string): string {
  const config: ShimConfig = { token, tokenHeader, channels: channelNames, events: eventNames }
  return `(${installShim.toString()})(${JSON.stringify(config)})`
}
