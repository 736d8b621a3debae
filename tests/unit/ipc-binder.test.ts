import { beforeAll, describe, expect, it, vi } from 'vitest'
import { channelNames } from '../../shared/contract/channels'
import { electronModule, electronState } from './electron-mock'

vi.mock('electron', () => electronModule)

const { bindContract, senderCheck } = await import('../../electron/main/ipc-binder')
const { isTrustedUrl, trustedOrigins } = await import('../../electron/main/app-url')
const { createDispatcher } = await import('../../electron/core/ipc/dispatch')
const { handlers } = await import('../../electron/core/ipc/handlers')
const { testHost } = await import('../fixtures/core-context')

type Frame = { url: string; parent: Frame | null } | null
const event = (frame: Frame) => ({ senderFrame: frame })
const appFrame = { url: 'app://harbour/index.html#/settings', parent: null }

describe('IPC binder', () => {
  const dispatch = vi.fn(createDispatcher(handlers))
  const origins = trustedOrigins(undefined)
  const host = testHost('/nonexistent-harbour-folder')

  beforeAll(() => {
    bindContract(electronModule.ipcMain as never, {
      dispatch,
      host: () => host,
      isTrustedSender: senderCheck((url) => isTrustedUrl(url, origins)) as never
    })
  })

  it('binds exactly the contract channels, and nothing else', () => {
    expect([...electronState.ipcHandlers.keys()].sort()).toEqual([...channelNames].sort())
  })

  it('refuses calls from frames that are not the app, before parsing anything', async () => {
    const handler = electronState.ipcHandlers.get('about:info')
    const untrusted: Frame[] = [
      null,
      { url: 'https://example.com/', parent: null },
      { url: 'file:///tmp/evil.html', parent: null },
      { url: 'app://harbour/index.html', parent: appFrame },
      { url: 'app://other/index.html', parent: null },
      { url: 'not a url', parent: null }
    ]
    for (const frame of untrusted) {
      dispatch.mockClear()
      expect(await handler?.(event(frame), {})).toEqual({
        ok: false,
        error: { code: 'untrusted-sender', message: 'This request is not allowed.' }
      })
      expect(dispatch).not.toHaveBeenCalled()
    }
  })

  it('passes calls from the app frame to the dispatcher with the channel and raw input', async () => {
    dispatch.mockClear()
    const handler = electronState.ipcHandlers.get('preferences:set')
    const result = await handler?.(event(appFrame), { theme: 'neon' })
    expect(dispatch).toHaveBeenCalledWith('preferences:set', { theme: 'neon' }, expect.anything())
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['theme'] } })
  })
})
