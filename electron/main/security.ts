import { app, session, type Session, type WebContents } from 'electron'
import { isTrustedUrl } from './app-url'

/**
 * Requests the renderer may make: its own `app://` files, and in development the Vite
 * server and devtools. Everything else — http(s), file:, data: documents, ws: — is cancelled.
 */
export function isAllowedRequest(url: string, origins: string[]): boolean {
  if (isTrustedUrl(url, origins)) return true
  return !app.isPackaged && url.startsWith('devtools:')
}

/** Locks down one web contents: no navigation, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/**
 * The one permission Harbour's own pages get: writing text to the clipboard, so an export's
 * password (shown once) can be copied. Reading the clipboard stays denied.
 */
export function isAllowedPermission(permission: string, origin: string, origins: string[]): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedUrl(origin, origins)
}

/** Denies every other permission (camera, notifications, clipboard read, …) and cancels foreign requests. */
export function hardenSession(target: Session, origins: string[]): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl, origins))
  )
  target.setPermissionCheckHandler((_contents, permission, origin) => isAllowedPermission(permission, origin, origins))
  target.setDevicePermissionHandler(() => false)
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, origins) })
  })
}

/** Installs the guards for the default session and for every web contents ever created. */
export function installSecurityHandlers(origins: string[]): void {
  hardenSession(session.defaultSession, origins)
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
