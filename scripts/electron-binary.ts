import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * Where the Electron binary is, or why it is not there. Electron 42+ downloads its binary
 * on first launch rather than at install, and `require('electron')` would try that download;
 * this looks without fetching anything.
 */
export function findElectronBinary(root = resolve(__dirname, '..')): { path: string } | { missing: string } {
  const packageFolder = join(root, 'node_modules', 'electron')
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  const pathFile = join(packageFolder, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  if (override) {
    const candidate = join(override, relative ?? 'electron')
    if (existsSync(candidate)) return { path: candidate }
    return { missing: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` }
  }
  if (!existsSync(packageFolder)) return { missing: 'the electron package is not installed (run npm install)' }
  if (!relative) {
    return {
      missing:
        'the Electron binary has not been downloaded (Electron fetches it from GitHub on first launch; ' +
        'run `npx install-electron` on a machine that can reach it)'
    }
  }
  const binary = join(packageFolder, 'dist', relative)
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` }
}
