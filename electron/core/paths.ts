import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The folder Electron gives Harbour as `userData`, worked out the same way without Electron,
 * so the CLI finds the app's store by default: `<appData>/Harbour`.
 */
export function defaultDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir()
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Harbour')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Harbour')
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Harbour')
}

/**
 * The data folder the app uses: Electron's per-user folder, or `HARBOUR_DATA_FOLDER` when the
 * app is not packaged (development and tests). A packaged build ignores the variable, so
 * nothing in a user's environment can point the app at another folder's records.
 */
export function dataFolderFor(options: { packaged: boolean; env: NodeJS.ProcessEnv; userData: string }): string {
  const override = options.env['HARBOUR_DATA_FOLDER']
  return !options.packaged && override ? override : options.userData
}
