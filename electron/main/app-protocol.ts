import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { appScheme, mimeTypeFor, resolveAppFile } from './app-url'
import { securityHeaders } from './csp'

/** Must run before `app` is ready: gives `app://` the standard, secure origin semantics. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } }
  ])
}

/** Serves the built renderer read-only, GET only, with the security headers on every file. */
export function serveAppProtocol(rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 })
    const file = resolveAppFile(rendererRoot, request.url)
    if (!file) return new Response(null, { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, { headers: { ...securityHeaders, 'Content-Type': mimeTypeFor(file) } })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}
