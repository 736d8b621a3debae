import { beforeAll, describe, expect, it, vi } from 'vitest'
import { FakeWebContents, electronModule, electronState } from './electron-mock'

vi.mock('electron', () => electronModule)

const { installSecurityHandlers, isAllowedRequest } = await import('../../electron/main/security')
const { appEntryUrl, trustedOrigins } = await import('../../electron/main/app-url')

const hostileUrls = [
  'https://example.com/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/cmd.exe',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'app://harbour.evil/index.html',
  'app://evil/index.html',
  'ws://localhost:1234/',
  'ms-msdt:/id PCWDiagnostic',
  '\\\\server\\share\\file'
]

describe('Electron security handlers', () => {
  const origins = trustedOrigins(undefined)
  let contents: FakeWebContents

  beforeAll(() => {
    installSecurityHandlers(origins)
    contents = new FakeWebContents()
    electronState.app.emit('web-contents-created', {}, contents)
  })

  it.each(hostileUrls)('blocks navigation to %s', (url) => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const preventDefault = vi.fn()
      contents.emit(event, { preventDefault, url }, url)
      expect(preventDefault, event).toHaveBeenCalledOnce()
    }
  })

  it('blocks navigation even to the app itself: screens change by hash, never by loading a page', () => {
    const preventDefault = vi.fn()
    contents.emit('will-navigate', { preventDefault, url: appEntryUrl }, appEntryUrl)
    expect(preventDefault).toHaveBeenCalledOnce()
  })

  it('denies every window.open', () => {
    for (const url of [...hostileUrls, appEntryUrl]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    }
  })

  it('refuses to attach a webview', () => {
    const preventDefault = vi.fn()
    contents.emit('will-attach-webview', { preventDefault }, {}, {})
    expect(preventDefault).toHaveBeenCalledOnce()
  })

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid'])(
    'denies the %s permission',
    (permission) => {
      const callback = vi.fn()
      electronState.session.permissionRequestHandler?.({}, permission, callback, { requestingUrl: 'app://harbour/index.html' })
      expect(callback).toHaveBeenCalledWith(false)
      expect(electronState.session.permissionCheckHandler?.({}, permission, 'app://harbour', {})).toBe(false)
    }
  )

  it('lets only its own pages write to the clipboard (to copy an export password), never read it', () => {
    const granted = vi.fn()
    electronState.session.permissionRequestHandler?.({}, 'clipboard-sanitized-write', granted, {
      requestingUrl: 'app://harbour/index.html'
    })
    expect(granted).toHaveBeenCalledWith(true)
    expect(electronState.session.permissionCheckHandler?.({}, 'clipboard-sanitized-write', 'app://harbour', {})).toBe(true)
    const foreign = vi.fn()
    electronState.session.permissionRequestHandler?.({}, 'clipboard-sanitized-write', foreign, { requestingUrl: 'https://example.com/' })
    expect(foreign).toHaveBeenCalledWith(false)
    expect(electronState.session.permissionCheckHandler?.({}, 'clipboard-sanitized-write', 'https://example.com', {})).toBe(false)
  })

  it('denies device access', () => {
    expect(electronState.session.deviceHandler?.({})).toBe(false)
  })

  it.each(hostileUrls)('cancels a request to %s', (url) => {
    const callback = vi.fn()
    electronState.session.beforeRequest?.({ url }, callback)
    expect(callback).toHaveBeenCalledWith({ cancel: true })
  })

  it("lets the app's own files load", () => {
    for (const url of [appEntryUrl, 'app://harbour/assets/index-abc.js', 'app://harbour/favicon.svg']) {
      const callback = vi.fn()
      electronState.session.beforeRequest?.({ url }, callback)
      expect(callback).toHaveBeenCalledWith({ cancel: false })
    }
  })

  it('allows devtools requests only in an unpackaged development build', () => {
    electronState.app.isPackaged = true
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', origins)).toBe(false)
    electronState.app.isPackaged = false
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', origins)).toBe(true)
    electronState.app.isPackaged = true
  })

  it('trusts the Vite dev server only when one is given', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', origins)).toBe(false)
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', trustedOrigins('http://localhost:5173/'))).toBe(true)
  })
})
