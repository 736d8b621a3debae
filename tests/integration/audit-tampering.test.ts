import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { restoreFrom } from '../../electron/core/services/backup'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring, writeKeyring } from '../../electron/core/store/keyring'
import type { SqliteDatabase } from '../../electron/core/store/open'
import { generateRawKeyPair } from '../../electron/core/store/slot-keys'
import { appendForged, auditRows, rewriteChain, signingKeyOf, tamperWith, verifyAsAdmin, type AuditRow } from '../fixtures/audit-tamper'
import { testHost } from '../fixtures/core-context'
import { admin, createTestStore, dispatch } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

/**
 * The twelve tamperings of the independent review, each by someone holding the store file
 * and a valid passphrase (here the administrator), working with raw SQL outside Harbour. For
 * each: which witness catches it (the README's table says the same).
 */
const tempFolder = useTempFolders()
const nurse = { username: 'sam.okafor', displayName: 'Sam Okafor', roles: ['clinician'], passphrase: 'quay lights over grey water' }
const nurseNext = 'driftwood compass morning tea'

type Signer = Awaited<ReturnType<typeof signingKeyOf>>
interface Scene {
  db: SqliteDatabase
  rows: AuditRow[]
  me: Signer
  nurseId: string
  /** The administrator's last settings change: after the nurse's last entry, so only theirs follow it. */
  lastOwn: number
}

/** A store with entries by two people, a backup on Monday and one on Tuesday, closed. */
async function history() {
  const store = await createTestStore(tempFolder())
  const added = await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
  if (!added.ok) throw new Error(added.error.message)
  const nurseId = (added.value as { id: string }).id
  store.host.vault.lock('manual')
  const theirs = testHost(store.folder)
  await dispatch('session:unlock', { username: nurse.username, passphrase: nurse.passphrase }, theirs)
  await dispatch('session:changePassphrase', { current: nurse.passphrase, next: nurseNext, confirmNext: nurseNext }, theirs)
  theirs.vault.lock('manual')
  await store.host.vault.unlock(admin.username, admin.passphrase)
  const backups = { monday: join(tempFolder(), 'monday.hbk'), tuesday: join(tempFolder(), 'tuesday.hbk') }
  for (const [day, file] of Object.entries(backups)) {
    store.host.core.dialogs = { chooseBackupDestination: async () => file, chooseBackupToRestore: async () => null }
    expect(await store.call('backup:create', {}), day).toMatchObject({ ok: true })
    for (const idleLockMinutes of [6, 7, 8]) await store.call('settings:set', { idleLockMinutes })
  }
  store.host.vault.lock('manual')
  return { ...store, nurseId, backups }
}

const chain = /Audit chain broken/
const signatures = /Audit entry \d+ does not hold/
const ringHead = /recorded in the key ring/
const backup = /recorded in the backup/

const tamperings: [string, (scene: Scene) => void, RegExp][] = [
  [
    '1. an entry’s detail edited',
    ({ db, lastOwn }) => db.prepare("UPDATE audit_log SET detail = 'forged' WHERE seq = ?").run(lastOwn),
    chain
  ],
  [
    '2. an entry edited and the chain recomputed (and re-signed by its author)',
    ({ db, rows, me, lastOwn }) =>
      rewriteChain(
        db,
        rows.map((row) => (row.seq === lastOwn ? { ...row, detail: 'forged' } : row)),
        me
      ),
    ringHead
  ],
  ['3. a middle entry deleted', ({ db, lastOwn }) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(lastOwn), chain],
  [
    '4. a middle entry deleted and the chain recomputed (and re-signed)',
    ({ db, rows, me, lastOwn }) =>
      rewriteChain(
        db,
        rows.filter((row) => row.seq !== lastOwn),
        me
      ),
    ringHead
  ],
  ['5. the last entries cut', ({ db, rows }) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(rows.length - 4), ringHead],
  ['6. all but the first entry deleted', ({ db }) => db.exec('DELETE FROM audit_log WHERE seq > 1'), ringHead],
  [
    '7. a forged entry appended with a valid hash, in another user’s name',
    ({ db, nurseId }) =>
      appendForged(db, { actor_id: nurseId, action: 'person.viewed', entity_type: 'person', entity_id: 'p-1', detail: null }),
    signatures
  ],
  [
    '8. a forged entry appended in another user’s name, signed with the forger’s own key',
    ({ db, me, nurseId }) =>
      appendForged(db, { actor_id: nurseId, action: 'person.viewed', entity_type: 'person', entity_id: 'p-1', detail: null }, me, nurseId),
    signatures
  ],
  [
    '9. two entries swapped into a different order',
    ({ db, rows, lastOwn }) => {
      const [a, b] = [rows[lastOwn - 2], rows[lastOwn - 1]] as [AuditRow, AuditRow]
      db.prepare('DELETE FROM audit_log WHERE seq IN (?, ?)').run(a.seq, b.seq)
      const insert = db.prepare(
        `INSERT INTO audit_log (${Object.keys(a).join(', ')}) VALUES (${Object.keys(a)
          .map((c) => `@${c}`)
          .join(', ')})`
      )
      insert.run({ ...b, seq: a.seq })
      insert.run({ ...a, seq: b.seq })
    },
    chain
  ],
  [
    '10. an actor changed to another user (chain recomputed and re-signed)',
    ({ db, rows, me, nurseId, lastOwn }) =>
      rewriteChain(
        db,
        rows.map((row) => (row.seq === lastOwn ? { ...row, actor_id: nurseId } : row)),
        me
      ),
    signatures
  ]
]

