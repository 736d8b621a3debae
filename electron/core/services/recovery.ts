import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import { wrongRecovery } from '../messages'
import { appendAudit } from '../store/audit'
import { attachAuditSigner, describeSigningKey, keyRegistration, recoverySigner } from '../store/audit-signing'
import { queryBuilder } from '../store/database'
import { createSlot, forgetSecrets, newSlotSecrets, recoverySlot, withoutUserSlots } from '../store/keyring'
import type { StoreParts } from '../store/parts'
import { normaliseRecoveryCode } from '../store/recovery-code'
import { attachSessionSigner } from '../store/session'
import { recoveryCounter } from '../store/slot-attempts'
import { recordSuccess } from '../store/unlock-attempts'
import { checkNewPassphrase } from './passphrase-policy'
import { latestKeyOf } from './signing-keys'

export interface RecoveryInput {
  recoveryCode: string
  username: string
  passphrase: string
  confirmPassphrase?: string
}

/** A forgotten passphrase: the recovery code opens the store and sets a new passphrase. */
export function recoverAccess(store: StoreParts, core: CoreContext, input: RecoveryInput): Promise<void> {
  return store.attempts.oneAtATime(() => store.session.withStoreLock(() => recoverNow(store, core, input)))
}

async function recoverNow(store: StoreParts, core: CoreContext, input: RecoveryInput): Promise<void> {
  const now = core.clock()
  const code = normaliseRecoveryCode(input.recoveryCode)
  const found = await store.attempts.openRecoverySlot(code)
  if (!found) throw new CoreError('unauthenticated', wrongRecovery)
  const { sqlite, dek } = store.database.openWithSlot(found.opened)
  const db = queryBuilder(sqlite)
  const userSecrets = newSlotSecrets()
  let recoverySecrets = found.opened.secrets
  try {
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', input.username)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (!row) throw new CoreError('unauthenticated', wrongRecovery)
    checkNewPassphrase(core, input.passphrase, input.confirmPassphrase, row.username)
    const kdf = await store.kdf()
    // Read again: opening may have settled a rotation that had stopped part-way.
    const rest = withoutUserSlots(store.keyRing.read(), row.id)
    rest.slots.push(
      await createSlot(rest, dek, input.passphrase, { kind: 'user', userId: row.id, username: row.username }, kdf, now, userSecrets)
    )
    // A recovery slot from before version 2 moves to version 2 now that its code is at hand.
    const recovery = recoverySlot(rest)
    if (recovery && !recoverySecrets?.signing) {
      forgetSecrets(recoverySecrets)
      recoverySecrets = newSlotSecrets()
      rest.slots = [
        ...rest.slots.filter((other) => other !== recovery),
        await createSlot(rest, dek, code, { kind: 'recovery' }, kdf, now, recoverySecrets)
      ]
    }
    store.keyRing.write(rest, dek)
    // The recovery key vouches for the user's new signing key; the user signs their own entry.
    if (recoverySecrets?.signing) {
      attachAuditSigner(sqlite, { id: recoverySigner, privateKey: recoverySecrets.signing })
      // A recovery key nobody has vouched for yet (used before anyone signed in) vouches for itself.
      const recoveryKey = describeSigningKey(recoverySecrets.signing)
      if ((await latestKeyOf(db, recoverySigner)) !== recoveryKey)
        await appendAudit(db, keyRegistration(null, recoverySigner, recoveryKey), now)
      await appendAudit(db, keyRegistration(null, row.id, describeSigningKey(userSecrets.signing ?? Buffer.alloc(0))), now)
    }
    attachSessionSigner(sqlite, row.id, userSecrets)
    await appendAudit(db, { actorId: row.id, action: 'user.passphrase-recovered', entityType: 'user', entityId: row.id }, now)
    recordSuccess(store.files.unlockAttempts, recoveryCounter)
  } finally {
    sqlite.close()
    dek.fill(0)
    forgetSecrets(userSecrets)
    forgetSecrets(recoverySecrets)
  }
}
