import { z } from 'zod'
import { access } from './access'

export const keyRotationResult = z.object({
  /** Key slots the new store key was sealed to (users and the recovery slot). */
  slots: z.number().int(),
  /**
   * A new recovery code, shown once, when the old recovery slot was made before slots had
   * their own keys and so could not be resealed. Null when the existing code still works.
   */
  newRecoveryCode: z.string().nullable()
})

export type KeyRotationResult = z.infer<typeof keyRotationResult>

export const keysChannels = {
  /**
   * Re-encrypts the store under a new random key and reseals it to every remaining key slot,
   * so old key-ring copies (beside backups) no longer open it. Progress arrives as
   * `progress:update` events with task `key-rotation`.
   */
  'keys:rotate': { input: z.object({}).strict(), output: keyRotationResult, access: access.administrators }
} as const
