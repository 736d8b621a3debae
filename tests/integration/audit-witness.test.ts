import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { keyringBesideBackup, restoreFrom } from '../../electron/core/services/backup'
import { storeFiles } from '../../electron/core/store/files'
import { readKeyring, writeKeyring } from '../../electron/core/store/keyring'
import { auditRows, rewriteChain, signingKeyOf, tamperWith, verifyAsAdmin } from '../fixtures/audit-tamper'
import { admin, createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
type Db = Parameters<typeof rewriteChain>[0]
type Signer = Awaited<ReturnType<typeof signingKeyOf>>

/** A store with some history, closed (so its key ring holds a head), and a backup of it. */
async function closedStore() {
  const store = await createTestStore(tempFolder())
  const backup = join(tempFolder(), 'monday.hbk')
  store.host.core.dialogs = { chooseBackupDestination: async () => backup, chooseBackupToRestore: async () => null }
  for (const idleLockMinutes of [6, 7]) await store.call('settings:set', { idleLockMinutes })
  const made = await store.call('backup:create', {})
  if (!made.ok) throw new Error(made.error.message)
  for (const idleLockMinutes of [8, 9, 10]) await store.call('settings:set', { idleLockMinutes })
  store.host.vault.lock('manual')
  return { ...store, backup }
}

describe('audit witnesses', () => {
  it('a closing session writes the head into the key ring; a backup writes its own head beside it', async () => {
    const { folder, backup } = await closedStore()
    const ring = readKeyring(storeFiles(folder).keyring)
    const head = await tamperWithNothing(folder)
    expect(ring.auditHead).toMatchObject({ entries: head.entries, hash: head.hash })
    const besideBackup = readKeyring(keyringBesideBackup(backup)).auditHead
    expect(besideBackup?.entries).toBeLessThan(head.entries)
    expect(besideBackup?.hash).toBe(auditHashAt(head.rows, besideBackup?.entries ?? 0))
  })

  it('verify passes an untouched store, against its backup too, and reports the head', async () => {
    const { folder, backup } = await closedStore()
    const report = await verifyAsAdmin(folder, { against: backup })
    expect(report.ringHead).not.toBeNull()
    expect(report.against).toMatchObject({ from: 'backup' })
    expect(report.head.entries).toBe(report.entries)
    // A noted head keeps working as history grows.
    await expect(verifyAsAdmin(folder, { notedHead: report.head })).resolves.toBeTruthy()
  })

  it.each([
    [
      'entries cut from the end',
      (db: Db) => db.exec('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)'),
      /recorded in the key ring/
    ],
    [
      'all but the first entry deleted',
      (db: Db) => db.exec('DELETE FROM audit_log WHERE seq > 1'),
      /fewer than the \d+ recorded in the key ring/
    ],
    [
      'an entry edited and the chain recomputed and re-signed by its author',
      (db: Db, me: Signer) =>
        rewriteChain(
          db,
          auditRows(db).map((row) => (row.seq === 3 ? { ...row, detail: 'forged' } : row)),
          me
        ),
      /entry \d+ is not the one recorded in the key ring/
    ],
    [
      'a middle entry deleted and the chain recomputed and re-signed by its author',
      (db: Db, me: Signer) =>
        rewriteChain(
          db,
          auditRows(db).filter((row) => row.seq !== 4),
          me
        ),
      /recorded in the key ring/
    ]
  ])('the key ring head catches %s', async (_case, change, message) => {
    const { folder } = await closedStore()
    const me = await signingKeyOf(folder, admin)
    await tamperWith(folder, admin, (db) => change(db, me))
    await expect(verifyAsAdmin(folder)).rejects.toThrow(message)
  })

  it('the key ring head catches the whole store rolled back to an older backup', async () => {
    const { folder, backup } = await closedStore()
    copyFileSync(backup, storeFiles(folder).database)
    await expect(verifyAsAdmin(folder)).rejects.toThrow(/recorded in the key ring/)
  })

  it('a backup catches a cut hidden by putting back an older key ring', async () => {
    const { folder, host, backup, call } = await closedStore()
    const older = join(tempFolder(), 'older-ring.json')
    copyFileSync(storeFiles(folder).keyring, older)
    await host.vault.unlock(admin.username, admin.passphrase)
    for (const idleLockMinutes of [11, 12]) await call('settings:set', { idleLockMinutes })
    const tuesday = join(tempFolder(), 'tuesday.hbk')
    host.core.dialogs = { chooseBackupDestination: async () => tuesday, chooseBackupToRestore: async () => null }
    expect(await call('backup:create', {})).toMatchObject({ ok: true })
    host.vault.lock('manual')
    // Cut everything since the older ring's head and put that ring back: the ring alone agrees.
    const cutTo = readKeyring(older).auditHead?.entries ?? 0
    await tamperWith(folder, admin, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(cutTo))
    copyFileSync(older, storeFiles(folder).keyring)
    await expect(verifyAsAdmin(folder)).resolves.toBeTruthy()
    await expect(verifyAsAdmin(folder, { against: backup })).resolves.toBeTruthy()
    await expect(verifyAsAdmin(folder, { against: tuesday })).rejects.toThrow(/recorded in the backup/)
  })

  it('a backup catches a rewrite hidden by editing the key ring, even when its own key file is edited too', async () => {
    const { folder, backup } = await closedStore()
    const me = await signingKeyOf(folder, admin)
    await tamperWith(folder, admin, (db) =>
      rewriteChain(
        db,
        auditRows(db).map((row) => (row.seq === 2 ? { ...row, detail: 'forged' } : row)),
        me
      )
    )
    const forgedHead = await tamperWithNothing(folder)
    const ring = readKeyring(storeFiles(folder).keyring)
    writeKeyring(storeFiles(folder).keyring, { ...ring, auditHead: { entries: forgedHead.entries, hash: forgedHead.hash } })
    await expect(verifyAsAdmin(folder)).resolves.toBeTruthy()
    await expect(verifyAsAdmin(folder, { against: backup })).rejects.toThrow(/recorded in the backup/)
    const copy = readKeyring(keyringBesideBackup(backup))
    const entries = copy.auditHead?.entries ?? 0
    writeKeyring(keyringBesideBackup(backup), { ...copy, auditHead: { entries, hash: auditHashAt(forgedHead.rows, entries) ?? '' } })
    await expect(verifyAsAdmin(folder, { against: backup })).rejects.toThrow(/different audit head from the backup itself/)
  })

  it('restoring a backup moves the key ring head on, so an honest restore verifies', async () => {
    const { folder, host, backup } = await closedStore()
    await expect(restoreFrom(host.vault, host.core, backup, admin)).resolves.toMatchObject({ auditHead: { entries: expect.any(Number) } })
    await expect(verifyAsAdmin(folder)).resolves.toBeTruthy()
  })
})

/** The current rows and head, read without going through the vault. */
async function tamperWithNothing(folder: string) {
  let rows: ReturnType<typeof auditRows> = []
  await tamperWith(folder, admin, (db) => {
    rows = auditRows(db)
  })
  const last = rows.at(-1)
  return { rows, entries: last?.seq ?? 0, hash: last?.hash ?? '' }
}

function auditHashAt(rows: ReturnType<typeof auditRows>, seq: number): string | undefined {
  return rows.find((row) => row.seq === seq)?.hash
}
