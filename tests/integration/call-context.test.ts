import { describe, expect, it, vi } from 'vitest'
import type { CallContext, KeyedCallContext } from '../../electron/core/context'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers, type Handlers } from '../../electron/core/ipc/handlers'
import { admin, createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const nurse = { username: 'sam.okafor', displayName: 'Sam Okafor', roles: ['clinician'], passphrase: 'quay lights over grey water' }

/** A dispatcher whose handlers for two channels only record the context they were given. */
function recording() {
  const seen: { call?: CallContext; keyed?: KeyedCallContext; calls: CallContext[] } = { calls: [] }
  const overrides: Partial<Handlers> = {
    'settings:get': vi.fn(async (_input, call: CallContext) => {
      seen.calls.push(call)
      return { idleLockMinutes: 5, plaintextExportsAllowed: false }
    }),
    'users:list': vi.fn(async (_input, call: CallContext) => {
      seen.call = call
      return []
    }),
    'keys:rotate': vi.fn(async (_input, call: KeyedCallContext) => {
      seen.keyed = call
      return { slots: 1, newRecoveryCode: null }
    })
  }
  return { seen, dispatch: createDispatcher({ ...handlers, ...overrides }) }
}

describe('a call context per request', () => {
  it('hands a service who is calling, the database, the clock and the audit, and no key', async () => {
    const store = await createTestStore(tempFolder())
    const { seen, dispatch } = recording()
    expect(await dispatch('users:list', {}, store.host)).toEqual({ ok: true, value: [] })
    const call = seen.call
    if (!call) throw new Error('the handler was not called')
    expect(call.user).toMatchObject({ username: admin.username, roles: ['admin', 'clinician'] })
    expect(await call.db.selectFrom('users').select('username').execute()).toEqual([{ username: admin.username }])
    expect(call.clock).toBe(store.host.core.clock)
    // Neither the whole store nor its key travels with an ordinary call.
    expect(Object.keys(call)).not.toContain('vault')
    expect(Object.keys(call)).not.toContain('keys')
    expect(JSON.stringify(Object.keys(call))).not.toMatch(/sqlite|dek/)
  })

  it('gives the key only to the channels whose services need it', async () => {
    const store = await createTestStore(tempFolder())
    const { seen, dispatch } = recording()
    expect(await dispatch('keys:rotate', {}, store.host)).toMatchObject({ ok: true })
    expect(seen.keyed?.keys).toBe(store.host.vault)
    expect(seen.keyed?.user.username).toBe(admin.username)
  })

  it('writes the audit entry as the caller, through the call', async () => {
    const store = await createTestStore(tempFolder())
    const { seen, dispatch } = recording()
    await dispatch('users:list', {}, store.host)
    await seen.call?.audit({ actorId: seen.call.user.id, action: 'test.called', entityType: 'store' })
    const row = store.host.vault.sqlite.prepare("SELECT actor_id FROM audit_log WHERE action = 'test.called'").get()
    expect(row).toEqual({ actor_id: store.host.vault.session?.id })
  })

  it('carries the identity of whoever made each call: after a change of user, each call has its own', async () => {
    const store = await createTestStore(tempFolder())
    expect(await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })).toMatchObject({ ok: true })
    const { seen, dispatch } = recording()
    await dispatch('settings:get', {}, store.host)
    store.host.vault.lock('manual')
    const signedIn = await store.host.vault.unlock(nurse.username, nurse.passphrase)
    // As if the nurse had already chosen their own passphrase.
    store.host.vault.refreshSessionUser({ ...signedIn, mustChangePassphrase: false })
    await dispatch('settings:get', {}, store.host)
    expect(seen.calls.map((call) => call.user.username)).toEqual([admin.username, nurse.username])
    // The nurse may not list users: refused before any handler runs, so no context is built for it.
    expect(await dispatch('users:list', {}, store.host)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(seen.call).toBeUndefined()
  })

  it('refuses a call that outlives its session as locked, rather than running on a closed store', async () => {
    const store = await createTestStore(tempFolder())
    const { seen, dispatch } = recording()
    await dispatch('users:list', {}, store.host)
    store.host.vault.lock('manual')
    expect(() => seen.call?.db).toThrow(expect.objectContaining({ code: 'locked' }))
  })
})
