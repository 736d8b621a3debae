import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

/**
 * A stand-in for the parts of `electron` the shell's guards use. Electron cannot run on the
 * build machines, so the guards are exercised against this and the real handlers they install.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
}

export function fakeSession() {
  return {
    permissionRequestHandler: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    deviceHandler: null as null | ((...args: unknown[]) => boolean),
    beforeRequest: null as null | ((details: { url: string }, cb: (response: { cancel: boolean }) => void) => void),
    setPermissionRequestHandler(handler: never) {
      this.permissionRequestHandler = handler
    },
    setPermissionCheckHandler(handler: never) {
      this.permissionCheckHandler = handler
    },
    setDevicePermissionHandler(handler: never) {
      this.deviceHandler = handler
    },
    webRequest: {
      onBeforeRequest(handler: never) {
        electronState.session.beforeRequest = handler
      }
    }
  }
}

export const electronState = {
  app: Object.assign(new EventEmitter(), { isPackaged: true }),
  session: fakeSession(),
  ipcHandlers: new Map<string, (...args: unknown[]) => unknown>()
}

export const electronModule = {
  app: electronState.app,
  session: { defaultSession: electronState.session },
  ipcMain: {
    handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
      electronState.ipcHandlers.set(channel, handler)
    })
  }
}
