import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { FollowUp } from '../../shared/contract/screening'
import { followUpReasons, followUpSeverity, type FollowUpReason } from '../../shared/instruments/follow-up'
import { caseloadStore, nurse, personFields } from '../fixtures/caseload'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/**
 * A store whose team worklist holds `count` open decisions on six people (two restricted to
 * the administrator alone), plus decided ones and case reviews that must never show, written
 * directly so there can be many, with reasons and times spread (and, with `ties`, shared).
 */
async function worklistStore(count: number, ties: boolean) {
  const store = await caseloadStore(tempFolder())
  const me = store.host.vault.session?.id ?? ''
  const people: Person[] = []
  for (let i = 0; i < 6; i++)
    people.push(
      await store.call<Person>(
        'people:create',
        personFields({ staffNumber: `PC${i}`, familyName: `Person${i}`, restricted: i >= 4, namedClinicianIds: [me] })
      )
    )
  const sqlite = store.host.vault.sqlite
  const screening = sqlite.prepare(
    "INSERT INTO screenings (id, person_id, sitting_date, mode, rag, entered_by, created_at) VALUES (?, ?, '2026-01-01', 'imported', 'red', ?, 't')"
  )
  const followUp = sqlite.prepare(
    'INSERT INTO screening_follow_ups (id, screening_id, person_id, reason, route, status, decision, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
  )
  const reasons: FollowUpReason[] = ['amber', 'red', 'risk-not-assessed']
  for (let i = 0; i < count + 20; i++) {
    const person = people[(i * 7) % people.length] as Person
    const screeningId = randomUUID()
    screening.run(screeningId, person.id, me)
    // Every fifth is decided, every seventh a case review: neither belongs on the team worklist.
    const decided = i % 5 === 4
    const route = i % 7 === 6 ? 'case-review' : 'team-decision'
    const minute = ties ? (i * 13) % 4 : (i * 37) % (count + 20)
    followUp.run(
      randomUUID(),
      screeningId,
      person.id,
      reasons[(i * 11) % 3],
      route,
      decided ? 'decided' : 'open',
      decided ? 'no-case' : null,
      `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`
    )
  }
  const page = (offset: number, limit: number) =>
    store.call<{ rows: FollowUp[]; total: number }>('screening:followUps', { page: { offset, limit } })
  /** Every page, one after another, as the window walks them. */
  const walk = async (limit: number) => {
    const rows: FollowUp[] = []
    for (let offset = 0; ; offset += limit) {
      const next = await page(offset, limit)
      rows.push(...next.rows)
      if (next.rows.length < limit) return { rows, total: next.total }
    }
  }
  return { ...store, people, page, walk }
}

/** The team worklist in the order the service used before 0090: severity worked out at read time. */
function orderBefore0090(store: Awaited<ReturnType<typeof worklistStore>>, userId: string): string[] {
  return (
    store.host.vault.sqlite
      .prepare(
        `SELECT f.id FROM screening_follow_ups f JOIN people ON people.id = f.person_id
         WHERE (people.restricted = 0 OR EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = people.id AND a.user_id = ?))
           AND f.status = 'open' AND f.route = 'team-decision'
         ORDER BY f.status DESC, CASE f.reason WHEN 'red' THEN 0 WHEN 'risk-not-assessed' THEN 1 ELSE 2 END, f.created_at`
      )
      .all(userId) as { id: string }[]
  ).map((row) => row.id)
}

async function signInAsNurse(store: Awaited<ReturnType<typeof worklistStore>>) {
  await store.call('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
  store.host.vault.lock('manual')
  const signedIn = await store.host.vault.unlock(nurse.username, nurse.passphrase)
  store.host.vault.refreshSessionUser({ ...signedIn, mustChangePassphrase: false })
}

describe('the team decision worklist, from the stored severity', () => {
  it('gives exactly the rows and order it gave when severity was worked out at read time', async () => {
    const store = await worklistStore(90, false)
    const reference = orderBefore0090(store, store.host.vault.session?.id ?? '')
    expect(reference.length).toBeGreaterThan(50)
    const walked = await store.walk(7)
    expect(walked.rows.map((row) => row.id)).toEqual(reference)
    expect(walked.total).toBe(reference.length)
  })

  it('pages without repeating or skipping anyone when many were raised at the same moment', async () => {
    const store = await worklistStore(90, true)
    const reference = orderBefore0090(store, store.host.vault.session?.id ?? '')
    const walked = await store.walk(6)
    const ids = walked.rows.map((row) => row.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual([...reference].sort())
    // Most serious first, oldest first within each: the same sequence of (reason, time) as before.
    const key = (row: { reason: string; createdAt: string }) => `${row.reason} ${row.createdAt}`
    const byId = new Map(walked.rows.map((row) => [row.id, row]))
    expect(walked.rows.map(key)).toEqual(reference.map((id) => key(byId.get(id) as FollowUp)))
  })

  it('counts, and shows, only what the user may open: restricted people’s results are left out for others', async () => {
    const store = await worklistStore(40, false)
    const all = await store.walk(50)
    const restrictedIds = new Set(store.people.slice(4).map((person) => person.id))
    const hiddenFromNurse = all.rows.filter((row) => restrictedIds.has(row.personId)).length
    expect(hiddenFromNurse).toBeGreaterThan(0)
    await signInAsNurse(store)
    const nurseId = store.host.vault.session?.id ?? ''
    const seen = await store.walk(50)
    expect(seen.total).toBe(all.total - hiddenFromNurse)
    expect(seen.rows.map((row) => row.id)).toEqual(orderBefore0090(store, nurseId))
    expect(seen.rows.some((row) => restrictedIds.has(row.personId))).toBe(false)
    expect((await store.page(0, 5)).total).toBe(seen.total)
  })

  it('stores each reason’s severity as the shared rule ranks it', async () => {
    const store = await worklistStore(3, false)
    const stored = store.host.vault.sqlite.prepare('SELECT DISTINCT reason, severity FROM screening_follow_ups ORDER BY reason').all()
    expect(stored).toEqual([...followUpReasons].sort().map((reason) => ({ reason, severity: followUpSeverity[reason] })))
  })
})
