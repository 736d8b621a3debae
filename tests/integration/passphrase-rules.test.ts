import { describe, expect, it } from 'vitest'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { testHost } from '../fixtures/core-context'
import { admin, createTestStore, dispatch } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
/** The README refuses passphrases containing "harbour", "police" or the username; this one was accepted. */
const withHarbour = 'tidal lantern quiet harbour pebble'
const good = 'driftwood compass morning tea'
const tooGuessable = 'Passphrase is too easy to guess: it contains "harbour".'

async function storeWithNurse() {
  const store = await createTestStore(tempFolder())
  const added = await store.call('users:add', {
    username: 'sam.okafor',
    displayName: 'Sam Okafor',
    roles: ['clinician'],
    passphrase: good,
    confirmPassphrase: good
  })
  if (!added.ok) throw new Error(added.error.message)
  return { ...store, nurseId: (added.value as { id: string }).id }
}

describe('one set of passphrase rules wherever a passphrase is chosen', () => {
  it('refuses "harbour" at setup, creating nothing, through the contract and the core alike', async () => {
    const folder = tempFolder()
    const host = testHost(folder)
    const result = await dispatch('session:setup', { ...admin, passphrase: withHarbour, confirmPassphrase: withHarbour }, host)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message: tooGuessable,
        fields: ['passphrase'],
        problems: [{ field: 'passphrase', message: expect.stringMatching(/^Passphrase is too easy to guess/) }]
      }
    })
    await expect(host.vault.setup({ ...admin, passphrase: 'quiet police lantern pebble' })).rejects.toMatchObject({
      code: 'invalid-input',
      fields: ['passphrase']
    })
    expect(host.vault.status().state).toBe('no-store')
  })

  it('refuses it when adding a user, resetting a passphrase, changing your own and recovering, changing nothing', async () => {
    const { folder, host, call, nurseId, recoveryCode } = await storeWithNurse()
    // Locking writes the audit head into the ring; the key slots are what must not change.
    const keyring = () => JSON.stringify(readKeyring(storeFiles(folder).keyring).slots)
    const before = keyring()
    const users = await call('users:list', {})
    const refusals = [
      await call('users:add', {
        username: 'tom.hale',
        displayName: 'Tom Hale',
        roles: ['clinician'],
        passphrase: withHarbour,
        confirmPassphrase: withHarbour
      }),
      await call('users:resetPassphrase', { userId: nurseId, passphrase: withHarbour, confirmPassphrase: withHarbour }),
      await call('session:changePassphrase', { current: admin.passphrase, next: withHarbour, confirmNext: withHarbour })
    ]
    const ownUsername = await call('session:changePassphrase', {
      current: admin.passphrase,
      next: 'lead.nurse walks the old quay',
      confirmNext: 'lead.nurse walks the old quay'
    })
    expect(ownUsername).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: 'Passphrase is too easy to guess: it contains your username.', fields: ['next'] }
    })
    host.vault.lock('manual')
    refusals.push(
      await call('session:recover', { recoveryCode, username: admin.username, passphrase: withHarbour, confirmPassphrase: withHarbour })
    )
    for (const result of refusals) {
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: tooGuessable } })
      if (!result.ok) expect(result.error.fields).toEqual([expect.stringMatching(/^(passphrase|next)$/)])
    }
    expect(keyring()).toBe(before)
    expect(await call('session:unlock', { username: admin.username, passphrase: admin.passphrase })).toMatchObject({ ok: true })
    expect(await call('users:list', {})).toEqual(users)
  })

  it('tells an administrator which rule someone else’s starting passphrase broke, and that it is their username', async () => {
    const { call, nurseId } = await storeWithNurse()
    const users = await call('users:list', {})
    const theirs = 'Passphrase is too easy to guess: it contains their username.'
    const added = await call('users:add', {
      username: 'tom.hale',
      displayName: 'Tom Hale',
      roles: ['clinician'],
      passphrase: 'quiet tom.hale lantern pebble',
      confirmPassphrase: 'quiet tom.hale lantern pebble'
    })
    const reset = await call('users:resetPassphrase', {
      userId: nurseId,
      passphrase: 'sam.okafor walks the old quay',
      confirmPassphrase: 'sam.okafor walks the old quay'
    })
    for (const result of [added, reset]) {
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', message: theirs, problems: [{ field: 'passphrase', message: theirs }] }
      })
      expect(JSON.stringify(result)).not.toContain('your username')
    }
    expect(await call('users:list', {})).toEqual(users)
  })

  it('says "too short" before "do not match", in the window’s checks and the core’s', async () => {
    const host = testHost(tempFolder())
    const short = await dispatch('session:setup', { ...admin, passphrase: 'tidal', confirmPassphrase: 'tide' }, host)
    expect(short).toMatchObject({ ok: false, error: { fields: ['passphrase'], message: 'Passphrase must be 15 characters or more.' } })
    // A common passphrase is refused as common even when the second copy differs (only the core has the list).
    const common = await dispatch('session:setup', { ...admin, passphrase: 'momsanaladventure', confirmPassphrase: 'something else' }, host)
    expect(common).toMatchObject({
      ok: false,
      error: { fields: ['passphrase'], message: 'Passphrase is too common: choose a few unrelated words.' }
    })
    await expect(host.vault.setup({ ...admin, passphrase: 'short', confirmPassphrase: 'different' })).rejects.toMatchObject({
      fields: ['passphrase'],
      message: 'Passphrase must be 15 characters or more.'
    })
    // Only an acceptable passphrase typed differently is "do not match".
    const mismatch = await dispatch('session:setup', { ...admin, confirmPassphrase: 'tidal estuary lantern quiet' }, host)
    expect(mismatch).toMatchObject({ ok: false, error: { fields: ['confirmPassphrase'], message: 'Passphrases do not match.' } })
    expect(host.vault.status().state).toBe('no-store')
  })

  it('orders the change-passphrase form the same way', async () => {
    const { call } = await createTestStore(tempFolder())
    expect(await call('session:changePassphrase', { current: admin.passphrase, next: 'short', confirmNext: 'other' })).toMatchObject({
      ok: false,
      error: { fields: ['next'] }
    })
    expect(await call('session:changePassphrase', { current: admin.passphrase, next: good, confirmNext: 'other' })).toMatchObject({
      ok: false,
      error: { fields: ['confirmNext'], message: 'Passphrases do not match.' }
    })
  })
})
