import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { caseloadStore, nurse } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** A store whose file dialog answers with a small HR export, and a nurse who can also import. */
async function withChosenFile() {
  const folder = tempFolder()
  const store = await caseloadStore(join(folder, 'data'))
  const file = join(folder, 'hr.csv')
  writeFileSync(file, 'Staff number,Surname,Forename\r\nPC1,Lee,Ann\r\n')
  store.host.core.dialogs = {
    chooseBackupDestination: async () => null,
    chooseBackupToRestore: async () => null,
    chooseImportFile: async () => file
  }
  await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
  const chosen = await store.call<{ token: string; fileName: string }>('people-import:choose', {})
  return { ...store, chosen }
}

describe('a file chosen for import', () => {
  it('is checked by the user who chose it', async () => {
    const { call, chosen } = await withChosenFile()
    expect(chosen.fileName).toBe('hr.csv')
    const report = await call<{ rows: number; committed: boolean }>('people-import:run', { token: chosen.token, commit: false })
    expect(report).toMatchObject({ rows: 1, committed: false })
  })

  it('is out of reach after the store locks, even for the same user signing in again', async () => {
    const { host, raw, chosen } = await withChosenFile()
    host.vault.lock('manual')
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(await raw('people-import:run', { token: chosen.token, commit: false })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'Choose the file again: Harbour no longer has it open.' }
    })
  })

  it('is out of reach for the next user at the same computer', async () => {
    const { host, raw, chosen } = await withChosenFile()
    host.vault.lock('manual')
    await host.vault.unlock(nurse.username, nurse.passphrase)
    const next = 'driftwood compass morning tea'
    expect(await raw('session:changePassphrase', { current: nurse.passphrase, next, confirmNext: next })).toMatchObject({ ok: true })
    // The nurse may import files of her own; the administrator's choice is not one of them.
    const result = await raw('people-import:run', { token: chosen.token, commit: false })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})