describe('the twelve tamperings of the review', () => {
  it('an untouched store verifies, against both backups too, with every entry since signing began signed', async () => {
    const { folder, backups } = await history()
    const report = await verifyAsAdmin(folder, { against: backups.tuesday })
    const beganAt = report.signatures.beganAt ?? 0
    expect(beganAt).toBeGreaterThan(1) // at the first sign-in after setup
    expect(report.signatures.signed).toBe(report.entries - beganAt + 1)
    await expect(verifyAsAdmin(folder, { against: backups.monday })).resolves.toBeTruthy()
  })

  it('an honest restore of a backup made after signing began still verifies, signatures and all', async () => {
    const { folder, host, backups } = await history()
    await expect(restoreFrom(host.vault, host.core, backups.monday, admin)).resolves.toBeTruthy()
    await expect(verifyAsAdmin(folder)).resolves.toBeTruthy()
  })

  it.each(tamperings)('%s: caught', async (_name, change, caughtBy) => {
    const { folder, nurseId } = await history()
    const me = await signingKeyOf(folder, admin)
    await tamperWith(folder, admin, (db) => {
      const rows = auditRows(db)
      const lastOwn = Math.max(...rows.filter((row) => row.action === 'settings.changed').map((row) => row.seq)) - 1
      change({ db, rows, me, nurseId, lastOwn })
    })
    await expect(verifyAsAdmin(folder)).rejects.toThrow(caughtBy)
  })

  it('11. the whole store replaced with an older backup (rollback): caught by the key ring head', async () => {
    const { folder, backups } = await history()
    copyFileSync(backups.monday, storeFiles(folder).database)
    await expect(verifyAsAdmin(folder)).rejects.toThrow(ringHead)
  })

  it('12. an older key-ring copy put back to hide a cut: caught against a later backup', async () => {
    const { folder, backups } = await history()
    const files = storeFiles(folder)
    copyFileSync(`${backups.monday}.keyring.json`, files.keyring)
    const olderHead = readKeyring(files.keyring).auditHead?.entries ?? 0
    await tamperWith(folder, admin, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(olderHead))
    await expect(verifyAsAdmin(folder)).resolves.toBeTruthy()
    await expect(verifyAsAdmin(folder, { against: backups.tuesday })).rejects.toThrow(backup)
  })

  it('a new key slipped in for another user, vouched for only by itself, is refused', async () => {
    const { folder, nurseId } = await history()
    const made = generateRawKeyPair('ed25519')
    const forged = { id: nurseId, key: made.privateKey }
    await tamperWith(folder, admin, (db) => {
      const name = `ed25519:${made.publicKey.toString('base64')}`
      appendForged(
        db,
        { actor_id: nurseId, action: 'signing-key.registered', entity_type: 'signing-key', entity_id: name, detail: `user:${nurseId}` },
        forged
      )
      appendForged(db, { actor_id: nurseId, action: 'person.viewed', entity_type: 'person', entity_id: 'p-1', detail: null }, forged)
    })
    await expect(verifyAsAdmin(folder)).rejects.toThrow(/its signature does not match its signer’s key/)
  })
})

describe('a store from before signing', () => {
  it('accepts its unsigned history up to where signing began, and each user registers their key at their next sign-in', async () => {
    const { folder, nurseId } = await history()
    const files = storeFiles(folder)
    // As the store would be before this version: no signatures, keys or marker, and no witness.
    await tamperWith(folder, admin, (db) => {
      const rows = auditRows(db).filter((row) => row.action !== 'signing-key.registered' && row.action !== 'audit.signing-began')
      rewriteChain(
        db,
        rows.map((row) => ({ ...row, signer_id: null, signature: null }))
      )
    })
    const { auditHead: _head, ...ring } = readKeyring(files.keyring)
    void _head
    writeKeyring(files.keyring, ring)
    const unsigned = await tamperWithCount(folder)

    const report = await verifyAsAdmin(folder)
    expect(report.signatures.beganAt).toBe(unsigned + 2) // after the administrator's sign-in registered their key
    const theirs = testHost(folder)
    expect(await dispatch('session:unlock', { username: nurse.username, passphrase: nurseNext }, theirs)).toMatchObject({ ok: true })
    theirs.vault.lock('manual')
    await expect(verifyAsAdmin(folder)).resolves.toBeTruthy()
    // An unsigned entry after signing began is not accepted.
    await tamperWith(folder, admin, (db) =>
      appendForged(db, { actor_id: nurseId, action: 'person.viewed', entity_type: 'person', entity_id: 'p-1', detail: null })
    )
    await expect(verifyAsAdmin(folder)).rejects.toThrow(/it is not signed/)
  })
})

async function tamperWithCount(folder: string): Promise<number> {
  let count = 0
  await tamperWith(folder, admin, (db) => {
    count = auditRows(db).length
  })
  return count
}
