import { describe, expect, it } from 'vitest'
import { newPassphraseProblem, passphraseProblem, squash } from '../../shared/passphrase'

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
    ['Police Harbour 2026!!', 'Passphrase is too easy to guess: it contains "harbour"'],
    ['quiet lantern by the police station', 'Passphrase is too easy to guess: it contains "police"'],
    ['welcome to the force 1234', 'Passphrase is too easy to guess: it is mostly numbers and common words, so add a few unrelated words']
  ])('%j → %s', (passphrase, problem) => {
    expect(passphraseProblem(passphrase, { isCommon })).toBe(problem)
  })

  it('refuses the username dressed up', () => {
    expect(passphraseProblem('j.smith-j.smith-2026', { username: 'j.smith', isCommon })).toBe(
      'Passphrase is too easy to guess: it contains your username'
    )
  })

  // The README: guessable ones ("your username", "police", "harbour") are refused. These were accepted.
  it.each([
    ['j.smith walks the long harbour wall', 'j.smith'],
    ['the grey heron waits by the harbour wall each morning before the tide turns', 'a.okafor'],
    ['tidal lantern quiet pebble HARBOUR', 'a.okafor'],
    ['tidal lantern h-a-r-b-o-u-r pebble', 'a.okafor'],
    ['quiet lantern by the police station', 'a.okafor'],
    ['tidal lantern quiet jsmith pebble', 'j.smith']
  ])('refuses %j, which contains "harbour", "police" or the username (%s)', (passphrase, username) => {
    expect(passphraseProblem(passphrase, { username, isCommon })).toMatch(
      /^Passphrase is too easy to guess: it contains ("harbour"|"police"|your username)$/
    )
  })

  it('names the rule broken, and says "their username" when an administrator chooses someone else’s', () => {
    const passphrase = 'tidal lantern quiet jsmith pebble'
    expect(passphraseProblem(passphrase, { username: 'j.smith', isCommon, owner: 'theirs' })).toBe(
      'Passphrase is too easy to guess: it contains their username'
    )
    expect(passphraseProblem(passphrase, { username: 'j.smith', isCommon })).toBe(
      'Passphrase is too easy to guess: it contains your username'
    )
    for (const owner of ['own', 'theirs'] as const)
      expect(passphraseProblem(passphrase, { username: 'j.smith', isCommon, owner })).not.toMatch(/avoid|numbers and words like/)
  })

  it('does not refuse ordinary words because a short username happens to be inside them', () => {
    expect(passphraseProblem('tidal lantern quiet pebble', { username: 'al', isCommon })).toBeNull()
    expect(passphraseProblem('al al tidal lantern 2026', { username: 'al', isCommon })).toBeNull()
    expect(passphraseProblem('al al al al 1234567890', { username: 'al', isCommon })).toMatch(/too easy to guess/)
  })

  it('counts characters, not bytes, and allows 64+ characters and emoji', () => {
    expect(passphraseProblem('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', { isCommon })).toMatch(/15 characters/)
    expect(passphraseProblem('the grey heron waits by the old stone wall each morning before the tide turns', { isCommon })).toBeNull()
  })

  it('checks a new passphrase before checking it was typed the same twice', () => {
    expect(newPassphraseProblem({ passphrase: 'short', confirmation: 'different' })).toEqual({
      field: 'passphrase',
      message: 'Passphrase must be 15 characters or more'
    })
    expect(newPassphraseProblem({ passphrase: 'password123!!!!!!', confirmation: 'other', isCommon })).toEqual({
      field: 'passphrase',
      message: 'Passphrase is too common: choose a few unrelated words'
    })
    expect(newPassphraseProblem({ passphrase: 'tidal estuary lantern quiet pebble', confirmation: 'tidal estuary lantern quiet' })).toEqual(
      { field: 'confirmation', message: 'Passphrases do not match' }
    )
    expect(
      newPassphraseProblem({ passphrase: 'tidal estuary lantern quiet pebble', confirmation: 'tidal estuary lantern quiet pebble' })
    ).toBeNull()
  })

  it('squashes case, spaces and punctuation the same way for the common list', () => {
    expect(squash(' Pass-Word 123! ')).toBe('password123')
  })
})
