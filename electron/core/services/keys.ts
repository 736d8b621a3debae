import type { KeyRotationResult } from '../../../shared/contract/keys'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { keyRegistration, recoverySigner } from '../store/audit-signing'
import { readKeyring, recoverySlot } from '../store/keyring'

/**
 * Rotates the store key (administrators), typically straight after disabling a user: their
 * slot is already gone, and after this no old key-ring copy opens the store either.
 */
export async function rotateStoreKey(call: CallContext): Promise<KeyRotationResult> {
  const { vault, core, session } = call
  if (!session) throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
  const outcome = await vault.rotateKey()
  await appendAudit(
    vault.db,
    { actorId: session.id, action: 'store.key-rotated', entityType: 'store', detail: `slots=${outcome.slots}${outcome.newRecoveryCode ? ',recovery-code-reissued' : ''}` },
    core.clock()
  )
  if (outcome.newRecoveryCode) {
    // The new recovery slot's signing key, vouched for by this administrator (see audit-signatures.ts).
    const recoveryKey = recoverySlot(readKeyring(vault.files.keyring))?.signingKey ?? ''
    await appendAudit(vault.db, keyRegistration(session.id, recoverySigner, `ed25519:${recoveryKey}`), core.clock())
  }
  return { slots: outcome.slots, newRecoveryCode: outcome.newRecoveryCode }
}
