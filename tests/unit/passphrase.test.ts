import { describe, expect, it } from 'vitest'
import { passphraseProblem, squash } from '../../shared/passphrase'

const common = new Set(['password123', 'qwertyuiop', 'passwordpassword'])
const isCommon = (text: string) => common.has(text)

describe('passphrase rules', () => {
  it.each([
    ['correct horse battery staple', null],
    ['tidal estuary lantern quiet pebble', null],
    ['Ünïcödé pässphrase wörks fine', null],
    ['x'.repeat(14), 'Passphrase must be 15 characters or more'],
    ['a'.repeat(257), 'Passphrase must be 256 characters or fewer'],
    ['zzzzzzzzzzzzzzzzzzzz', 'Passphrase must not be one character or pattern repeated'],
    ['abcdabcdabcdabcdabcd', 'Passphrase must not be one character or pattern repeated'],
    ['P a s s w o r d 1 2 3 !', 'Passphrase is too common: choose a few unrelated words'],
    ['QWERTYUIOP!!!!!!!!!!', 'Passphrase is too common: choose a few unrelated words'],
    ['Police Harbour 2026!!', 'Passphrase is too easy to guess: avoid your username, numbers and words like "police"'],
    ['welcome to the force 1234', 'Passphrase is too easy to guess: avoid your username, numbers and words like "police"']
  ])('%j → %s', (passphrase, problem) => {
    expect(passphraseProblem(passphrase, { isCommon })).toBe(problem)
  })

  it('refuses the username dressed up', () => {
    expect(passphraseProblem('j.smith-j.smith-2026', { username: 'j.smith', isCommon })).toMatch(/too easy to guess/)
    expect(passphraseProblem('j.smith walks the long harbour wall', { username: 'j.smith', isCommon })).toBeNull()
  })

  it('counts characters, not bytes, and allows 64+ characters and emoji', () => {
    expect(passphraseProblem('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', { isCommon })).toMatch(/15 characters/)
    expect(passphraseProblem('the grey heron waits by the harbour wall each morning before the tide turns', { isCommon })).toBeNull()
  })

  it('squashes case, spaces and punctuation the same way for the common list', () => {
    expect(squash(' Pass-Word 123! ')).toBe('password123')
  })
})
