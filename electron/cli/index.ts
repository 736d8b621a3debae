/**
 * Harbour's admin CLI: `npm run -s cli -- <command> [options]`. It drives the same core as
 * the app, headlessly, for IT staff scripting installations and for tests. Failures print
 * one clear line on stderr and exit non-zero; never a stack trace.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { CoreContext } from '../core/context'
import { defaultDataFolder } from '../core/paths'
import { getAboutInfo } from '../core/services/about'

export class UsageError extends Error {}

const appRoot = resolve(__dirname, '../..')

const usage = `Usage: npm run -s cli -- <command> [options]

Commands:
  about [--store DIR] [--json]   Version, data folder and bundled components
  help                           This message

--store defaults to the app's own data folder (${defaultDataFolder()}).`

function coreContext(store: string | undefined): CoreContext {
  const manifest = JSON.parse(readFileSync(resolve(appRoot, 'package.json'), 'utf8')) as { version: string }
  return {
    dataFolder: resolve(store ?? defaultDataFolder()),
    appRoot,
    productName: 'Harbour',
    version: manifest.version,
    runtime: { node: process.versions.node, electron: null, chrome: null },
    platform: `${process.platform} ${process.arch}`,
    clock: () => new Date()
  }
}

function about(args: string[]): void {
  const { values } = parseArgs({ args, options: { store: { type: 'string' }, json: { type: 'boolean' } } })
  const info = getAboutInfo(coreContext(values.store))
  if (values.json) {
    console.log(JSON.stringify(info, null, 2))
    return
  }
  console.log(`${info.productName} ${info.version}`)
  console.log(`Data folder: ${info.dataFolder}`)
  console.log(`Platform: ${info.platform}, Node.js ${info.runtime.node}`)
  console.log('Bundled components:')
  for (const component of info.components) console.log(`  ${component.name} ${component.version} (${component.licence})`)
}

const commands: Record<string, (args: string[]) => void | Promise<void>> = {
  about,
  help: () => console.log(usage)
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const run = command ? commands[command] : undefined
  try {
    if (!run) throw new UsageError(command ? `Unknown command "${command}".\n\n${usage}` : usage)
    await run(rest)
    return 0
  } catch (error) {
    // parseArgs throws TypeErrors with a plain message for unknown or malformed options.
    const message = error instanceof UsageError || error instanceof TypeError ? error.message : 'The command failed.'
    console.error(`harbour: ${message}`)
    return error instanceof UsageError || error instanceof TypeError ? 2 : 1
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
