/**
 * Passphrase rules (DESIGN.md §4, OWASP ASVS 5 §6.2, NIST 800-63B): at least 15 characters,
 * at most 256, no composition rules, paste allowed; refuse the well-known and the guessable.
 * The common-password list itself is bundled with the backend, which applies it too.
 */
export const minimumPassphraseLength = 15
export const maximumPassphraseLength = 256

/** Words that make a passphrase guessable in this setting. */
const contextWords = ['harbour', 'police', 'constabulary', 'occupational', 'health', 'password', 'passphrase', 'welcome', 'force', 'admin', 'qwerty']

/** The simplest form of a passphrase: lower case, letters and digits only. */
export function squash(passphrase: string): string {
  return passphrase.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

function isRepetition(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true
  }
  return false
}

/**
 * The first thing wrong with a passphrase, in words a user can act on, or null if it is fine.
 * `isCommon` checks the bundled common-password list (only the backend has it).
 */
export function passphraseProblem(
  passphrase: string,
  context: { username?: string; isCommon?: (squashed: string) => boolean } = {}
): string | null {
  const length = [...passphrase.normalize('NFC')].length
  if (length < minimumPassphraseLength) return `Passphrase must be ${minimumPassphraseLength} characters or more`
  if (length > maximumPassphraseLength) return `Passphrase must be ${maximumPassphraseLength} characters or fewer`
  const squashed = squash(passphrase)
  if (squashed.length === 0 || isRepetition(squashed)) return 'Passphrase must not be one character or pattern repeated'
  if (context.isCommon?.(squashed)) return 'Passphrase is too common: choose a few unrelated words'
  let rest = squashed.replace(/\d/g, '')
  for (const word of [...contextWords, context.username ? squash(context.username) : '']) {
    if (word) rest = rest.split(word).join('')
  }
  if (rest.length < 8) return 'Passphrase is too easy to guess: avoid your username, numbers and words like "police"'
  return null
}
