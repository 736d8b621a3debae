import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isTrustedUrl, mimeTypeFor, resolveAppFile, trustedOrigins } from '../../electron/main/app-url'
import { contentSecurityPolicy } from '../../electron/main/csp'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'

const root = resolve('/srv/harbour/renderer')

describe('app:// file resolution', () => {
  it('maps app paths inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://harbour/')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://harbour/index.html')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://harbour/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'))
    expect(resolveAppFile(root, 'app://harbour/index.html?x=1#/about')).toBe(join(root, 'index.html'))
  })

  it('keeps dot segments inside the renderer folder', () => {
    // The URL parser folds "..", so these can only ever name files under the root.
    for (const url of ['app://harbour/../../etc/passwd', 'app://harbour/%2e%2e/%2e%2e/etc/passwd']) {
      expect(resolveAppFile(root, url)).toBe(join(root, 'etc/passwd'))
    }
  })

  it.each([
    'app://harbour/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://harbour/..%5c..%5cwindows%5cwin.ini',
    'app://harbour/index.html%00.png',
    'app://harbour/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://harbour/index.html',
    'not a url'
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull()
  })

  it.runIf(process.platform !== 'win32')('never follows a link out of the renderer folder, and still serves links inside it', () => {
    const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'harbour-app-url-')))
    try {
      const renderer = join(scratch, 'renderer')
      mkdirSync(join(renderer, 'assets'), { recursive: true })
      writeFileSync(join(renderer, 'index.html'), '<!doctype html>')
      writeFileSync(join(scratch, 'secret.txt'), 'not for the window')
      mkdirSync(join(scratch, 'elsewhere'))
      writeFileSync(join(scratch, 'elsewhere', 'keys.json'), '{}')
      symlinkSync(join(scratch, 'secret.txt'), join(renderer, 'assets', 'leak.txt'))
      symlinkSync(join(scratch, 'elsewhere'), join(renderer, 'linked'))
      symlinkSync(join(renderer, 'index.html'), join(renderer, 'assets', 'home.html'))
      expect(resolveAppFile(renderer, 'app://harbour/assets/leak.txt')).toBeNull()
      expect(resolveAppFile(renderer, 'app://harbour/linked/keys.json')).toBeNull()
      expect(resolveAppFile(renderer, 'app://harbour/assets/home.html')).toBe(join(renderer, 'index.html'))
      expect(resolveAppFile(renderer, 'app://harbour/index.html')).toBe(join(renderer, 'index.html'))
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })

  it('serves known types with the right MIME type and unknown ones as opaque bytes', () => {
    expect(mimeTypeFor('a/index.html')).toBe('text/html; charset=utf-8')
    expect(mimeTypeFor('a/x.js')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeFor('a/x.exe')).toBe('application/octet-stream')
  })
})

describe('trusted origins', () => {
  it('trusts only the app origin, plus the dev server when one is running', () => {
    const packaged = trustedOrigins(undefined)
    expect(isTrustedUrl('app://harbour/index.html', packaged)).toBe(true)
    expect(isTrustedUrl('app://harbour.evil/index.html', packaged)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/', packaged)).toBe(false)
    expect(isTrustedUrl('', packaged)).toBe(false)
    expect(isTrustedUrl(null, packaged)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/#/', trustedOrigins('http://localhost:5173'))).toBe(true)
  })
})

describe('content security policy', () => {
  it('allows scripts and connections only from the app and never inline or eval', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).toContain("connect-src 'self'")
    expect(contentSecurityPolicy).toContain("default-src 'none'")
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(eval|inline)/)
  })

  it('is the same policy in index.html as in the served headers', () => {
    const html = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBeDefined()
    // frame-ancestors has no effect in a meta tag, so only the header carries it.
    const headerDirectives = contentSecurityPolicy.split('; ').filter((d) => !d.startsWith('frame-ancestors'))
    expect(meta?.split('; ').sort()).toEqual(headerDirectives.sort())
  })
})
