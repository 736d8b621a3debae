import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupTo } from '../../electron/core/services/backup'
import { storeFiles } from '../../electron/core/store/files'
import { acquireStoreLock, type LockEnvironment } from '../../electron/core/store/store-lock'
import { Vault } from '../../electron/core/vault'
import { cli } from '../fixtures/cli'
import { testCoreContext } from '../fixtures/core-context'
import { admin, createTestStore, sha256 } from '../fixtures/store'
import { holdStore } from '../fixtures/store-holder-process'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const line = `${admin.passphrase}\n`

/** This computer, as the lock sees it: pids 1234 and 5678 are running, nothing else is. */
function workstation(pid: number): LockEnvironment {
  return {
    pid,
    host: 'WS-042',
    isAlive: (candidate) => candidate === 1234 || candidate === 5678,
    now: () => new Date('2026-11-26T09:00:00Z')
  }
}

function lockPath(): string {
  return storeFiles(tempFolder()).lock
}

function lockRecord(fields: { pid: number; host: string; owner?: unknown }) {
  return JSON.stringify({
    format: 'harbour-lock',
    pid: fields.pid,
    host: fields.host,
    owner: fields.owner ?? { kind: 'app' },
    since: '2026-11-26T08:00:00.000Z',
    token: 'abc'
  })
}

