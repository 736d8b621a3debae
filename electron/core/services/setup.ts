import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import type { SessionUser } from '../../../shared/contract/session'
import { defaultStoreSettings } from '../../../shared/contract/settings'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import { alreadySetUp } from '../messages'
import { appendAudit } from '../store/audit'
import { queryBuilder } from '../store/database'
import { createSlot, forgetSecrets, newKeyring, newSlotSecrets } from '../store/keyring'
import { storeStatus, type StoreParts } from '../store/parts'
import { newRecoveryCode } from '../store/recovery-code'
import type { UsersTable } from '../store/schema'
import { attachSessionSigner, toSessionUser } from '../store/session'
import { writeSetting } from '../store/settings'
import { checkNewPassphrase } from './passphrase-policy'

export interface SetupInput {
  username: string
  displayName: string
  passphrase: string
  confirmPassphrase?: string
}

/** First run: creates the store, its key and the first administrator, and signs them in. */
export async function setUpStore(
  store: StoreParts,
  core: CoreContext,
  input: SetupInput
): Promise<{ recoveryCode: string; user: SessionUser }> {
  if (storeStatus(store).state !== 'no-store') throw new CoreError('conflict', alreadySetUp)
  checkNewPassphrase(core, input.passphrase, input.confirmPassphrase, input.username)
  mkdirSync(core.dataFolder, { recursive: true, mode: 0o700 })
  store.session.holdStore()
  try {
    // Another process may have set it up while this one waited for the lock.
    if (storeStatus(store).state !== 'no-store') throw new CoreError('conflict', alreadySetUp)
    return await createStore(store, core, input)
  } catch (error) {
    store.session.releaseStore()
    throw error
  }
}

async function createStore(store: StoreParts, core: CoreContext, input: SetupInput): Promise<{ recoveryCode: string; user: SessionUser }> {
  const now = core.clock()
  const dek = randomBytes(32)
  const userId = randomUUID()
  const recoveryCode = newRecoveryCode()
  const kdf = await store.kdf()
  const keyring = newKeyring()
  const secrets = newSlotSecrets()
  keyring.slots.push(
    await createSlot(keyring, dek, input.passphrase, { kind: 'user', userId, username: input.username }, kdf, now, secrets)
  )
  keyring.slots.push(await createSlot(keyring, dek, recoveryCode, { kind: 'recovery' }, kdf, now))

  const sqlite = store.database.create(dek)
  try {
    const row: UsersTable = {
      id: userId,
      username: input.username,
      display_name: input.displayName,
      roles: JSON.stringify(['admin', 'clinician']),
      status: 'active',
      must_change_passphrase: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString()
    }
    const db = queryBuilder(sqlite)
    // Entries are signed from the start; the key registrations and the marker where signing
    // is enforced come with the first sign-in (see registerOwnKey).
    attachSessionSigner(sqlite, userId, secrets)
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(row).execute()
      await writeSetting(trx, 'idleLockMinutes', defaultStoreSettings.idleLockMinutes)
      await appendAudit(trx, { actorId: userId, action: 'store.created', entityType: 'store', entityId: keyring.storeId }, now)
      await appendAudit(trx, { actorId: userId, action: 'user.created', entityType: 'user', entityId: userId, detail: 'roles' }, now)
      await appendAudit(trx, { actorId: userId, action: 'recovery-code.issued', entityType: 'store', entityId: keyring.storeId }, now)
      await appendAudit(trx, { actorId: userId, action: 'session.unlocked', entityType: 'user', entityId: userId }, now)
    })
    // The key ring is written last: until it exists the half-made store is not a store.
    store.keyRing.write(keyring, dek)
    const user = toSessionUser(row)
    store.session.begin({ dek, secrets, sqlite, db, user })
    return { recoveryCode, user: { ...user } }
  } catch (error) {
    sqlite.close()
    dek.fill(0)
    forgetSecrets(secrets)
    throw error
  }
}
