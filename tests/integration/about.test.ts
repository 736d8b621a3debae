import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { listBundledComponents } from '../../electron/core/services/about'
import { repositoryRoot, testHost } from '../fixtures/core-context'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('about service', () => {
  it('lists every runtime dependency with its installed version and licence', () => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const components = listBundledComponents(repositoryRoot)
    expect(components.map((c) => c.name)).toEqual(Object.keys(manifest.dependencies).sort())
    for (const component of components) {
      const installed = JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', component.name, 'package.json'), 'utf8')) as {
        version: string
        license: string
      }
      expect(component).toEqual({ name: component.name, version: installed.version, licence: installed.license })
    }
  })

  it('says "unknown" rather than failing when a package cannot be read', () => {
    const folder = tempFolder()
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ dependencies: { missing: '1.0.0' } }))
    mkdirSync(join(folder, 'node_modules'))
    expect(listBundledComponents(folder)).toEqual([{ name: 'missing', version: 'unknown', licence: 'unknown' }])
  })

  it('answers through the contract with the data folder and version it was given', async () => {
    const host = testHost(tempFolder())
    const core = host.core
    const result = await createDispatcher(handlers, { validateOutput: true })('about:info', {}, host)
    expect(result).toMatchObject({ ok: true, value: { dataFolder: core.dataFolder, version: core.version } })
  })
})
