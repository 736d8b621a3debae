import type { SessionUser } from '../../../shared/contract/session'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import { wrongCredentials } from '../messages'
import { appendAudit } from '../store/audit'
import { recoverySigner } from '../store/audit-signing'
import { queryBuilder, type StoreDatabase } from '../store/database'
import { purgeStaleDrafts } from '../store/drafts'
import { createSlot, forgetSecrets, macHolds, newSlotSecrets, recoverySlot, withoutUserSlots, type SlotSecrets } from '../store/keyring'
import type { SqliteDatabase } from '../store/open'
import type { StoreParts } from '../store/parts'
import type { UsersTable } from '../store/schema'
import { attachSessionSigner, toSessionUser } from '../store/session'
import { invalidSettingKeys } from '../store/settings'
import {
  clearPendingAudit,
  failuresSinceLastSignIn,
  failureSummary,
  readAttempts,
  recordFailure,
  recordSuccess,
  unauditedFailures
} from '../store/unlock-attempts'
import { registerKeyOnce, registerOwnKey } from './signing-keys'

/** Signs in: one attempt at a time, holding the store's lock for the whole session, so no other process can change it meanwhile. */
export function signIn(store: StoreParts, core: CoreContext, username: string, passphrase: string): Promise<SessionUser> {
  return store.attempts.oneAtATime(async () => {
    if (store.session.isOpen) store.session.lock('manual')
    store.session.holdStore()
    try {
      return await openSession(store, core, username, passphrase)
    } catch (error) {
      store.session.releaseStore()
      throw error
    }
  })
}

function openWithSlotOrForget(
  database: StoreDatabase,
  opened: Parameters<StoreDatabase['openWithSlot']>[0]
): { sqlite: SqliteDatabase; dek: Buffer } {
  try {
    return database.openWithSlot(opened)
  } catch (error) {
    opened.dek.fill(0)
    opened.previousDek?.fill(0)
    forgetSecrets(opened.secrets)
    throw error
  }
}

async function openSession(store: StoreParts, core: CoreContext, username: string, passphrase: string): Promise<SessionUser> {
  const attemptsFile = store.files.unlockAttempts
  const { opened, userId } = await store.attempts.openUserSlot(username, passphrase)
  const { sqlite, dek } = openWithSlotOrForget(store.database, opened)
  const db = queryBuilder(sqlite)
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
  const now = core.clock()
  if (!row || row.status !== 'active') {
    await db.destroy()
    dek.fill(0)
    forgetSecrets(opened.secrets)
    recordFailure(attemptsFile, userId, now)
    throw new CoreError('unauthenticated', wrongCredentials)
  }
  const secrets = opened.secrets ?? (await upgradeSlot(store, row, passphrase, dek, now))
  attachSessionSigner(sqlite, userId, secrets)
  // One summary per user of the failures since the last sign-in: however many there were,
  // signing in writes a handful of rows, not one per guess.
  const pending = unauditedFailures(attemptsFile)
  const ring = store.keyRing.read()
  // The recovery key is vouched for only from a ring that a holder of the store key wrote.
  const recoveryKey = macHolds(ring, dek) ? recoverySlot(ring)?.signingKey : undefined
  await db.transaction().execute(async (trx) => {
    await registerOwnKey(trx, userId, secrets, now)
    if (recoveryKey) await registerKeyOnce(trx, userId, recoverySigner, `ed25519:${recoveryKey}`, now)
    for (const failures of pending) {
      const at = new Date(failures.recent.at(-1) ?? failures.firstAt)
      await appendAudit(
        trx,
        {
          actorId: null,
          action: 'session.unlock-failed',
          entityType: failures.userId ? 'user' : null,
          entityId: failures.userId,
          detail: failureSummary(failures)
        },
        at
      )
    }
    // A stored setting that does not fit is not used (its default is); say so, by key only.
    for (const key of invalidSettingKeys(sqlite))
      await appendAudit(trx, { actorId: null, action: 'settings.invalid', entityType: 'settings', detail: key }, now)
    await purgeStaleDrafts(trx, now)
    await appendAudit(trx, { actorId: userId, action: 'session.unlocked', entityType: 'user', entityId: userId }, now)
  })
  clearPendingAudit(attemptsFile)
  // Read before the success clears them: the owner is told, once signed in, of the failures since their last sign-in.
  const failedSignIns = failuresSinceLastSignIn(readAttempts(attemptsFile), userId)
  recordSuccess(attemptsFile, userId)
  store.session.begin({ dek, secrets, sqlite, db, user: toSessionUser(row), failedSignIns })
  return { ...toSessionUser(row) }
}

/**
 * A version 1 slot (made before slots had their own keys) becomes version 2 at its owner's
 * next unlock, the only time its passphrase is at hand. The ring gains its MAC then too.
 */
async function upgradeSlot(store: StoreParts, row: UsersTable, passphrase: string, dek: Buffer, now: Date): Promise<SlotSecrets> {
  const secrets = newSlotSecrets()
  const rest = withoutUserSlots(store.keyRing.read(), row.id)
  rest.slots.push(
    await createSlot(rest, dek, passphrase, { kind: 'user', userId: row.id, username: row.username }, await store.kdf(), now, secrets)
  )
  store.keyRing.write(rest, dek)
  return secrets
}
