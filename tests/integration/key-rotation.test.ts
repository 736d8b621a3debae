import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProgressUpdate } from '../../shared/contract/progress'
import { verifyStore } from '../../electron/core/services/verify'
import { rowCounts } from '../../electron/core/store/backup'
import { storeFiles } from '../../electron/core/store/files'
import { isSealed, openSlot, readKeyring, recoverySlot, userSlot, type Keyring } from '../../electron/core/store/keyring'
import { openEncrypted, StoreOpenError } from '../../electron/core/store/open'
import { Vault } from '../../electron/core/vault'
import { repositoryRoot, testCoreContext, testHost } from '../fixtures/core-context'
import { auditRows, rewriteChain, tamperWith } from '../fixtures/audit-tamper'
import { asVersion1 } from '../fixtures/legacy-keyring'
import { admin, createTestStore, dispatch } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const nurse = { username: 'sam.okafor', displayName: 'Sam Okafor', roles: ['clinician'], passphrase: 'quay lights over grey water' }
const colleague = { username: 'pat.jones', displayName: 'Pat Jones', roles: ['clinician'], passphrase: 'copper kettle on a slow boil' }

/** A store with an administrator and two clinicians; the ring as it was before anyone was disabled. */
async function team() {
  const store = await createTestStore(tempFolder())
  const ids: Record<string, string> = {}
  for (const person of [nurse, colleague]) {
    const added = await store.call('users:add', { ...person, confirmPassphrase: person.passphrase })
    if (!added.ok) throw new Error(added.error.message)
    ids[person.username] = (added.value as { id: string }).id
  }
  const files = storeFiles(store.folder)
  return { ...store, files, ids, ringBefore: readFileSync(files.keyring, 'utf8') }
}

/** What an old ring copy and a passphrase give: the DEK that ring holds, opening the live store or not. */
async function opensLiveStore(
  ringText: string,
  folder: string,
  slot: (ring: Keyring) => ReturnType<typeof userSlot>,
  secret: string
): Promise<boolean> {
  const ring = JSON.parse(ringText) as Keyring
  const found = slot(ring)
  if (!found) throw new Error('no such slot in that ring')
  const dek = await openSlot(ring, found, secret)
  if (!dek) throw new Error('the secret does not open its slot')
  try {
    openEncrypted(storeFiles(folder).database, dek, { readonly: true }).close()
    return true
  } catch (error) {
    if (error instanceof StoreOpenError) return false
    throw error
  } finally {
    dek.fill(0)
  }
}

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => /rotating|before-rotation|key-holder/.test(name))
}

