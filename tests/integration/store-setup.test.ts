import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../electron/core/store/audit'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring } from '../../electron/core/store/keyring'
import { plaintextHeader } from '../../electron/core/store/open'
import { testHost } from '../fixtures/core-context'
import { admin, createTestStore, dispatch } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('first-run setup', () => {
  it('creates an encrypted store, a key ring with the admin and recovery slots, and unlocks it', async () => {
    const folder = tempFolder()
    const { host, recoveryCode } = await createTestStore(folder)
    const files = storeFiles(folder)
    expect(readFileSync(files.database).subarray(0, 16).equals(plaintextHeader)).toBe(false)
    expect(recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/)
    const keyring = readKeyring(files.keyring)
    expect(keyring.slots.map((slot) => slot.kind).sort()).toEqual(['recovery', 'user'])
    expect(keyring.slots.every((slot) => slot.kdf.memoryKiB >= 65_536 && slot.kdf.iterations >= 3)).toBe(true)
    expect(JSON.stringify(keyring)).not.toContain(admin.passphrase)
    expect(host.vault.status()).toMatchObject({ state: 'unlocked', user: { username: admin.username, roles: ['admin', 'clinician'] } })
    const actions = (host.vault.sqlite.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map(
      (r) => r.action
    )
    expect(actions).toEqual(['store.created', 'user.created', 'recovery-code.issued', 'session.unlocked'])
    expect(verifyAuditChain(host.vault.sqlite)).toEqual({ ok: true, entries: 4 })
  })

  it('reads the cipher settings back as SQLCipher 4', async () => {
    const { host } = await createTestStore(tempFolder())
    expect(host.vault.sqlite.pragma('cipher', { simple: true })).toBe('sqlcipher')
    expect(String(host.vault.sqlite.pragma('legacy', { simple: true }))).toBe('4')
    expect(host.vault.sqlite.pragma('temp_store', { simple: true })).toBe(2)
    expect(host.vault.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(host.vault.sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(host.vault.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(host.vault.sqlite.pragma('cache_size', { simple: true })).toBe(-65536)
  })

  it('refuses a second setup', async () => {
    const folder = tempFolder()
    await createTestStore(folder)
    const again = await dispatch('session:setup', { ...admin, confirmPassphrase: admin.passphrase }, testHost(folder))
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it.each([
    ['too short', 'fourteen chars', 'Passphrase must be 15 characters or more'],
    ['a common password with spaces', 'p a s s w o r d 1 2 3', 'too common'],
    ['one pattern repeated', 'abcabcabcabcabcabc', 'repeated'],
    ['only context words and digits', 'Police Harbour 2026!!', 'too easy to guess'],
    ['the username', 'lead.nurse lead.nurse 1', 'too easy to guess']
  ])('refuses a passphrase that is %s, creating nothing', async (_case, passphrase, message) => {
    const folder = tempFolder()
    const host = testHost(folder)
    const result = await dispatch('session:setup', { ...admin, passphrase, confirmPassphrase: passphrase }, host)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['passphrase'] } })
    if (!result.ok) expect(result.error.message).toContain(message)
    expect(existsSync(storeFiles(folder).database)).toBe(false)
    expect(existsSync(storeFiles(folder).keyring)).toBe(false)
    expect(JSON.stringify(result)).not.toContain(passphrase)
  })

  it('refuses mismatched confirmation by field name', async () => {
    const result = await dispatch('session:setup', { ...admin, confirmPassphrase: 'something else entirely' }, testHost(tempFolder()))
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['confirmPassphrase'] } })
  })
})
