import { describe, expect, it } from 'vitest'
import { verifyChainRows, type ChainFields } from '../../electron/core/store/audit'
import { purgeOrder } from '../../electron/core/services/retention-purge'
import { personRecordExclusions, personRecordTables } from '../../electron/core/services/person-record-export'
import type { Person } from '../../shared/contract/people'
import type { RetentionPurged, RetentionReview } from '../../shared/contract/retention'
import { retentionKinds } from '../../shared/retention/kinds'
import { personFields } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { everyKindOfRecord, tablesWithPersonId, type Team } from '../fixtures/every-kind-of-record'
import { admin } from '../fixtures/store'
import type { AuditRow } from '../fixtures/trim'

const stores = useEngineStores()

/**
 * Siân and Owen have a record of every kind (fixtures/every-kind-of-record.ts), all written on
 * 26 Nov 2026 with Siân's screenings sat on 25 and 26 Nov. Siân left on 30 Nov 2026; Owen has not
 * left. Ade (an exposure only) and Rhys (restricted to the administrator, nothing else) left on
 * 27 Nov 2026. Hana is restricted to Sam, a clinician, and left on 1 Nov 2026: the administrator
 * may not see her.
 */
async function seeded(engine: Engine) {
  const { team, rhys } = await everyKindOfRecord(stores, engine)
  await team.signInAsSam()
  const hana = await team.call<Person>(
    'people:create',
    personFields({ staffNumber: 'PC8800', givenName: 'Hana', familyName: 'Lewis', restricted: true })
  )
  await team.signInAsAdmin()
  for (const [id, leftOn] of [
    [team.sian.id, '2026-11-30'],
    [team.ade.id, '2026-11-27'],
    [rhys.id, '2026-11-27'],
    [hana.id, '2026-11-01']
  ] as const)
    await team.exec('UPDATE people SET leaving_date = ? WHERE id = ?', leftOn, id)
  /** Moves the clock to midday on `date` (London) and signs the administrator in again. */
  const on = async (date: string) => {
    team.clock.advance(new Date(`${date}T12:00:00Z`).getTime() - team.clock.now().getTime())
    await team.signInAsAdmin()
  }
  const review = () => team.call<RetentionReview>('retention:review', {})
  const listed = async () => (await review()).people.map((person) => person.name)
  return { team, rhys, hana, on, review, listed }
}

/** Every table of the schema and its row count (search shadow tables left out: a person's search row goes with them). */
async function tableCounts(team: Team): Promise<Record<string, number>> {
  const tables =
    team.engine === 'sqlite'
      ? await team.rows<{ name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_search%' ORDER BY name`
        )
      : await team.rows<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
        )
  const counts: Record<string, number> = {}
  for (const { name } of tables) counts[name] = Number((await team.rows<{ n: number }>(`SELECT count(*) AS n FROM ${name}`))[0]?.n)
  return counts
}

/** Every row about a person, table by table, as ids (read as the store's owner). */
async function rowsAbout(team: Team, personId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const table of await tablesWithPersonId(team)) {
    const rows = await team.rows<{ key: string }>(`SELECT * FROM ${table} WHERE person_id = ?`, personId)
    out[table] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return out
}

async function auditChainHolds(team: Team) {
  const rows = await team.rows<ChainFields & { hash: string }>('SELECT * FROM audit_log ORDER BY seq')
  return verifyChainRows(rows.map((row) => ({ ...row, seq: Number(row.seq) })))
}

describe('the purge plan', () => {
  it('covers every kind the screen names, and every table the person record export reads or leaves out', () => {
    expect([...purgeOrder].sort()).toEqual(Object.keys(retentionKinds).sort())
    const exportTables = [...Object.keys(personRecordTables), ...Object.keys(personRecordExclusions)]
    // Drafts go with the person (ON DELETE CASCADE); questionnaire results have no person_id of their own.
    expect(exportTables.filter((table) => table !== 'drafts' && table !== 'retention_purges').sort()).toEqual(
      purgeOrder.filter((kind) => kind !== 'screening_results').sort()
    )
  })
})