describe('rotating the store key', () => {
  it('after a user is disabled, their old key-ring copy no longer opens the store; everyone else and the recovery code still do', async () => {
    const { folder, host, call, files, ids, ringBefore, recoveryCode } = await team()
    expect(await call('users:disable', { userId: ids[nurse.username] })).toMatchObject({ ok: true })
    // The problem: the disabled user's slot is gone from the live ring, but an old copy still works.
    expect(await opensLiveStore(ringBefore, folder, (ring) => userSlot(ring, nurse.username), nurse.passphrase)).toBe(true)
    const countsBefore = rowCounts(host.vault.sqlite)

    const progress: ProgressUpdate[] = []
    host.core.progress = (update) => progress.push(update)
    const rotated = await call('keys:rotate', {})
    expect(rotated).toEqual({ ok: true, value: { slots: 3, newRecoveryCode: null } })
    expect(progress.map((update) => update.phase)).toEqual(['checking', 'copying', 'verifying', 'sealing', 'swapping', 'finishing', 'done'])
    expect(progress.every((update) => update.task === 'key-rotation' && update.total === 6)).toBe(true)

    expect(await opensLiveStore(ringBefore, folder, (ring) => userSlot(ring, nurse.username), nurse.passphrase)).toBe(false)
    expect(await opensLiveStore(ringBefore, folder, (ring) => userSlot(ring, admin.username), admin.passphrase)).toBe(false)
    const ringAfter = readFileSync(files.keyring, 'utf8')
    expect(await opensLiveStore(ringAfter, folder, recoverySlot, recoveryCode)).toBe(true)
    expect(leftovers(folder)).toEqual([])

    // The session carries on under the new key, with every record, and the rotation is audited.
    const countsAfter = rowCounts(host.vault.sqlite)
    expect({ ...countsAfter, audit_log: 0 }).toEqual({ ...countsBefore, audit_log: 0 })
    expect(host.vault.sqlite.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'store.key-rotated'").all()).toEqual([
      { actor_id: host.vault.session?.id, detail: 'slots=3' }
    ])
    host.vault.lock('manual')
    for (const person of [admin, colleague]) {
      const fresh = testHost(folder)
      expect(
        await dispatch('session:unlock', { username: person.username, passphrase: person.passphrase }, fresh),
        person.username
      ).toMatchObject({ ok: true })
      fresh.vault.lock('manual')
    }
    const recovered = await dispatch(
      'session:recover',
      {
        recoveryCode,
        username: colleague.username,
        passphrase: 'a fresh start after recovery',
        confirmPassphrase: 'a fresh start after recovery'
      },
      testHost(folder)
    )
    expect(recovered).toMatchObject({ ok: true })
    expect(await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, testHost(folder))).toMatchObject({
      ok: false
    })
    // The audit trail still verifies: the recovered user's new key is vouched for by the recovery key.
    await expect(verifyAsAdmin(folder)).resolves.toMatchObject({ signatures: { signed: expect.any(Number) } })
  })

  it('is for administrators only', async () => {
    const { folder, host } = await team()
    host.vault.lock('manual')
    const clinician = testHost(folder)
    await dispatch('session:unlock', { username: colleague.username, passphrase: colleague.passphrase }, clinician)
    const next = 'a clinician chooses their own words'
    await dispatch('session:changePassphrase', { current: colleague.passphrase, next, confirmNext: next }, clinician)
    expect(await dispatch('keys:rotate', {}, clinician)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it.each(['checking', 'copying', 'verifying', 'sealing', 'swapping', 'finishing'])(
    'a failure at "%s" leaves the original store, key ring and session exactly as they were',
    async (phase) => {
      const { folder, host, call, files, ringBefore, recoveryCode } = await team()
      const databaseKey = await new Vault(host.core).unwrapFor(admin.username, admin.passphrase)
      host.core.progress = (update) => {
        if (update.phase === phase) throw new Error('simulated failure')
      }
      expect(await call('keys:rotate', {})).toMatchObject({ ok: false })
      host.core.progress = undefined
      expect(readFileSync(files.keyring, 'utf8')).toBe(ringBefore)
      expect(leftovers(folder)).toEqual([])
      expect(await call('users:list', {})).toMatchObject({ ok: true })
      expect(() => openEncrypted(files.database, databaseKey.dek, { readonly: true }).close()).not.toThrow()
      expect(await opensLiveStore(ringBefore, folder, recoverySlot, recoveryCode)).toBe(true)
      host.vault.lock('manual')
      expect(await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, testHost(folder))).toMatchObject({
        ok: true
      })
    }
  )

  it.each([
    ['sealing', 'before the ring changed'],
    ['swapping', 'with the ring holding both keys and the old file in place'],
    ['finishing', 'with the new file in place and the old one aside']
  ])('a crash at "%s" (%s) leaves a store that opens, and the next sign-in tidies up', async (phase) => {
    const { folder, host, files, ringBefore } = await team()
    const counts = rowCounts(host.vault.sqlite)
    host.vault.lock('manual')
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve(repositoryRoot, 'tests/fixtures/rotation-crasher.ts'), folder, phase, admin.username],
      {
        cwd: repositoryRoot,
        input: `${admin.passphrase}\n`,
        encoding: 'utf8'
      }
    )
    expect(child.signal, child.stderr).toBe('SIGKILL')
    for (const person of [admin, nurse, colleague]) {
      const vault = new Vault(testCoreContext(folder))
      await vault.unlock(person.username, person.passphrase)
      expect({ ...rowCounts(vault.sqlite), audit_log: 0 }).toEqual({ ...counts, audit_log: 0 })
      vault.lock('manual')
    }
    const ring = readKeyring(files.keyring)
    expect(ring.slots.some((slot) => slot.previousSeal)).toBe(false)
    expect(leftovers(folder)).toEqual([])
    // The old ring opens the store only if the crash came before the new file was in place.
    expect(await opensLiveStore(ringBefore, folder, (r) => userSlot(r, admin.username), admin.passphrase)).toBe(phase !== 'finishing')
  })
})

