import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { openEncrypted, StoreOpenError } from '../../electron/core/store/open'
import { testHost } from '../fixtures/core-context'
import { rawStore } from '../fixtures/raw-store'
import { admin, createTestStore, dispatch } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('database key', () => {
  it('a key with any single bit flipped never opens the database', () => {
    const store = rawStore(tempFolder())
    for (const bit of [0, 7, 100, 255]) {
      const wrong = Buffer.from(store.dek)
      wrong[bit >> 3] = (wrong[bit >> 3] ?? 0) ^ (1 << (bit & 7))
      expect(() => openEncrypted(store.path, wrong), `bit ${bit}`).toThrow(StoreOpenError)
    }
    expect(() => openEncrypted(store.path, store.dek).close()).not.toThrow()
  })

  it('a key slot moved onto another user does not open, because each slot is bound to its owner', async () => {
    const folder = tempFolder()
    const { host } = await createTestStore(folder)
    const other = { username: 'second.admin', displayName: 'Second Admin', roles: ['admin'], passphrase: 'another long passphrase here' }
    await dispatch('users:add', { ...other, confirmPassphrase: other.passphrase }, host)
    host.vault.lock('manual')
    const files = storeFiles(folder)
    const keyring = readKeyring(files.keyring)
    const mine = keyring.slots.find((slot) => slot.username === admin.username)
    const theirs = keyring.slots.find((slot) => slot.username === other.username)
    if (!mine || !theirs) throw new Error('expected both slots')
    // Give the second user's name the first user's wrapped key: their passphrase must not open it.
    const forged = { ...keyring, slots: [mine, { ...mine, id: theirs.id, userId: theirs.userId, username: theirs.username }] }
    writeFileSync(files.keyring, JSON.stringify(forged))
    const result = await dispatch('session:unlock', { username: other.username, passphrase: admin.passphrase }, testHost(folder))
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })
})
