import { describe, expect, it } from 'vitest'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { testHost } from '../fixtures/core-context'
import { admin, createTestStore, dispatch, sha256 } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const nurse = { username: 'sam.okafor', displayName: 'Sam Okafor', roles: ['clinician'], passphrase: 'quay lights over grey water' }

async function storeWithNurse() {
  const store = await createTestStore(tempFolder())
  const added = await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
  if (!added.ok) throw new Error(added.error.message)
  return { ...store, nurseId: (added.value as { id: string }).id }
}

describe('user administration', () => {
  it('adds a user who can sign in, must choose a new passphrase first, and then works normally', async () => {
    const { folder, host } = await storeWithNurse()
    host.vault.lock('manual')
    const signIn = await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, host)
    expect(signIn).toMatchObject({ ok: true, value: { roles: ['clinician'], mustChangePassphrase: true } })
    expect(await dispatch('settings:get', {}, host)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const next = 'driftwood compass morning tea'
    const changed = await dispatch('session:changePassphrase', { current: nurse.passphrase, next, confirmNext: next }, host)
    expect(changed).toMatchObject({ ok: true, value: { mustChangePassphrase: false } })
    expect(await dispatch('settings:get', {}, host)).toMatchObject({ ok: true })
    // A clinician is not an administrator.
    expect(await dispatch('users:list', {}, host)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    host.vault.lock('manual')
    expect(await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, testHost(folder))).toMatchObject({
      ok: false
    })
  })

  it('changing a passphrase rewraps one key slot and leaves the database file as it was', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    const files = storeFiles(folder)
    const databaseBefore = sha256(files.database)
    const slotsBefore = readKeyring(files.keyring).slots
    const next = 'an entirely new set of words'
    const result = await dispatch('session:changePassphrase', { current: admin.passphrase, next, confirmNext: next }, host)
    expect(result.ok).toBe(true)
    // The audit entry went to the write-ahead log; the main file, and so its key, is untouched.
    expect(sha256(files.database)).toBe(databaseBefore)
    const slotsAfter = readKeyring(files.keyring).slots
    expect(slotsAfter.find((s) => s.kind === 'recovery')).toEqual(slotsBefore.find((s) => s.kind === 'recovery'))
    expect(slotsAfter.find((s) => s.kind === 'user')?.wrap).not.toEqual(slotsBefore.find((s) => s.kind === 'user')?.wrap)
    host.vault.lock('manual')
    expect(await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, host)).toMatchObject({ ok: false })
    expect(await dispatch('session:unlock', { username: admin.username, passphrase: next }, host)).toMatchObject({ ok: true })
  })

  it('refuses a wrong current passphrase by field, changing nothing', async () => {
    const { folder, host } = await createTestStore(tempFolder())
    const before = sha256(storeFiles(folder).keyring)
    const next = 'an entirely new set of words'
    const result = await dispatch('session:changePassphrase', { current: 'not my passphrase at all', next, confirmNext: next }, host)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['current'] } })
    expect(sha256(storeFiles(folder).keyring)).toBe(before)
  })

  it("a disabled user's old passphrase no longer opens the store", async () => {
    const { folder, host, nurseId } = await storeWithNurse()
    expect(await dispatch('users:disable', { userId: nurseId }, host)).toMatchObject({ ok: true, value: { status: 'disabled' } })
    expect(readKeyring(storeFiles(folder).keyring).slots.some((slot) => slot.userId === nurseId)).toBe(false)
    host.vault.lock('manual')
    const attempt = await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, testHost(folder))
    expect(attempt).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })

  it('resets a passphrase: the old one stops working, the new one works once changed', async () => {
    const { host, nurseId } = await storeWithNurse()
    const fresh = 'seven bright kites over the bay'
    expect(await dispatch('users:resetPassphrase', { userId: nurseId, passphrase: fresh, confirmPassphrase: fresh }, host)).toMatchObject({
      ok: true,
      value: { mustChangePassphrase: true }
    })
    host.vault.lock('manual')
    expect(await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, host)).toMatchObject({ ok: false })
    expect(await dispatch('session:unlock', { username: nurse.username, passphrase: fresh }, host)).toMatchObject({ ok: true })
  })

  it('refuses bad user input clearly and changes nothing', async () => {
    const { host } = await createTestStore(tempFolder())
    const cases: [unknown, string][] = [
      [{ ...nurse, username: 'a', confirmPassphrase: nurse.passphrase }, 'username'],
      [{ ...nurse, username: 'has spaces', confirmPassphrase: nurse.passphrase }, 'username'],
      [{ ...nurse, roles: [], confirmPassphrase: nurse.passphrase }, 'roles'],
      [{ ...nurse, roles: ['superuser'], confirmPassphrase: nurse.passphrase }, 'roles.0'],
      [{ ...nurse, displayName: 'x'.repeat(121), confirmPassphrase: nurse.passphrase }, 'displayName'],
      [{ ...nurse, username: admin.username, confirmPassphrase: nurse.passphrase }, 'username'],
      [{ ...nurse, passphrase: 'short one', confirmPassphrase: 'short one' }, 'passphrase']
    ]
    for (const [input, field] of cases) {
      const result = await dispatch('users:add', input, host)
      expect(result, field).toMatchObject({ ok: false })
      if (!result.ok) expect(result.error.fields).toContain(field)
    }
    const list = await dispatch('users:list', {}, host)
    expect(list.ok && (list.value as unknown[]).length).toBe(1)
  })

  it('audits user changes with ids only', async () => {
    const { host, nurseId } = await storeWithNurse()
    await dispatch('users:disable', { userId: nurseId }, host)
    const rows = host.vault.sqlite.prepare('SELECT action, entity_id, detail FROM audit_log WHERE entity_id = ? ORDER BY seq').all(nurseId)
    expect(rows).toEqual([
      { action: 'user.created', entity_id: nurseId, detail: 'roles' },
      { action: 'user.disabled', entity_id: nurseId, detail: null }
    ])
    const all = JSON.stringify(host.vault.sqlite.prepare('SELECT * FROM audit_log').all())
    expect(all).not.toContain(nurse.displayName)
    expect(all).not.toContain(nurse.passphrase)
  })
})
