import { existsSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring, type KeySlot } from '../../electron/core/store/keyring'
import { openEncrypted, StoreOpenError } from '../../electron/core/store/open'
import { testHost } from '../fixtures/core-context'
import { rawStore } from '../fixtures/raw-store'
import { admin, createTestStore, dispatch, sha256 } from '../fixtures/store'
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
    const { folder, files, other } = await lockedStoreWithSecondAdmin()
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

/** A store with a second administrator, locked. */
async function lockedStoreWithSecondAdmin() {
  const folder = tempFolder()
  const { host } = await createTestStore(folder)
  const other = { username: 'second.admin', displayName: 'Second Admin', roles: ['admin'], passphrase: 'another long passphrase here' }
  await dispatch('users:add', { ...other, confirmPassphrase: other.passphrase }, host)
  host.vault.lock('manual')
  return { folder, files: storeFiles(folder), other }
}

/** A store with a second user, locked, whose administrator slot is then altered by `change`. */
async function alteredAdminSlot(change: (slot: KeySlot) => KeySlot) {
  const { folder, files, other } = await lockedStoreWithSecondAdmin()
  const keyring = readKeyring(files.keyring)
  writeFileSync(
    files.keyring,
    JSON.stringify({ ...keyring, slots: keyring.slots.map((slot) => (slot.username === admin.username ? change(slot) : slot)) })
  )
  return { folder, files, other }
}

describe('key slots Harbour will not try', () => {
  const outOfRange: [string, Partial<KeySlot['kdf']>][] = [
    ['2^31 KiB of memory', { memoryKiB: 2 ** 31 }],
    ['less memory than the floor', { memoryKiB: 1024 }],
    ['more passes than calibration gives', { iterations: 65 }],
    ['fewer passes than the floor', { iterations: 2 }],
    ['more lanes than allowed', { parallelism: 5 }]
  ]

  it.each(outOfRange)('refuses a slot asking for %s, without deriving a key or counting a failure', async (_name, kdf) => {
    const { folder, files, other } = await alteredAdminSlot((slot) => ({ ...slot, kdf: { ...slot.kdf, ...kdf } }))
    const host = testHost(folder)
    const result = await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, host)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message:
          'Your key in the store’s key file has settings Harbour does not accept, so it was not tried. The key file may have been altered: ask your Harbour administrator to reset your passphrase.'
      }
    })
    // No key derivation ran, so no failed guess was recorded against anyone.
    expect(existsSync(files.unlockAttempts)).toBe(false)
    // One altered slot locks out only its owner: everyone else still signs in.
    expect(await dispatch('session:unlock', { username: other.username, passphrase: other.passphrase }, host)).toMatchObject({ ok: true })
  })

  it.each([4, 12, 15])('refuses a GCM tag cut to %i bytes, even with the right passphrase', async (length) => {
    const { folder } = await alteredAdminSlot((slot) => ({
      ...slot,
      wrap: { ...slot.wrap, tag: Buffer.from(slot.wrap.tag, 'base64').subarray(0, length).toString('base64') }
    }))
    const host = testHost(folder)
    const result = await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, host)
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(host.vault.status().state).toBe('locked')
  })

  it('refuses an altered recovery slot with its own message', async () => {
    const folder = tempFolder()
    const { host, recoveryCode } = await createTestStore(folder)
    host.vault.lock('manual')
    const files = storeFiles(folder)
    const keyring = readKeyring(files.keyring)
    writeFileSync(
      files.keyring,
      JSON.stringify({
        ...keyring,
        slots: keyring.slots.map((slot) => (slot.kind === 'recovery' ? { ...slot, kdf: { ...slot.kdf, memoryKiB: 2 ** 31 } } : slot))
      })
    )
    const before = sha256(files.keyring)
    const passphrase = 'a brand new passphrase for me'
    const result = await dispatch(
      'session:recover',
      { recoveryCode, username: admin.username, passphrase, confirmPassphrase: passphrase },
      testHost(folder)
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('recovery key') } })
    expect(sha256(files.keyring)).toBe(before)
  })
})
