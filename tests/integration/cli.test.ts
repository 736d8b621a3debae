import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../fixtures/cli'
import { packageVersion } from '../fixtures/core-context'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('admin CLI', () => {
  it('about --json reports the version and the store it was pointed at', () => {
    const store = tempFolder()
    const result = cli(['about', '--store', store, '--json'])
    expect(result.code).toBe(0)
    const info = JSON.parse(result.stdout) as { version: string; dataFolder: string; components: unknown[] }
    expect(info.version).toBe(packageVersion)
    expect(info.dataFolder).toBe(resolve(store))
    expect(info.components.length).toBeGreaterThan(0)
  })

  it('refuses an unknown command or option with one clear line and exit code 2, no stack trace', () => {
    for (const args of [['frobnicate'], ['about', '--nonsense'], ['verify', '--store', '/tmp', '--user', 'x', '--passphrase', 'secret']]) {
      const result = cli(args)
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^harbour: /)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('prints usage for help', () => {
    const result = cli(['help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: npm run -s cli -- <command>')
  })
})
