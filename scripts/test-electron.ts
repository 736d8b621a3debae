/**
 * `npm run test:electron`: the real Electron app under Playwright's `_electron`. Unlike
 * `npm test`, this fails loudly when the Electron binary is absent.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { findElectronBinary } from './electron-binary'

const root = resolve(__dirname, '..')
const electron = findElectronBinary(root)
if ('missing' in electron) {
  console.error(`The Electron suite cannot run: ${electron.missing}.`)
  process.exit(1)
}
const steps: [string, string[]][] = [
  ['npx', ['electron-vite', 'build']],
  ['npx', ['vitest', 'run', '--project', 'electron']]
]
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
