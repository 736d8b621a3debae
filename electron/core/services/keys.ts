import type { KeyRotationResult } from '../../../shared/contract/keys'
import type { KeyedCallContext } from '../context'
import { keyRegistration, recoverySigner } from '../store/audit-signing'
import { readKeyring, recoverySlot } from '../store/keyring'

/**
 * Rotates the store key (administrators), typically straight after disabling a user: their
 * slot is already gone, and after this no old key-ring copy opens the store either.
 */
export async function rotateStoreKey(call: KeyedCallContext): Promise<KeyRotationResult> {
  const { keys, user } = call
  const outcome = await keys.rotateKey()
  // The database is read afresh after the rotation: the session carries on under the new key.
  await call.audit({
    actorId: user.id,
    action: 'store.key-rotated',
    entityType: 'store',
    detail: `slots=${outcome.slots}${outcome.newRecoveryCode ? ',recovery-code-reissued' : ''}`
  })
  if (outcome.newRecoveryCode) {
    // The new recovery slot's signing key, vouched for by this administrator (see audit-signatures.ts).
    const recoveryKey = recoverySlot(readKeyring(keys.files.keyring))?.signingKey ?? ''
    await call.audit(keyRegistration(user.id, recoverySigner, `ed25519:${recoveryKey}`))
  }
  return { slots: outcome.slots, newRecoveryCode: outcome.newRecoveryCode }
}
