/**
 * Passphrase rules (DESIGN.md §4, OWASP ASVS 5 §6.2, NIST 800-63B), exactly as the README
 * states them, one rule for every place a passphrase is chosen (setup, changing one, recovery,
 * adding a user, resetting and re-enabling one): 15 to 256 characters, no composition rules,
 * paste allowed; refused when it is on the common list, one character or pattern repeated,
 * contains "harbour", "police" or the username, or is mostly numbers and guessable words.
 * The common-password list itself is bundled with the backend, which applies it too.
 */
export const minimumPassphraseLength = 15
export const maximumPassphraseLength = 256

/** Words that make a passphrase guessable wherever they appear in it. */
const refusedWords = ['harbour', 'police']
/** Words that do not count towards what is left once the guessable parts are taken out. */
const contextWords = [
  ...refusedWords,
  'constabulary',
  'occupational',
  'health',
  'password',
  'passphrase',
  'welcome',
  'force',
  'admin',
  'qwerty'
]
/** A username this long is refused anywhere in a passphrase; a shorter one would rule out ordinary words. */
const usernameContainedFrom = 4

/** Whose passphrase it is: the user's own, or someone else's that an administrator sets ("their username"). */
export type PassphraseOwner = 'own' | 'theirs'

/** Each guessable rule says which it is, so the person choosing knows what to change. */
const guessable = {
  word: (word: string) => `Passphrase is too easy to guess: it contains "${word}"`,
  username: (owner: PassphraseOwner) => `Passphrase is too easy to guess: it contains ${owner === 'theirs' ? 'their' : 'your'} username`,
  mostly: 'Passphrase is too easy to guess: it is mostly numbers and common words, so add a few unrelated words'
}

/** The simplest form of a passphrase: lower case, letters and digits only. */
export function squash(passphrase: string): string {
  return passphrase
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}

function isRepetition(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true
  }
  return false
}

/**
 * The rules that need nothing but the passphrase (its length, a repeated pattern): the ones the
 * window can apply as it is typed, ahead of the lists only the core holds.
 */
export function basicPassphraseProblem(passphrase: string): string | null {
  const length = [...passphrase.normalize('NFC')].length
  if (length < minimumPassphraseLength) return `Passphrase must be ${minimumPassphraseLength} characters or more`
  if (length > maximumPassphraseLength) return `Passphrase must be ${maximumPassphraseLength} characters or fewer`
  const squashed = squash(passphrase)
  if (squashed.length === 0 || isRepetition(squashed)) return 'Passphrase must not be one character or pattern repeated'
  return null
}

/**
 * The first thing wrong with a passphrase, in words a user can act on, or null if it is fine.
 * `isCommon` checks the bundled common-password list (only the backend has it).
 */
export function passphraseProblem(
  passphrase: string,
  context: { username?: string; isCommon?: (squashed: string) => boolean; owner?: PassphraseOwner } = {}
): string | null {
  const basic = basicPassphraseProblem(passphrase)
  if (basic) return basic
  const squashed = squash(passphrase)
  if (context.isCommon?.(squashed)) return 'Passphrase is too common: choose a few unrelated words'
  const username = context.username ? squash(context.username) : ''
  const word = refusedWords.find((refused) => squashed.includes(refused))
  if (word) return guessable.word(word)
  if (username.length >= usernameContainedFrom && squashed.includes(username)) return guessable.username(context.owner ?? 'own')
  let rest = squashed.replace(/\d/g, '')
  for (const word of [...contextWords, username]) {
    if (word) rest = rest.split(word).join('')
  }
  if (rest.length < 8) return guessable.mostly
  return null
}

export const passphrasesDoNotMatch = 'Passphrases do not match'

/**
 * A new passphrase typed twice: the first problem, at its field. What is wrong with the
 * passphrase itself comes first; that the two do not match, only once it is acceptable
 * (retyping a passphrase that will be refused anyway helps nobody).
 */
export function newPassphraseProblem(input: {
  passphrase: string
  confirmation: string | undefined
  username?: string
  isCommon?: (squashed: string) => boolean
  owner?: PassphraseOwner
}): { field: 'passphrase' | 'confirmation'; message: string } | null {
  const problem = passphraseProblem(input.passphrase, {
    ...(input.username ? { username: input.username } : {}),
    ...(input.isCommon ? { isCommon: input.isCommon } : {}),
    ...(input.owner ? { owner: input.owner } : {})
  })
  if (problem) return { field: 'passphrase', message: problem }
  if (input.confirmation !== undefined && input.confirmation !== input.passphrase)
    return { field: 'confirmation', message: passphrasesDoNotMatch }
  return null
}