/** Every file in a folder with its sha256, to prove nothing was touched. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, sha256(join(folder, name))])
  )
}

describe('the store lock file', () => {
  it('is created with the owner’s pid, host and what holds it, and refuses a second opener by naming the holder', () => {
    const path = lockPath()
    acquireStoreLock(path, { kind: 'app' }, workstation(1234))
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: 1234, host: 'WS-042', owner: { kind: 'app' } })
    expect(() => acquireStoreLock(path, { kind: 'cli', command: 'restore' }, workstation(5678))).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'The store is in use by Harbour (process 1234 on WS-042). Close it first.' })
    )
  })

  it('names a command-line holder and the command it is running', () => {
    const path = lockPath()
    acquireStoreLock(path, { kind: 'cli', command: 'seed' }, workstation(5678))
    expect(() => acquireStoreLock(path, { kind: 'app' }, workstation(1234))).toThrow(
      'The store is in use by the Harbour command line, running seed (process 5678 on WS-042). Wait for it to finish first.'
    )
  })

  it('takes over a lock left on this computer by a process that is no longer running', () => {
    const path = lockPath()
    writeFileSync(path, lockRecord({ pid: 999, host: 'WS-042' }))
    const lock = acquireStoreLock(path, { kind: 'app' }, workstation(1234))
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: 1234, host: 'WS-042' })
    lock.release()
    expect(existsSync(path)).toBe(false)
  })

  it('never takes over a lock held from another computer, and says so', () => {
    const path = lockPath()
    writeFileSync(path, lockRecord({ pid: 999, host: 'WS-099' }))
    const before = sha256(path)
    expect(() => acquireStoreLock(path, { kind: 'app' }, workstation(1234))).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: expect.stringMatching(/^The store is in use by Harbour on another computer \(process 999 on WS-099\)\./)
      })
    )
    expect(() => acquireStoreLock(path, { kind: 'app' }, workstation(1234))).toThrow(/does not take over a lock from another computer/)
    expect(sha256(path)).toBe(before)
  })

  it('refuses an unreadable lock file and leaves it as it is', () => {
    const path = lockPath()
    writeFileSync(path, '{"pid":')
    expect(() => acquireStoreLock(path, { kind: 'app' }, workstation(1234))).toThrow(/lock file \(harbour\.lock\) cannot be read/)
    expect(readFileSync(path, 'utf8')).toBe('{"pid":')
  })

  it('is released only by its owner', () => {
    const path = lockPath()
    const mine = acquireStoreLock(path, { kind: 'app' }, workstation(1234))
    writeFileSync(path, lockRecord({ pid: 5678, host: 'WS-042' }))
    mine.release()
    expect(existsSync(path)).toBe(true)
  })
})

describe('the app holds the store for its whole unlocked session', () => {
  it('from unlock (or setup) until it locks, and not after a failed unlock', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    const { lock } = storeFiles(folder)
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), owner: { kind: 'app' } })
    host.vault.lock('manual')
    expect(existsSync(lock)).toBe(false)
    await expect(host.vault.unlock(admin.username, 'not the right passphrase')).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(existsSync(lock)).toBe(false)
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(existsSync(lock)).toBe(true)
    // A second Harbour over the same folder (another window, another process) is refused.
    const second = new Vault(testCoreContext(folder))
    await expect(second.unlock(admin.username, admin.passphrase)).rejects.toMatchObject({
      code: 'conflict',
      message: `The store is in use by Harbour (process ${process.pid} on ${hostname()}). Close it first.`
    })
    host.vault.lock('manual')
    await second.unlock(admin.username, admin.passphrase)
    second.lock('manual')
  })
})

describe('between real processes', () => {
  it('while the app has the store open, every CLI command that writes is refused by name and nothing changes', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    const backup = join(tempFolder(), 'before.hbk')
    backupTo(host.vault, host.core, backup, host.vault.session?.id ?? '')
    host.vault.lock('manual')
    const csv = join(tempFolder(), 'people.csv')
    writeFileSync(csv, 'staff_number,given_name,family_name,employment_type\nA1,Sam,Lee,police officer\n')

    const app = await holdStore(folder, admin)
    try {
      const before = snapshot(folder)
      const inUse = `harbour: The store is in use by Harbour (process ${app.pid} on ${hostname()}). Close it first.\n`
      const commands = [
        ['restore', '--store', folder, '--user', admin.username, '--from', backup],
        ['backup', '--store', folder, '--user', admin.username, '--out', join(tempFolder(), 'during.hbk')],
        ['import', 'people', '--store', folder, '--user', admin.username, csv],
        ['seed', '--store', folder, '--user', admin.username, '--people', '5'],
        ['users', 'list', '--store', folder, '--user', admin.username],
        ['verify', '--store', folder, '--user', admin.username]
      ]
      for (const args of commands) expect(cli(args, line), args[0]).toMatchObject({ code: 1, stderr: inUse })
      expect(snapshot(folder)).toEqual(before)
    } finally {
      expect(await app.close()).toBe(0)
    }
    expect(existsSync(storeFiles(folder).lock)).toBe(false)
    expect(cli(['backup', '--store', folder, '--user', admin.username, '--out', join(tempFolder(), 'after.hbk')], line)).toMatchObject({
      code: 0
    })
  }, 300_000)

  it('an app opening the store while a CLI command runs is told which command holds it', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    host.vault.lock('manual')
    const command = await holdStore(folder, admin, { kind: 'cli', command: 'seed' })
    try {
      await expect(host.vault.unlock(admin.username, admin.passphrase)).rejects.toMatchObject({
        code: 'conflict',
        message: `The store is in use by the Harbour command line, running seed (process ${command.pid} on ${hostname()}). Wait for it to finish first.`
      })
    } finally {
      await command.close()
    }
    await host.vault.unlock(admin.username, admin.passphrase)
  })

  it('a holder killed without warning leaves a stale lock, which the next opener takes over', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    host.vault.lock('manual')
    const app = await holdStore(folder, admin)
    await app.kill()
    const { lock } = storeFiles(folder)
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: app.pid })
    expect(cli(['verify', '--store', folder, '--user', admin.username], line)).toMatchObject({ code: 0 })
    expect(existsSync(lock)).toBe(false)
  }, 60_000)

  it('init into a folder another running process has locked is refused and creates nothing', () => {
    const folder = tempFolder()
    writeFileSync(storeFiles(folder).lock, lockRecord({ pid: process.pid, host: hostname() }))
    const result = cli(['init', '--store', folder, '--admin', admin.username], line)
    expect(result).toMatchObject({
      code: 1,
      stderr: `harbour: The store is in use by Harbour (process ${process.pid} on ${hostname()}). Close it first.\n`
    })
    expect(readdirSync(folder)).toEqual(['harbour.lock'])
  })
})