describe('key slots from before version 2', () => {
  it('become version 2 at their owner next unlock; rotation waits for them, then issues a new recovery code', async () => {
    const { folder, host, files, recoveryCode } = await team()
    host.vault.lock('manual')
    const ring = readKeyring(files.keyring)
    const secrets = new Map(
      ring.slots.map((slot) => [
        slot.id,
        slot.kind === 'recovery'
          ? recoveryCode
          : ([admin, nurse, colleague].find((person) => person.username === slot.username)?.passphrase ?? '')
      ])
    )
    const { auditHead: _head, ...legacy } = await asVersion1(ring, secrets)
    void _head
    writeFileSync(files.keyring, JSON.stringify(legacy))
    // And its audit log as before signing: no signatures, no keys given out.
    await tamperWith(folder, admin, (db) =>
      rewriteChain(
        db,
        auditRows(db)
          .filter((row) => row.action !== 'signing-key.registered')
          .map((row) => ({ ...row, signer_id: null, signature: null }))
      )
    )

    const lead = testHost(folder)
    expect(await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, lead)).toMatchObject({ ok: true })
    const upgraded = readKeyring(files.keyring)
    expect(upgraded.version).toBe(2)
    expect(upgraded.mac).toBeDefined()
    expect(isSealed(userSlot(upgraded, admin.username) ?? ({} as never))).toBe(true)
    expect(isSealed(userSlot(upgraded, nurse.username) ?? ({} as never))).toBe(false)

    const refused = await dispatch('keys:rotate', {}, lead)
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(refused.ok ? '' : refused.error.message).toContain(`${nurse.username}, ${colleague.username}`)
    lead.vault.lock('manual')

    for (const person of [nurse, colleague]) {
      const signIn = testHost(folder)
      expect(await dispatch('session:unlock', { username: person.username, passphrase: person.passphrase }, signIn)).toMatchObject({
        ok: true
      })
      signIn.vault.lock('manual')
    }
    await dispatch('session:unlock', { username: admin.username, passphrase: admin.passphrase }, lead)
    const rotated = await dispatch('keys:rotate', {}, lead)
    expect(rotated).toMatchObject({
      ok: true,
      value: { slots: 4, newRecoveryCode: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/) }
    })
    const newCode = rotated.ok ? (rotated.value as { newRecoveryCode: string }).newRecoveryCode : ''
    const after = readFileSync(files.keyring, 'utf8')
    expect(await opensLiveStore(after, folder, recoverySlot, newCode)).toBe(true)
    expect(JSON.parse(after).slots.filter((slot: { kind: string }) => slot.kind === 'recovery')).toHaveLength(1)
    await expect(
      openSlot(JSON.parse(after) as Keyring, recoverySlot(JSON.parse(after) as Keyring) ?? ({} as never), recoveryCode)
    ).resolves.toBeNull()
    lead.vault.lock('manual')
    // The new recovery key (vouched for by the administrator) can vouch for a recovered user's key.
    const fresh = 'a new start for pat after all'
    expect(
      await dispatch(
        'session:recover',
        { recoveryCode: newCode, username: colleague.username, passphrase: fresh, confirmPassphrase: fresh },
        testHost(folder)
      )
    ).toMatchObject({ ok: true })
    await expect(verifyAsAdmin(folder)).resolves.toBeTruthy()
  })

  it('a key ring whose public keys were changed without the store key is refused before anything is sealed to them', async () => {
    const { host, call, files } = await team()
    const ring = readKeyring(files.keyring)
    const victim = ring.slots.find((slot) => slot.username === colleague.username)
    const attacker = ring.slots.find((slot) => slot.username === nurse.username)
    if (!victim || !attacker) throw new Error('expected both slots')
    writeFileSync(
      files.keyring,
      JSON.stringify({ ...ring, slots: ring.slots.map((slot) => (slot === victim ? { ...slot, boxKey: attacker.boxKey } : slot)) })
    )
    const before = readFileSync(files.database)
    const refused = await call('keys:rotate', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('changed outside Harbour') } })
    expect(readFileSync(files.database).equals(before)).toBe(true)
    expect(existsSync(join(files.database, '..', 'harbour.db.rotating'))).toBe(false)
    void host
  })
})

describe('a disabled user', () => {
  it("is signed out at once: their open session's next call finds Harbour locked", async () => {
    const { folder, host, ids } = await team()
    host.vault.lock('manual')
    const theirs = testHost(folder)
    expect(await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, theirs)).toMatchObject({ ok: true })
    // Disabled elsewhere (another window or process sharing the store) while their session is open.
    theirs.vault.sqlite.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").run(ids[nurse.username])
    expect(
      await dispatch(
        'session:changePassphrase',
        { current: nurse.passphrase, next: 'something else entirely here', confirmNext: 'something else entirely here' },
        theirs
      )
    ).toMatchObject({
      ok: false,
      error: { code: 'locked' }
    })
    expect(theirs.vault.status()).toMatchObject({ state: 'locked', lockReason: 'disabled' })
    expect(await dispatch('session:status', {}, theirs)).toMatchObject({ ok: true, value: { state: 'locked' } })
  })
})

async function verifyAsAdmin(folder: string) {
  const core = testCoreContext(folder)
  const vault = new Vault(core)
  await vault.unlock(admin.username, admin.passphrase)
  try {
    return verifyStore(vault, core)
  } finally {
    vault.lock('manual')
  }
}
