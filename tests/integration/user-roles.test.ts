import { describe, expect, it } from 'vitest'
import type { UserSummary } from '../../shared/contract/users'
import { verifyAuditChain } from '../../electron/core/store/audit'
import { verifyAuditSignatures } from '../../electron/core/store/audit-signatures'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { caseloadStore, nurse, personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const fresh = 'seven bright kites over the bay'

async function storeWithNurse() {
  const store = await caseloadStore(tempFolder())
  const added = await store.call<UserSummary>('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
  const audit = (action: string) =>
    store.host.vault.sqlite.prepare('SELECT actor_id, entity_id, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action)
  const users = () => store.call<UserSummary[]>('users:list', {})
  return { ...store, nurseId: added.id, audit, users }
}

describe('changing a user’s roles', () => {
  it('gives and takes roles, audited with the roles, and ignores a change to the same roles', async () => {
    const { call, nurseId, audit, host } = await storeWithNurse()
    expect(await call('users:setRoles', { userId: nurseId, roles: ['trim', 'clinician'] })).toMatchObject({
      id: nurseId,
      roles: ['clinician', 'trim']
    })
    expect(await call('users:setRoles', { userId: nurseId, roles: ['clinician', 'trim'] })).toMatchObject({ roles: ['clinician', 'trim'] })
    expect(await call('users:setRoles', { userId: nurseId, roles: ['reporting'] })).toMatchObject({ roles: ['reporting'] })
    const adminId = host.vault.session?.id
    expect(audit('user.roles-changed')).toEqual([
      { actor_id: adminId, entity_id: nurseId, detail: 'clinician,trim' },
      { actor_id: adminId, entity_id: nurseId, detail: 'reporting' }
    ])
    expect(verifyAuditChain(host.vault.sqlite)).toMatchObject({ ok: true })
  })

  it('refuses, with a clear message at the roles and changing nothing: your own administrator role, no roles, the clinician role of someone holding cases', async () => {
    const { call, raw, nurseId, audit, users, host } = await storeWithNurse()
    const person = await call<{ id: string }>('people:create', personFields())
    await call('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null,
      assignedClinicianId: nurseId
    })
    const before = await users()
    const adminId = host.vault.session?.id ?? ''
    expect(await raw('users:setRoles', { userId: adminId, roles: ['clinician'] })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'You cannot remove your own administrator role. Ask another administrator to do it.',
        fields: ['roles'],
        problems: [{ field: 'roles', message: 'You cannot remove your own administrator role. Ask another administrator to do it.' }]
      }
    })
    expect(await raw('users:setRoles', { userId: nurseId, roles: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', problems: [{ field: 'roles', message: 'Choose at least one role' }] }
    })
    expect(await raw('users:setRoles', { userId: nurseId, roles: ['superuser'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['roles.0'] }
    })
    expect(await raw('users:setRoles', { userId: nurseId, roles: ['trim'] })).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        fields: ['roles'],
        message: 'Sam Okafor still holds an open case. Hand them over before removing the clinician role.'
      }
    })
    expect(await users()).toEqual(before)
    expect(audit('user.roles-changed')).toEqual([])
  })

  it('lets another administrator take an administrator role away, and applies a change to a signed-in user at their next request', async () => {
    const { call, raw, nurseId, host } = await storeWithNurse()
    await call('users:setRoles', { userId: nurseId, roles: ['clinician', 'admin'] })
    // The nurse (now an administrator) takes the lead nurse's administrator role away.
    host.vault.lock('manual')
    expect(await raw('session:unlock', { username: nurse.username, passphrase: nurse.passphrase })).toMatchObject({ ok: true })
    expect(await raw('session:changePassphrase', { current: nurse.passphrase, next: fresh, confirmNext: fresh })).toMatchObject({
      ok: true
    })
    const leadId = (await call<UserSummary[]>('users:list', {})).find((user) => user.username === admin.username)?.id
    expect(await call('users:setRoles', { userId: leadId, roles: ['clinician'] })).toMatchObject({ roles: ['clinician'] })
    host.vault.lock('manual')
    expect(await raw('session:unlock', { username: admin.username, passphrase: admin.passphrase })).toMatchObject({
      ok: true,
      value: { roles: ['clinician'] }
    })
    expect(await raw('users:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // Changed by someone else while signed in (another workstation on a shared store): the next request sees it.
    host.vault.sqlite.prepare('UPDATE users SET roles = ? WHERE username = ?').run(JSON.stringify(['reporting']), admin.username)
    expect(await raw('people:search', { query: 'evans' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(host.vault.session?.roles).toEqual(['reporting'])
  })

  it('is for administrators only', async () => {
    const { raw, nurseId, host } = await storeWithNurse()
    host.vault.lock('manual')
    await raw('session:unlock', { username: nurse.username, passphrase: nurse.passphrase })
    await raw('session:changePassphrase', { current: nurse.passphrase, next: fresh, confirmNext: fresh })
    expect(await raw('users:setRoles', { userId: nurseId, roles: ['clinician', 'admin'] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
    expect(await raw('users:enable', { userId: nurseId, passphrase: fresh, confirmPassphrase: fresh })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
    expect(host.vault.sqlite.prepare('SELECT roles FROM users WHERE id = ?').get(nurseId)).toEqual({ roles: JSON.stringify(['clinician']) })
  })
})

describe('re-enabling a disabled user', () => {
  it('gives them a new key slot under a starting passphrase they must change; the old passphrase stays dead', async () => {
    const { folder, call, raw, nurseId, audit, host } = await storeWithNurse()
    await call('users:disable', { userId: nurseId })
    const enabled = await call<UserSummary>('users:enable', { userId: nurseId, passphrase: fresh, confirmPassphrase: fresh })
    expect(enabled).toMatchObject({ status: 'active', mustChangePassphrase: true, roles: ['clinician'] })
    expect(readKeyring(storeFiles(folder).keyring).slots.filter((slot) => slot.userId === nurseId)).toHaveLength(1)
    expect(audit('user.enabled')).toEqual([{ actor_id: host.vault.session?.id, entity_id: nurseId, detail: null }])
    expect(verifyAuditSignatures(host.vault.sqlite)).toMatchObject({ ok: true })

    host.vault.lock('manual')
    expect(await raw('session:unlock', { username: nurse.username, passphrase: nurse.passphrase })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' }
    })
    expect(await raw('session:unlock', { username: nurse.username, passphrase: fresh })).toMatchObject({
      ok: true,
      value: { mustChangePassphrase: true }
    })
    expect(await raw('people:search', { query: 'evans' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Choose a new passphrase before carrying on.' }
    })
    const own = 'driftwood compass morning tea'
    expect(await raw('session:changePassphrase', { current: fresh, next: own, confirmNext: own })).toMatchObject({ ok: true })
    expect(await raw('people:search', { query: 'evans' })).toMatchObject({ ok: true })
    expect(verifyAuditSignatures(host.vault.sqlite)).toMatchObject({ ok: true })
  })

  it('refuses an active user, a passphrase against the rules and a mismatch, leaving them disabled with no key', async () => {
    const { folder, raw, call, nurseId, audit } = await storeWithNurse()
    expect(await raw('users:enable', { userId: nurseId, passphrase: fresh, confirmPassphrase: fresh })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Sam Okafor is already active.' }
    })
    await call('users:disable', { userId: nurseId })
    expect(
      await raw('users:enable', {
        userId: nurseId,
        passphrase: 'quiet harbour lantern pebble',
        confirmPassphrase: 'quiet harbour lantern pebble'
      })
    ).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['passphrase'] } })
    expect(await raw('users:enable', { userId: nurseId, passphrase: 'short', confirmPassphrase: 'other' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['passphrase'] }
    })
    expect(await raw('users:enable', { userId: nurseId, passphrase: fresh, confirmPassphrase: 'other words' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['confirmPassphrase'] }
    })
    expect(
      await raw('users:enable', { userId: '00000000-0000-4000-8000-000000000000', passphrase: fresh, confirmPassphrase: fresh })
    ).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect((await call<UserSummary[]>('users:list', {})).find((user) => user.id === nurseId)?.status).toBe('disabled')
    expect(readKeyring(storeFiles(folder).keyring).slots.some((slot) => slot.userId === nurseId)).toBe(false)
    expect(audit('user.enabled')).toEqual([])
  })
})

describe('never locking everyone out', () => {
  it('refuses disabling yourself and removing your own administrator role, so an administrator always remains', async () => {
    const { raw, host, nurseId, users } = await storeWithNurse()
    const adminId = host.vault.session?.id ?? ''
    await raw('users:setRoles', { userId: nurseId, roles: ['clinician', 'admin'] })
    const before = await users()
    expect(await raw('users:disable', { userId: adminId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'You cannot disable your own account.' }
    })
    // Even with another administrator: a slip must not take your own access away.
    expect(await raw('users:setRoles', { userId: adminId, roles: ['clinician'] })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: ['roles'] }
    })
    expect(await users()).toEqual(before)
  })
})
