import { CoreError } from './errors'

/**
 * What the store's parts tell a person, in one place: the store itself deals in states and
 * problems, and these are the words for them.
 */
export const lockedMessage = 'Harbour is locked. Unlock it to carry on.'

/** The refusal for anything that needs the store open while it is locked. */
export function lockedError(): CoreError {
  return new CoreError('locked', lockedMessage)
}

export const wrongCredentials = 'The username or passphrase is not right.'
export const wrongRecovery = 'The recovery code or username is not right.'
export const alreadySetUp = 'Harbour has already been set up on this computer.'

/** The back-off's refusal: the wait in words, and in seconds for the window's countdown. */
export function tooManyAttempts(wait: number): CoreError {
  return new CoreError('rate-limited', `Too many attempts. Wait ${wait} second${wait === 1 ? '' : 's'}, then try again.`, undefined, {
    retryAfterSeconds: wait
  })
}

export function keyringProblemMessage(kind: 'missing' | 'damaged'): string {
  return kind === 'missing'
    ? 'The key file for this store is missing. Restore it from a backup, or ask your Harbour administrator.'
    : 'The key file for this store is damaged. Restore it from a backup, or ask your Harbour administrator.'
}

/** A key slot Harbour would not try (its settings were altered), for the person signing in. */
export function refusedSlotMessage(slotKind: 'user' | 'recovery'): string {
  return slotKind === 'recovery'
    ? 'The recovery key in the store’s key file has settings Harbour does not accept, so it was not tried. The key file may have been altered: restore it from a backup, or ask your Harbour administrator.'
    : 'Your key in the store’s key file has settings Harbour does not accept, so it was not tried. The key file may have been altered: ask your Harbour administrator to reset your passphrase.'
}

export function openProblemMessage(problem: string): string {
  switch (problem) {
    case 'newer-version':
      return 'This store was saved by a newer version of Harbour. Use that version; nothing has been changed.'
    case 'missing':
      return 'The store file is missing from the data folder. Restore it from a backup.'
    case 'locked-by-another':
      return 'Another copy of Harbour is using this store. Close it, then try again.'
    default:
      return 'The store file is damaged or does not match its key file. It has been kept as it is. Restore it from a backup.'
  }
}
