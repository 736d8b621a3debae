import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AboutInfo, BundledComponent } from '../../../shared/contract/about'
import type { CoreContext } from '../context'

interface PackageManifest {
  name?: string
  version?: string
  license?: string
  dependencies?: Record<string, string>
}

function readManifest(folder: string): PackageManifest | null {
  try {
    return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest
  } catch {
    return null
  }
}

/**
 * Bundled components are read from the installed packages themselves, so the list of
 * names, versions and licences shown in About cannot drift from what actually ships.
 */
export function listBundledComponents(appRoot: string): BundledComponent[] {
  const app = readManifest(appRoot)
  const names = Object.keys(app?.dependencies ?? {}).sort()
  return names.map((name) => {
    const manifest = readManifest(join(appRoot, 'node_modules', name))
    return {
      name,
      version: manifest?.version ?? 'unknown',
      licence: manifest?.license ?? 'unknown'
    }
  })
}

let cachedComponents: { appRoot: string; components: BundledComponent[] } | null = null

export function getAboutInfo(core: CoreContext): AboutInfo {
  if (cachedComponents?.appRoot !== core.appRoot) {
    cachedComponents = { appRoot: core.appRoot, components: listBundledComponents(core.appRoot) }
  }
  return {
    productName: core.productName,
    version: core.version,
    dataFolder: core.dataFolder,
    platform: core.platform,
    runtime: core.runtime,
    components: cachedComponents.components
  }
}
