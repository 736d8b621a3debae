import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = resolve(__dirname, '../..')
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>

describe('release packaging', () => {
  it('sets the fuses that stop the packaged app being turned into something else', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('publishes nowhere: there is no update server', () => {
    expect(config['publish']).toBeNull()
  })

  it('ships the built app and its icon', () => {
    expect(config['files']).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json']))
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string }
    expect(manifest.main).toBe('./out/main/index.js')
    expect(readFileSync(resolve(root, 'resources/icon.png')).subarray(1, 4).toString()).toBe('PNG')
  })
})
