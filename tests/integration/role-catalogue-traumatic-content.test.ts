import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { CatalogueRole } from '../../shared/contract/role-catalogue'
import type { DueList } from '../../shared/contract/screening'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

// A role exposed to traumatic content is recalled for screening even with no interval of its
// own, at an interval the force sets; nobody may leave or join the list but its own people.
async function store() {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
  const s = await caseloadStore(tempFolder(), clock.now)
  let next = 1
  const add = async (roleId: string) =>
    (await s.call<Person>('people:create', personFields({ staffNumber: `PC${next++}`, familyName: `Person${next}`, roleId }))).id
  /** Everyone on the recall list within a year, with when they are due and how often. */
  const recall = async () => {
    const list = await s.call<DueList>('screening:due', { withinDays: 366 })
    return Object.fromEntries(list.rows.map((row) => [row.personId, `${row.dueDate} every ${row.intervalMonths}`]))
  }
  const role = async (id: string) => {
    const found = (await s.call<CatalogueRole[]>('roles:list', {})).find((r) => r.id === id)
    if (!found) throw new Error(`no role ${id}`)
    return found
  }
  const setFlag = async (id: string, traumaticContent: boolean | undefined) => {
    const { name, description, riskTier, screeningIntervalMonths, screeningBattery } = await role(id)
    return s.call<CatalogueRole>('roles:save', {
      id,
      name,
      description,
      riskTier,
      screeningIntervalMonths,
      screeningBattery,
      ...(traumaticContent === undefined ? {} : { traumaticContent })
    })
  }
  const screen = (personId: string, sittingDate: string) =>
    s.call('screening:save', {
      personId,
      sittingDate,
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }]
    })
  return { ...s, add, recall, role, setFlag, screen }
}

describe('roles exposed to traumatic content', () => {
  it('recalls the shipped Communications/press role, flagged, every 12 months until the force sets otherwise', async () => {
    const s = await store()
    expect(await s.role('communications-press')).toMatchObject({
      traumaticContent: true,
      screeningIntervalMonths: null,
      recallIntervalMonths: 12
    })
    expect(await s.role('neighbourhood')).toMatchObject({ traumaticContent: false, recallIntervalMonths: null })
    const press = await s.add('communications-press')
    await s.screen(press, '2026-01-10')
    expect(await s.recall()).toEqual({ [press]: '2027-01-10 every 12' })
    expect((await s.call<{ nextScreening: unknown }>('people:overview', { id: press })).nextScreening).toEqual({
      status: 'due',
      dueDate: '2027-01-10',
      overdue: false
    })
  })

  it('moves everyone in the role onto the list when flagged and off when not, leaving other roles alone', async () => {
    const s = await store()
    const [pressA, pressB] = [await s.add('communications-press'), await s.add('communications-press')]
    const neighbour = await s.add('neighbourhood')
    const firearms = await s.add('firearms')
    await s.screen(pressB, '2026-03-01')
    await s.screen(firearms, '2026-02-01')
    const everyone = { [pressA]: '2026-11-26 every 12', [pressB]: '2027-03-01 every 12', [firearms]: '2027-02-01 every 12' }
    expect(await s.recall()).toEqual(everyone)

    expect(await s.setFlag('communications-press', false)).toMatchObject({ traumaticContent: false, recallIntervalMonths: null })
    expect(await s.recall()).toEqual({ [firearms]: '2027-02-01 every 12' })

    // Saved without saying, the flag stays as it is: nobody leaves the list by omission.
    await s.setFlag('communications-press', true)
    await s.setFlag('communications-press', undefined)
    expect(await s.recall()).toEqual(everyone)

    await s.setFlag('neighbourhood', true)
    expect(await s.recall()).toEqual({ ...everyone, [neighbour]: '2026-11-26 every 12' })
    await s.setFlag('neighbourhood', false)
    expect(await s.recall()).toEqual(everyone)
    expect(
      s.host.vault.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'role.updated' AND detail = 'traumatic_content'")
        .get()
    ).toEqual({ n: 4 })
  })

  it('recalls flagged roles at the force’s interval, while a role’s own interval still wins', async () => {
    const s = await store()
    const press = await s.add('communications-press')
    const firearms = await s.add('firearms')
    await s.setFlag('firearms', true)
    await s.screen(press, '2026-03-01')
    await s.screen(firearms, '2026-02-01')
    expect(await s.call('roles:traumaticContentRecall', {})).toEqual({ traumaticContentRecallMonths: 12 })
    expect(await s.call('roles:setTraumaticContentRecall', { traumaticContentRecallMonths: 6 })).toEqual({
      traumaticContentRecallMonths: 6
    })
    expect(await s.recall()).toEqual({ [press]: '2026-09-01 every 6', [firearms]: '2027-02-01 every 12' })
    expect(await s.role('communications-press')).toMatchObject({ recallIntervalMonths: 6 })
  })

  it('refuses an interval that is not 1 to 60 whole months, naming the field and changing nothing', async () => {
    const s = await store()
    const press = await s.add('communications-press')
    await s.screen(press, '2026-03-01')
    const auditBefore = s.host.vault.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()
    for (const traumaticContentRecallMonths of [0, 61, 1.5, -12]) {
      expect(await s.raw('roles:setTraumaticContentRecall', { traumaticContentRecallMonths })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', fields: ['traumaticContentRecallMonths'] }
      })
    }
    expect(await s.call('roles:traumaticContentRecall', {})).toEqual({ traumaticContentRecallMonths: 12 })
    expect(await s.recall()).toEqual({ [press]: '2027-03-01 every 12' })
    expect(s.host.vault.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore)
  })

  it('lets only administrators change the interval', async () => {
    const s = await store()
    await s.call('users:add', {
      username: 'sam.okafor',
      displayName: 'Sam Okafor',
      roles: ['clinician'],
      passphrase: 'quay lights over grey water',
      confirmPassphrase: 'quay lights over grey water'
    })
    s.host.vault.lock('manual')
    const signedIn = await s.host.vault.unlock('sam.okafor', 'quay lights over grey water')
    s.host.vault.refreshSessionUser({ ...signedIn, mustChangePassphrase: false })
    expect(await s.raw('roles:setTraumaticContentRecall', { traumaticContentRecallMonths: 6 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
    expect(await s.call('roles:traumaticContentRecall', {})).toEqual({ traumaticContentRecallMonths: 12 })
  })
})
