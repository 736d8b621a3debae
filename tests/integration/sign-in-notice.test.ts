import { describe, expect, it } from 'vitest'
import { admin, createTestStore, dispatch, manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const nurse = { username: 'sam.okafor', displayName: 'Sam Okafor', roles: ['clinician'], passphrase: 'quay lights over grey water' }

async function lockedStoreWithNurse() {
  const clock = manualClock()
  const store = await createTestStore(tempFolder(), clock.now)
  const added = await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
  if (!added.ok) throw new Error(added.error.message)
  store.host.vault.lock('manual')
  const signIn = (username: string, passphrase: string) => dispatch('session:unlock', { username, passphrase }, store.host)
  return { ...store, clock, signIn }
}

describe('failed sign-ins since your last sign-in', () => {
  it('tells the account’s owner, once signed in, how many and when the last was; the next sign-in starts again', async () => {
    const { host, clock, signIn } = await lockedStoreWithNurse()
    for (let attempt = 0; attempt < 3; attempt++) {
      clock.advance(60_000)
      expect(await signIn(admin.username, 'not the passphrase at all')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    }
    const lastFailure = clock.now().toISOString()
    // Nothing about them shows while locked: the sign-in screen never says whose account was tried.
    expect(host.vault.status()).toMatchObject({ state: 'locked', failedSignIns: null })
    clock.advance(60_000)
    expect(await signIn(admin.username, admin.passphrase)).toMatchObject({ ok: true })
    expect(host.vault.status().failedSignIns).toEqual({ count: 3, lastAt: lastFailure })
    expect(await dispatch('session:status', {}, host)).toMatchObject({
      ok: true,
      value: { failedSignIns: { count: 3, lastAt: lastFailure } }
    })

    host.vault.lock('manual')
    expect(await signIn(admin.username, admin.passphrase)).toMatchObject({ ok: true })
    expect(host.vault.status().failedSignIns).toBeNull()
  })

  it('counts only the failures at that account: not another user’s, not unknown usernames', async () => {
    const { host, clock, signIn } = await lockedStoreWithNurse()
    for (const username of [nurse.username, nurse.username, 'no.such.person', 'admin']) {
      clock.advance(60_000)
      await signIn(username, 'not the passphrase at all')
    }
    expect(await signIn(admin.username, admin.passphrase)).toMatchObject({ ok: true })
    expect(host.vault.status().failedSignIns).toBeNull()
    host.vault.lock('manual')
    expect(await signIn(nurse.username, nurse.passphrase)).toMatchObject({ ok: true })
    expect(host.vault.status().failedSignIns).toMatchObject({ count: 2 })
  })

  it('answers a failed sign-in the same way whether or not the account exists or was tried before', async () => {
    const { clock, signIn } = await lockedStoreWithNurse()
    clock.advance(60_000)
    await signIn(nurse.username, 'not the passphrase at all')
    clock.advance(60_000)
    const known = await signIn(nurse.username, 'not the passphrase at all')
    clock.advance(60_000)
    const unknown = await signIn('no.such.person', 'not the passphrase at all')
    expect(known).toEqual(unknown)
    expect(JSON.stringify(known)).not.toMatch(/count|failed|since/i)
  })
})

describe('the back-off', () => {
  it('says how many seconds to wait, in words and as a number the window counts down, and trying early does not count', async () => {
    const { host, clock, signIn } = await lockedStoreWithNurse()
    for (let attempt = 0; attempt < 5; attempt++) await signIn(admin.username, 'not the passphrase at all')
    const refused = await signIn(admin.username, admin.passphrase)
    expect(refused).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: 'Too many attempts. Wait 2 seconds, then try again.', retryAfterSeconds: 2 }
    })
    clock.advance(1000)
    expect(await signIn(admin.username, admin.passphrase)).toMatchObject({
      ok: false,
      error: { retryAfterSeconds: 1, message: 'Too many attempts. Wait 1 second, then try again.' }
    })
    clock.advance(1000)
    expect(await signIn(admin.username, admin.passphrase)).toMatchObject({ ok: true })
    expect(host.vault.status().failedSignIns).toMatchObject({ count: 5 })
  })
})
