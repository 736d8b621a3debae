import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The database driver's native module for Electron. `npm test` uses the build in
 * node_modules (for Node); `npm start` builds a second copy for Electron's ABI into
 * native/electron-<abi>/ (scripts/build-electron-native.ts) and the shell loads that one.
 * Packaged builds have node_modules rebuilt for Electron by electron-builder.
 */
export function electronNativeBinding(appRoot: string, isPackaged: boolean, abi: string): string | undefined {
  if (isPackaged) return undefined
  const candidate = join(appRoot, 'native', `electron-${abi}`, 'better_sqlite3.node')
  return existsSync(candidate) ? candidate : undefined
}
