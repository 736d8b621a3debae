import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPeople } from '../../electron/core/services/people-import'
import { importColumns } from '../../shared/contract/people-import'
import type { Person, PersonSummary } from '../../shared/contract/people'
import { caseloadStore, nurse, personFields } from '../fixtures/caseload'
import { useTempFolders } from '../fixtures/temp-folder'
import { callAs } from '../fixtures/core-context'

const tempFolder = useTempFolders()

/** A store with these people (staff number, given name, family name), and helpers to search it. */
async function storeWith(people: [string, string, string][]) {
  const store = await caseloadStore(tempFolder())
  for (const [staffNumber, givenName, familyName] of people) {
    await store.call('people:create', personFields({ staffNumber, givenName, familyName, roleId: null }))
  }
  const names = async (query: string) => (await store.call<PersonSummary[]>('people:search', { query })).map((p) => p.displayName)
  const find = (query: string, limit = 20) => store.call<{ rows: PersonSummary[]; total: number }>('people:find', { query, limit })
  return { ...store, names, find }
}

describe('search ranks what was meant first', () => {
  it('puts the exact surname first, then surnames that start with it, then forenames, then names that merely contain it', async () => {
    const { names } = await storeWith([
      ['PC1', 'Beth', 'Collier-Smith'],
      ['PC2', 'Adam', 'Smith'],
      ['PC3', 'Zoe', 'Smithers'],
      ['PC4', 'Smithy', 'Brown'],
      ['PC5', 'Carl', 'Goldsmith'],
      ['PC6', 'Anna', 'Smith']
    ])
    expect(await names('smith')).toEqual([
      'Smith, Adam',
      'Smith, Anna',
      'Smithers, Zoe',
      'Brown, Smithy',
      'Collier-Smith, Beth',
      'Goldsmith, Carl'
    ])
  })

  it('ranks by the surname in any of the words typed, and an exact staff number above everything', async () => {
    const { names } = await storeWith([
      ['PC1', 'Joanna', 'Smith'],
      ['PC2', 'John', 'Smithers'],
      ['SMITH', 'Kim', 'Collier-Smith']
    ])
    expect(await names('jo smith')).toEqual(['Smith, Joanna', 'Smithers, John'])
    expect(await names('smith')).toEqual(['Collier-Smith, Kim', 'Smith, Joanna', 'Smithers, John'])
  })

  it('one or two letters find surname and staff number prefixes, exact surname first', async () => {
    const { names } = await storeWith([
      ['PC1', 'Sam', 'Shaw'],
      ['PC2', 'Ann', 'Sh'],
      ['SH900', 'Lee', 'Adams'],
      ['PC3', 'Shona', 'Brown']
    ])
    // Shona Brown's forename starts with "sh" but a short search reads surnames and numbers only.
    expect(await names('sh')).toEqual(['Sh, Ann', 'Shaw, Sam', 'Adams, Lee'])
  })
})

describe('search ignores punctuation, spaces and accents in names', () => {
  it.each(['obrien', "o'brien", 'o brien', 'OBrien', 'O’Brien', 'o-brien', 'obri', 'brien'])(
    '"%s" finds every way of writing O\'Brien',
    async (query) => {
      const { names } = await storeWith([
        ['PC1', 'Aoife', "O'Brien"],
        ['PC2', 'Brendan', 'O Brien'],
        ['PC3', 'Cara', 'OBrien'],
        ['PC4', 'Dara', 'Brierley']
      ])
      expect(await names(query)).toEqual(["O'Brien, Aoife", 'O Brien, Brendan', 'OBrien, Cara'])
    }
  )

  it('treats hyphens and accents the same way, and still finds by staff number', async () => {
    const { names } = await storeWith([
      ['PC-1234', 'Siân', 'Collier-Smith'],
      ['PC5678', 'Zoë', 'Núñez']
    ])
    expect(await names('colliersmith')).toEqual(['Collier-Smith, Siân'])
    expect(await names('collier smith')).toEqual(['Collier-Smith, Siân'])
    expect(await names('nunez')).toEqual(['Núñez, Zoë'])
    expect(await names('zoe nunez')).toEqual(['Núñez, Zoë'])
    expect(await names('pc1234')).toEqual(['Collier-Smith, Siân'])
    expect(await names('PC-1234')).toEqual(['Collier-Smith, Siân'])
    expect(await names('pc5678')).toEqual(['Núñez, Zoë'])
  })

  it('finds nobody for words that are not in anyone’s name, and nothing for punctuation alone', async () => {
    const { names } = await storeWith([
      ['PC1', 'Aoife', "O'Brien"],
      ['PC2', 'Beth', 'Collier-Smith']
    ])
    expect(await names('obrian')).toEqual([])
    expect(await names('o brian')).toEqual([])
    expect(await names('smyth')).toEqual([])
    expect(await names("'")).toEqual([])
    expect(await names(' - ')).toEqual([])
    // Words must all match the same person.
    expect(await names('aoife smith')).toEqual([])
  })
})

