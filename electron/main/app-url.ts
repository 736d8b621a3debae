import { realpathSync } from 'node:fs'
import { extname, normalize, resolve, sep } from 'node:path'

/** The renderer is served from `app://harbour/…`, never from `file://`. */
export const appScheme = 'app'
export const appHost = 'harbour'
export const appOrigin = `${appScheme}://${appHost}`
export const appEntryUrl = `${appOrigin}/index.html`

/** Origins whose pages may call the contract: the app itself and, in development only, Vite. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [appOrigin]
  if (devServerUrl) origins.push(new URL(devServerUrl).origin)
  return origins
}

export function isTrustedUrl(url: string | undefined | null, origins: string[]): boolean {
  if (!url) return false
  try {
    const parsed = new URL(url)
    // Custom schemes report an origin of "null", so compare scheme and host ourselves.
    const origin = `${parsed.protocol}//${parsed.host}`
    return origins.includes(origin)
  } catch {
    return false
  }
}

/**
 * Maps an `app://harbour/path` request onto a file inside the built renderer folder.
 * Returns null for anything else: other hosts, encoded traversal, absolute paths.
 */
export function resolveAppFile(rendererRoot: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = resolve(rendererRoot)
  const candidate = resolve(root, normalize(relative))
  if (!isInside(root, candidate)) return null
  return withoutLinksOut(root, candidate)
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep)
}

/**
 * The file a link inside the renderer folder really names, or null if it leads out of the
 * folder. A path with nothing there is returned as it is: there is no link to follow, and
 * reading it fails.
 */
function withoutLinksOut(root: string, candidate: string): string | null {
  let real: string
  try {
    real = realpathSync(candidate)
  } catch {
    return candidate
  }
  return isInside(realpathSync(root), real) ? real : null
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8'
}

export function mimeTypeFor(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}
