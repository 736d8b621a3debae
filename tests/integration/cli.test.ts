import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageVersion, repositoryRoot } from '../fixtures/core-context'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** Runs the CLI exactly as the README says: `npm run -s cli -- …`. */
export function cli(args: string[], input?: string) {
  const result = spawnSync('npm', ['run', '-s', 'cli', '--', ...args], {
    cwd: repositoryRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' }
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

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
    for (const args of [['frobnicate'], ['about', '--nonsense']]) {
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
