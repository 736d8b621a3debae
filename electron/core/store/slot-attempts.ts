import { randomBytes } from 'node:crypto'
import { CoreError } from '../errors'
import { refusedSlotMessage, tooManyAttempts, wrongCredentials } from '../messages'
import { deriveKey, minimumKdf } from './kdf'
import {
  forgetSecrets,
  recoverySlot,
  slotDefect,
  SlotRefusedError,
  unlockSlot,
  userSlot,
  type Keyring,
  type KeyRingFile,
  type KeySlot,
  type OpenedSlot
} from './keyring'
import { counterKey, readAttempts, recordFailure, secondsUntilAllowed } from './unlock-attempts'

/** The counter a recovery code's failed attempts are kept under. */
export const recoveryCounter = '(recovery)'

/**
 * Opening key slots with a passphrase or recovery code: one attempt at a time, with back-off
 * after repeated failures (counted in the store's unlock-attempts file).
 */
export class SlotAttempts {
  /** The tail of the queue of attempts (see oneAtATime). */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly keyRing: KeyRingFile,
    private readonly attemptsFile: string,
    private readonly clock: () => Date
  ) {}

  /**
   * Runs passphrase attempts one at a time. Each attempt reads the back-off, derives a key and
   * records the outcome; run side by side, forty attempts all passed the check before the first
   * failure was counted. In a queue, every attempt sees the failures before it.
   */
  oneAtATime<T>(attempt: () => Promise<T>): Promise<T> {
    const result = this.queue.then(attempt)
    this.queue = result.catch(() => undefined)
    return result
  }

  /**
   * Opens the key slot for a username, with back-off: in the store's own key ring, or in
   * another one given (a backup's ring copy, when restoring). Not queued: callers queue.
   */
  async openUserSlot(
    username: string,
    passphrase: string,
    ring?: Keyring
  ): Promise<{ opened: OpenedSlot; userId: string; keyring: Keyring }> {
    const keyring = ring ?? this.keyRing.read()
    const slot = userSlot(keyring, username)
    const now = this.clock()
    const wait = secondsUntilAllowed(readAttempts(this.attemptsFile), counterKey(slot?.userId ?? null), now)
    if (wait > 0) throw tooManyAttempts(wait)
    // An unknown username costs the same key derivation as a known one, so timing tells nothing.
    const opened = slot
      ? await unlockSlotOrExplain(keyring, slot, passphrase)
      : (await deriveKey(passphrase, randomBytes(16), keyring.slots.find((s) => !slotDefect(s))?.kdf ?? minimumKdf)).fill(0) && null
    if (!opened || !slot?.userId) {
      recordFailure(this.attemptsFile, slot?.userId ?? null, now)
      throw new CoreError('unauthenticated', wrongCredentials)
    }
    return { opened, userId: slot.userId, keyring }
  }

  /** The store key from a user's slot (queued, with back-off); the slot's own keys are dropped. */
  unwrapFor(username: string, passphrase: string, ring?: Keyring): Promise<{ dek: Buffer; userId: string }> {
    return this.oneAtATime(async () => {
      const { opened, userId } = await this.openUserSlot(username, passphrase, ring)
      opened.previousDek?.fill(0)
      forgetSecrets(opened.secrets)
      return { dek: opened.dek, userId }
    })
  }

  /** Opens the recovery slot with a (normalised) recovery code, with back-off; null if it does not open. */
  async openRecoverySlot(code: string): Promise<{ opened: OpenedSlot; keyring: Keyring } | null> {
    const keyring = this.keyRing.read()
    const slot = recoverySlot(keyring)
    const now = this.clock()
    const wait = secondsUntilAllowed(readAttempts(this.attemptsFile), counterKey(recoveryCounter), now)
    if (wait > 0) throw tooManyAttempts(wait)
    const opened = slot ? await unlockSlotOrExplain(keyring, slot, code) : null
    if (!opened) {
      recordFailure(this.attemptsFile, recoveryCounter, now)
      return null
    }
    return { opened, keyring }
  }
}

/** Opens a slot, turning a slot Harbour will not try into a message for the person signing in. */
async function unlockSlotOrExplain(keyring: Keyring, slot: KeySlot, secret: string): Promise<OpenedSlot | null> {
  try {
    return await unlockSlot(keyring, slot, secret)
  } catch (error) {
    if (error instanceof SlotRefusedError) throw new CoreError('unavailable', refusedSlotMessage(error.slotKind))
    throw error
  }
}
