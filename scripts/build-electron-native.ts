/**
 * Builds the database driver's native module for Electron's ABI into native/electron-<abi>/,
 * leaving node_modules' copy (built for Node, used by `npm test`) alone. Both then work from
 * one checkout in any order. Run by `npm start`; does nothing when the build already exists.
 *
 * It needs Electron's headers (downloaded by node-gyp from electronjs.org). Where they cannot
 * be fetched it says so and stops: it never falls back to Node's headers, which would give a
 * module Electron refuses to load.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..')
const electronPackage = join(root, 'node_modules', 'electron')
const electronVersion = (JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')) as { version: string }).version
const abi = readFileSync(join(electronPackage, 'abi_version'), 'utf8').trim()
const target = join(root, 'native', `electron-${abi}`, 'better_sqlite3.node')

if (existsSync(target)) {
  console.log(`Database driver for Electron ${electronVersion} (ABI ${abi}) is already built.`)
  process.exit(0)
}

const source = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers')
const work = mkdtempSync(join(tmpdir(), 'harbour-native-'))
try {
  cpSync(source, join(work, 'pkg'), { recursive: true, filter: (path) => !path.includes(`${join('pkg', 'build')}`) })
  rmSync(join(work, 'pkg', 'build'), { recursive: true, force: true })
  // npm's own nodedir setting would point node-gyp at Node's headers: drop every npm_config_* here.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_')))
  console.log(`Building the database driver for Electron ${electronVersion} (ABI ${abi})…`)
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers'
    ],
    { cwd: join(work, 'pkg'), stdio: 'inherit', env }
  )
  const built = join(work, 'pkg', 'build', 'Release', 'better_sqlite3.node')
  if (result.status !== 0 || !existsSync(built)) {
    console.error('Could not build the database driver for Electron: its headers could not be downloaded or compiled.')
    process.exit(1)
  }
  mkdirSync(join(root, 'native', `electron-${abi}`), { recursive: true })
  cpSync(built, target)
  console.log(`Built ${target}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