describe.each(engines)('retention (%s)', (engine) => {
  it('every table with a person_id is in the purge plan or goes with the person', async () => {
    const { team } = await seeded(engine)
    const tables = await tablesWithPersonId(team)
    expect(tables.filter((table) => !(purgeOrder as readonly string[]).includes(table))).toEqual(['drafts', 'retention_purges'])
  })

  it('lists people past retention on each rule’s boundary, never those the administrator may not see', async () => {
    const { team, on, review, listed } = await seeded(engine)
    await on('2032-11-27')
    expect(await review()).toMatchObject({ today: '2032-11-27', people: [], hidden: 1 })

    await on('2032-11-28')
    const due = await review()
    expect(due.people.map((person) => person.name)).toEqual(['Rhys Pritchard', 'Ade Bello'])
    expect(due.people[1]).toEqual({
      personId: team.ade.id,
      name: 'Ade Bello',
      staffNumber: 'PS0077',
      leftOn: '2026-11-27',
      lastEntryOn: '2026-11-26',
      lastSurveillanceOn: null,
      rule: 'leaver',
      keptUntil: '2032-11-27',
      counts: [
        { kind: 'people', label: 'Person record', count: 1 },
        { kind: 'exposures', label: 'Trauma exposures', count: 1 }
      ]
    })
    expect(due.hidden).toBe(1)
    expect(JSON.stringify(due)).not.toContain('Hana')

    // Screenings not counted as health surveillance: Siân goes 6 years after leaving.
    await team.call('retention:setSettings', { leaverYears: 6, surveillanceYears: 40, screeningsAreHealthSurveillance: false })
    await on('2032-11-30')
    expect(await listed()).not.toContain('Siân Evans')
    await on('2032-12-01')
    expect(await listed()).toContain('Siân Evans')

    // As health surveillance (the default): 40 years after her last screening.
    await team.call('retention:setSettings', { leaverYears: 6, surveillanceYears: 40, screeningsAreHealthSurveillance: true })
    expect(await listed()).not.toContain('Siân Evans')
    await on('2066-11-26')
    expect(await listed()).not.toContain('Siân Evans')
    await on('2066-11-27')
    const later = await review()
    expect(later.people.find((person) => person.name === 'Siân Evans')).toMatchObject({
      rule: 'health-surveillance',
      lastSurveillanceOn: '2026-11-26',
      keptUntil: '2066-11-26'
    })
    expect(await listed()).not.toContain('Owen Price')
  })

  it('refuses settings that are not whole years in range, changing nothing', async () => {
    const { team } = await seeded(engine)
    const refused = await team.raw('retention:setSettings', {
      leaverYears: 0,
      surveillanceYears: 40.5,
      screeningsAreHealthSurveillance: true
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await team.call('retention:settings', {})).toEqual({
      leaverYears: 6,
      surveillanceYears: 40,
      screeningsAreHealthSurveillance: true
    })
  })

  it('purge removes exactly the listed people’s rows in every table and nothing else', async () => {
    const { team, rhys, on, review } = await seeded(engine)
    await team.call('retention:setSettings', { leaverYears: 6, surveillanceYears: 40, screeningsAreHealthSurveillance: false })
    await on('2032-12-01')
    // An unsaved draft about Siân's case, not an entry: it does not keep her.
    const [sianCase] = await team.rows<{ id: string }>('SELECT id FROM cases WHERE person_id = ?', team.sian.id)
    await team.call('drafts:save', { form: 'case-note', subjectId: sianCase?.id, content: { text: 'An unsaved thought' } })
    const listed = await review()
    const chosen = listed.people.filter((person) => person.name !== 'Rhys Pritchard')
    expect(chosen.map((person) => person.name)).toEqual(['Ade Bello', 'Siân Evans'])
    const sian = chosen[1]
    // Siân has a record of every kind (but named clinicians: she is not restricted).
    expect(sian?.counts.map((count) => count.kind).sort()).toEqual(
      Object.keys(retentionKinds)
        .filter((kind) => kind !== 'person_access')
        .sort()
    )

    const before = await tableCounts(team)
    const draftsAbout = async () =>
      Number(
        (await team.rows<{ n: number }>('SELECT count(*) AS n FROM drafts WHERE person_id IN (?, ?)', ...chosen.map((p) => p.personId)))[0]
          ?.n
      )
    const chosenDrafts = await draftsAbout()
    expect(chosenDrafts).toBeGreaterThanOrEqual(1)
    const owenBefore = await rowsAbout(team, team.owen.id)
    const rhysBefore = await rowsAbout(team, rhys.id)
    const purged = await team.call<RetentionPurged>('retention:purge', {
      personIds: chosen.map((person) => person.personId),
      passphrase: admin.passphrase
    })
    expect(purged.people).toEqual(chosen.map((person) => ({ personId: person.personId, counts: person.counts })))

    const after = await tableCounts(team)
    const expected: Record<string, number> = { ...before }
    for (const person of chosen) for (const count of person.counts) expected[count.kind] = (expected[count.kind] ?? 0) - count.count
    // Unsaved drafts about them went with them; the audit log only grew.
    expected['drafts'] = (expected['drafts'] ?? 0) - chosenDrafts
    expect(await draftsAbout()).toBe(0)
    expected['audit_log'] = after['audit_log'] ?? 0
    expect(after).toEqual(expected)
    expect((after['audit_log'] ?? 0) - (before['audit_log'] ?? 0)).toBeGreaterThanOrEqual(2)

    for (const person of chosen) for (const rows of Object.values(await rowsAbout(team, person.personId))) expect(rows).toEqual([])
    expect(await rowsAbout(team, team.owen.id)).toEqual(owenBefore)
    expect(await rowsAbout(team, rhys.id)).toEqual(rhysBefore)
    expect(await team.rows('SELECT * FROM retention_purges')).toEqual([])

    // Search no longer finds them; Owen still found.
    expect(await team.call<unknown[]>('people:search', { query: 'Evans' })).toEqual([])
    expect(await team.call<unknown[]>('people:search', { query: 'Bello' })).toEqual([])
    expect(await team.call<unknown[]>('people:search', { query: 'Price' })).toHaveLength(1)
    if (engine === 'sqlite') {
      const searchRows = await team.rows<{ n: number }>('SELECT count(*) AS n FROM people_search')
      expect(Number(searchRows[0]?.n)).toBe(after['people'])
    }

    // One audit entry per person: the id and counts only, and the chain still holds.
    const entries = await team.rows<AuditRow>(
      "SELECT actor_id, action, entity_type, entity_id, detail FROM audit_log WHERE action = 'retention.purged' ORDER BY seq"
    )
    expect(entries.map((entry) => entry.entity_id)).toEqual(chosen.map((person) => person.personId))
    expect(entries[0]?.detail).toBe('people=1,exposures=1')
    const written = JSON.stringify(entries)
    for (const word of ['Siân', 'Evans', 'PC4321', 'Ade', 'PS0077', 'sudden death']) expect(written).not.toContain(word)
    expect(await auditChainHolds(team)).toMatchObject({ ok: true })

    // Ordinary deletes of append-only records are still refused.
    await expect(team.exec('DELETE FROM notes WHERE person_id = ?', team.owen.id)).rejects.toThrow(/append-only/)
    await expect(team.exec('DELETE FROM screening_results')).rejects.toThrow(/locked/)
    await expect(team.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
  })

  it('an administrator who is not a clinician reviews and purges, seeing only counts, never content', async () => {
    const { team, rhys, on } = await seeded(engine)
    const ada = { username: 'ada.jones', displayName: 'Ada Jones', roles: ['admin'], passphrase: 'granite seawall lamps at dusk' }
    await team.addUser(ada)
    await team.call('retention:setSettings', { leaverYears: 6, surveillanceYears: 40, screeningsAreHealthSurveillance: false })
    await on('2032-12-01')
    await team.signIn(ada)
    const listed = await team.call<RetentionReview>('retention:review', {})
    // Rhys is restricted to the first administrator, so Ada is told of him and Hana, never shown them.
    expect(listed.people.map((person) => person.name)).toEqual(['Ade Bello', 'Siân Evans'])
    expect(listed.hidden).toBe(2)
    const sian = listed.people[1]
    const sianNotes = await team.rows('SELECT id FROM notes WHERE person_id = ?', team.sian.id)
    expect(sian?.counts.find((count) => count.kind === 'notes')?.count).toBe(sianNotes.length)
    const before = await tableCounts(team)
    await team.call('retention:purge', { personIds: listed.people.map((person) => person.personId), passphrase: ada.passphrase })
    const after = await tableCounts(team)
    expect(after['people']).toBe((before['people'] ?? 0) - 2)
    expect(after['notes']).toBe((before['notes'] ?? 0) - sianNotes.length)
    expect(await team.rows('SELECT id FROM people WHERE id IN (?, ?)', team.sian.id, team.ade.id)).toEqual([])
    expect(await team.rows('SELECT id FROM people WHERE id = ?', rhys.id)).toHaveLength(1)
    expect(await auditChainHolds(team)).toMatchObject({ ok: true })
  })

  it('changes nothing with a wrong passphrase, or for someone not an administrator', async () => {
    const { team, on, review } = await seeded(engine)
    await on('2032-11-28')
    const ids = (await review()).people.map((person) => person.personId)
    const before = await tableCounts(team)
    const wrong = await team.raw('retention:purge', { personIds: ids, passphrase: 'not my passphrase at all' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['passphrase'] } })
    const afterWrong = await tableCounts(team)
    expect({ ...afterWrong, audit_log: 0 }).toEqual({ ...before, audit_log: 0 })
    expect(await team.rows("SELECT detail FROM audit_log WHERE action = 'retention.purge-refused'")).toEqual([
      { detail: 'passphrase not right' }
    ])

    await team.signInAsSam()
    expect(await team.raw('retention:review', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await team.raw('retention:purge', { personIds: ids, passphrase: 'quay lights over grey water' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
    expect({ ...(await tableCounts(team)), audit_log: 0 }).toEqual({ ...before, audit_log: 0 })
  })

  it('refuses the whole purge, naming the person, when someone is no longer past retention', async () => {
    const { team, rhys, on, review } = await seeded(engine)
    await on('2032-11-28')
    const ids = (await review()).people.map((person) => person.personId)
    expect(ids).toEqual([rhys.id, team.ade.id])
    // A new entry about Ade since the list was shown.
    await team.call('signposting:record', { personId: team.ade.id, resourceId: 'stress-management-toolkit' })
    const before = await tableCounts(team)
    const refused = await team.raw('retention:purge', { personIds: [rhys.id, team.ade.id], passphrase: admin.passphrase })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('Ade Bello (PS0077) is no longer past retention') }
    })
    expect({ ...(await tableCounts(team)), audit_log: 0 }).toEqual({ ...before, audit_log: 0 })
  })

  it('refuses to purge someone the administrator may not see, or who has not left', async () => {
    const { team, hana, on } = await seeded(engine)
    await on('2040-01-01')
    const before = await tableCounts(team)
    for (const personId of [hana.id, team.owen.id]) {
      const refused = await team.raw('retention:purge', { personIds: [personId], passphrase: admin.passphrase })
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    }
    expect({ ...(await tableCounts(team)), audit_log: 0 }).toEqual({ ...before, audit_log: 0 })
  })
})
