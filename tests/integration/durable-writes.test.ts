import type * as fs from 'node:fs'
import { realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { writeFileAtomic } from '../../electron/core/fs/atomic-write'
import { backupTo, keyringBesideBackup, restoreFrom } from '../../electron/core/services/backup'
import { storeFiles } from '../../electron/core/store/files'
import { admin, createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

/**
 * Every fsync and rename the core makes, with the path each fsync'd descriptor names (read
 * from /proc), so the order can be checked: file flushed, renamed, then its folder flushed.
 */
const { events } = vi.hoisted(() => ({ events: [] as string[] }))

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return {
    ...real,
    fsyncSync: (fd: number) => {
      events.push(`fsync ${real.readlinkSync(`/proc/self/fd/${fd}`)}`)
      real.fsyncSync(fd)
    },
    renameSync: (from: string, to: string) => {
      events.push(`rename ${from} -> ${to}`)
      real.renameSync(from, to)
    }
  }
})

const tempFolder = useTempFolders()
const realFolder = () => realpathSync(tempFolder())

beforeEach(() => {
  events.length = 0
})

/** The file renamed onto `target` was flushed before the rename, and its folder after it. */
function expectDurableRename(target: string): void {
  let index = -1
  events.forEach((event, i) => {
    if (event.startsWith('rename ') && event.endsWith(` -> ${target}`)) index = i
  })
  expect(index, `a rename onto ${target}`).toBeGreaterThanOrEqual(0)
  const event = events[index] ?? ''
  const source = event.slice('rename '.length, event.indexOf(' -> '))
  expect(events.slice(0, index), `fsync of ${source} before its rename`).toContain(`fsync ${source}`)
  expect(events.slice(index + 1), `fsync of the folder after the rename`).toContain(`fsync ${dirname(target)}`)
}

describe.runIf(process.platform === 'linux')('writes that replace a file survive a power cut', () => {
  it('an atomic write flushes the file, renames it, then flushes its folder', () => {
    const target = join(realFolder(), 'preferences.json')
    writeFileAtomic(target, '{}')
    expectDurableRename(target)
  })

  it('a backup and its ring copy are flushed, renamed and their folder flushed', async () => {
    const { host } = await createTestStore(realFolder())
    const destination = join(realFolder(), 'monday.hbk')
    events.length = 0
    backupTo(host.vault, host.core, destination, host.vault.session?.id ?? '')
    expectDurableRename(destination)
    expectDurableRename(keyringBesideBackup(destination))
  })

  it('a restore flushes the incoming database and ring, renames them into place, then flushes the data folder', async () => {
    const { host, folder } = await createTestStore(realFolder())
    const destination = join(realFolder(), 'monday.hbk')
    backupTo(host.vault, host.core, destination, host.vault.session?.id ?? '')
    host.vault.lock('manual')
    events.length = 0
    await restoreFrom(host.vault, host.core, destination, admin)
    expectDurableRename(storeFiles(folder).database)
    expectDurableRename(storeFiles(folder).keyring)
  })
})