describe('how many match, truthfully', () => {
  it('says how many match in all when the list shows only the first few', async () => {
    const people: [string, string, string][] = Array.from({ length: 57 }, (_, i) => [
      `PC${100 + i}`,
      `Given${i}`,
      i % 2 ? 'Smith' : `Smith-Jones`
    ])
    const { find } = await storeWith([...people, ['PC999', 'Ann', 'Jones']])
    const first = await find('smith', 20)
    expect(first.rows).toHaveLength(20)
    expect(first.total).toBe(57)
    // Exact surname first, even across the cap.
    expect(first.rows.every((row) => row.displayName.startsWith('Smith, '))).toBe(true)
    expect(await find('s', 20)).toMatchObject({ total: 57 })
    expect(await find('sm', 5)).toMatchObject({ total: 57 })
    expect((await find('jones', 50)).total).toBe(30)
    expect(await find('nobody here')).toEqual({ rows: [], total: 0 })
    expect(await find('  ')).toEqual({ rows: [], total: 0 })
  })

  it('counts only the restricted records the user may open', async () => {
    const store = await storeWith([['PC1', 'Ann', 'Evans']])
    const me = store.host.vault.session?.id ?? ''
    await store.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC2', familyName: 'Evans', restricted: true, namedClinicianIds: [me] })
    )
    expect(await store.find('evans', 1)).toMatchObject({ total: 2 })
    expect(await store.find('e', 1)).toMatchObject({ total: 2 })
    await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
    store.host.vault.lock('manual')
    const signedIn = await store.host.vault.unlock(nurse.username, nurse.passphrase)
    store.host.vault.refreshSessionUser({ ...signedIn, mustChangePassphrase: false })
    for (const query of ['evans', 'e', 'ev', 'ann evans', 'pc']) {
      const found = await store.find(query, 1)
      expect(found, query).toMatchObject({ total: 1, rows: [expect.objectContaining({ staffNumber: 'PC1' })] })
    }
  })

  it('keeps the search key up to date when a name changes', async () => {
    const store = await storeWith([])
    const person = await store.call<Person>('people:create', personFields({ familyName: 'Smith' }))
    await store.call('people:update', { id: person.id, changes: personFields({ familyName: "D'Arcy" }) })
    expect(await store.names('darcy')).toEqual(["D'Arcy, Siân"])
    expect(await store.names('smith')).toEqual([])
  })

  it('keeps the search key up to date through an HR import, for new people and changed names', async () => {
    const store = await storeWith([])
    const call = callAs(store.host)
    const file = join(tempFolder(), 'hr.csv')
    const write = (familyName: string) =>
      writeFileSync(file, `${importColumns.join(',')}\nPC77,,Aoife,"${familyName}",,,police officer,,,,,,,\n`)
    write("O'Brien")
    expect(await importPeople(call, { path: file, token: 't', commit: true })).toMatchObject({ created: 1, committed: true })
    expect(await store.names('obrien')).toEqual(["O'Brien, Aoife"])
    write('Núñez-Hart')
    expect(await importPeople(call, { path: file, token: 't', commit: true })).toMatchObject({ updated: 1, committed: true })
    expect(await store.names('nunezhart')).toEqual(['Núñez-Hart, Aoife'])
    expect(await store.names('nunez hart')).toEqual(['Núñez-Hart, Aoife'])
    expect(await store.names('obrien')).toEqual([])
  })
})
