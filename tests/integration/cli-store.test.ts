import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storeFiles } from '../../electron/core/store/files'
import { Vault } from '../../electron/core/vault'
import { testCoreContext } from '../fixtures/core-context'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'
import { cli } from '../fixtures/cli'

const tempFolder = useTempFolders()
const line = `${admin.passphrase}\n`

function initStore(): string {
  const store = join(tempFolder(), 'store')
  const result = cli(['init', '--store', store, '--admin', admin.username, '--name', admin.displayName], line)
  expect(result.code).toBe(0)
  return store
}

describe('CLI over a real store', () => {
  it('init creates a store and prints only the recovery code on stdout', () => {
    const store = join(tempFolder(), 'store')
    const result = cli(['init', '--store', store, '--admin', admin.username], line)
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/)
    expect(result.stderr).not.toContain(admin.passphrase)
    expect(cli(['init', '--store', store, '--admin', 'someone'], line)).toMatchObject({ code: 1 })
  })

  it('init refuses a weak passphrase and creates nothing', () => {
    const store = join(tempFolder(), 'store')
    const result = cli(['init', '--store', store, '--admin', admin.username], 'password12345678\n')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^harbour: Passphrase/)
    expect(cli(['verify', '--store', store, '--user', admin.username], line).stderr).toContain('There is no Harbour store')
  })

  it('verify passes a healthy store and names the first broken audit entry after tampering', async () => {
    const store = initStore()
    const ok = cli(['verify', '--store', store, '--user', admin.username], line)
    expect(ok).toMatchObject({ code: 0 })
    expect(ok.stdout).toContain('integrity_check: ok')
    const vault = new Vault(testCoreContext(store))
    await vault.unlock(admin.username, admin.passphrase)
    vault.sqlite.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'forged' WHERE seq = 2;")
    vault.lock('manual')
    const broken = cli(['verify', '--store', store, '--user', admin.username], line)
    expect(broken.code).toBe(1)
    expect(broken.stderr).toBe('harbour: Audit chain broken at entry 2: its contents do not match its hash.\n')
  })

  it('verify prints the audit head to note, and checks the store against a noted head and a backup', () => {
    const store = initStore()
    const out = join(tempFolder(), 'nightly.hbk')
    expect(cli(['backup', '--store', store, '--user', admin.username, '--out', out], line)).toMatchObject({ code: 0 })
    const first = cli(['verify', '--store', store, '--user', admin.username], line)
    expect(first.stdout).toContain('key ring head: ok')
    expect(first.stdout).toMatch(/signatures: ok \(\d+ signed entries; signing began at entry \d+\)/)
    const noted = /audit head: (\d+:[0-9a-f]{64})/.exec(first.stdout)?.[1]
    expect(noted).toBeDefined()
    const again = cli(['verify', '--store', store, '--user', admin.username, '--against', out, '--head', noted ?? ''], line)
    expect(again).toMatchObject({ code: 0 })
    expect(again.stdout).toContain('against backup: ok')
    expect(again.stdout).toContain('noted head: ok')
    expect(cli(['verify', '--store', store, '--user', admin.username, '--head', 'twelve'], line)).toMatchObject({
      code: 2,
      stderr: 'harbour: --head must be the head as verify prints it: ENTRIES:HASH.\n'
    })
    const wrong = `${noted?.split(':')[0]}:${'0'.repeat(64)}`
    const refused = cli(['verify', '--store', store, '--user', admin.username, '--head', wrong], line)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^harbour: Audit history does not hold: audit entry \d+ is not the one recorded in the noted head/)
  })

  it('verify fails with one line on a damaged file, a wrong passphrase or no passphrase', () => {
    const store = initStore()
    expect(cli(['verify', '--store', store, '--user', admin.username], 'not the right passphrase\n')).toMatchObject({
      code: 1,
      stderr: 'harbour: The username or passphrase is not right.\n'
    })
    expect(cli(['verify', '--store', store, '--user', admin.username], '')).toMatchObject({ code: 1 })
    const database = storeFiles(store).database
    const bytes = readFileSync(database)
    bytes.fill(0x5a, 4096 * 2 + 100, 4096 * 2 + 400)
    writeFileSync(database, bytes)
    const damaged = cli(['verify', '--store', store, '--user', admin.username], line)
    expect(damaged.code).toBe(1)
    expect(damaged.stderr).toMatch(/^harbour: .*(damaged|integrity_check failed)/)
    expect(damaged.stderr).not.toMatch(/\n\s+at /)
  })

  it('backs up, lists users, and restores', () => {
    const store = initStore()
    const out = join(tempFolder(), 'nightly.hbk')
    expect(cli(['backup', '--store', store, '--user', admin.username, '--out', out], line)).toMatchObject({ code: 0 })
    expect(readFileSync(out).subarray(0, 6).toString()).not.toBe('SQLite')
    const users = cli(['users', 'list', '--store', store, '--user', admin.username], line)
    expect(users.code).toBe(0)
    expect(users.stdout.split('\n')[1]).toMatch(
      new RegExp(`^${admin.username.replace('.', '\\.')}\\s+${admin.displayName}\\s+admin,clinician\\s+active$`)
    )
    const restored = cli(['restore', '--store', store, '--user', admin.username, '--from', out], line)
    expect(restored).toMatchObject({ code: 0 })
    expect(cli(['verify', '--store', store, '--user', admin.username], line)).toMatchObject({ code: 0 })
    expect(cli(['restore', '--store', store, '--user', admin.username, '--from', join(tempFolder(), 'missing.hbk')], line)).toMatchObject({
      code: 1
    })
  })
})
