import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

/**
 * Which Chromium e2e drives, in order: HARBOUR_CHROMIUM, Debian's /usr/bin/chromium, then a
 * browser Playwright has already installed. With none, one line says how to get one.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env['HARBOUR_CHROMIUM'], '/usr/bin/chromium', playwrightChromium()]
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)))
  if (!found) {
    throw new Error('No Chromium found for e2e: install one with `sudo apt-get install chromium` or set HARBOUR_CHROMIUM to its path.')
  }
  return found
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath()
  } catch {
    return undefined
  }
}

/** Flags that keep Chromium from reaching out to the network or prompting on first run. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check'
]
