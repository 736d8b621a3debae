import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import type { Alert, Screening } from '../../shared/contract/screening'
import { verifyAuditChainOnPostgres } from '../../electron/core/store/postgres/audit'
import { nurse, personFields } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { useTeamServers } from '../fixtures/team-server'
import { TeamStore } from '../../electron/core/team-store'

const teamServer = useTeamServers()

// The services, unchanged, over a team server: each call goes through the same dispatcher as
// in the app, over the signed-in user's own server login, so the server's row-level security
// applies to every one of them as well as Harbour's own checks.

const severeWithSafetyItem = { kind: 'items', instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 2, 2, 1] }

describe('the services on a team server', () => {
  it('a clinician records a person, a case, a note and a screening whose safety answer raises an alert; it is audited in one chain', async () => {
    const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
    const team = await teamServer(clock.now)
    const person = await team.call<Person>('people:create', personFields())
    const opened = await team.call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'soon',
      nextReviewDate: '2026-12-03'
    })
    await team.call('notes:add', { caseId: opened.id, type: 'telephone', contactDate: '2026-11-25', text: 'Spoke about sleep.' })
    const saved = await team.call<Screening>('screening:save', {
      personId: person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [severeWithSafetyItem]
    })
    expect(saved.results[0]).toMatchObject({ instrument: 'phq9', total: 23 })

    const alerts = await team.call<Alert[]>('screening:alerts', {})
    expect(alerts.map((alert) => alert.personId)).toEqual([person.id])
    const cases = await team.call<CaseRecord[]>('cases:forPerson', { personId: person.id })
    expect(cases.map((row) => [row.id, row.lastContactDate])).toEqual([[opened.id, '2026-11-25']])

    const verdict = await team.asOwner((client) => verifyAuditChainOnPostgres(client))
    expect(verdict).toMatchObject({ ok: true })
    const actions = await team.asOwner(
      async (client) => (await client.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).rows
    )
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(['person.created', 'case.opened', 'note.added', 'screening.saved'])
    )
  })

  it('a clinician not named on a restricted person finds nothing of them through the services', async () => {
    const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
    const team = await teamServer(clock.now)
    const sam = await team.addUser(nurse)
    const open = await team.call<Person>('people:create', personFields({ staffNumber: 'PC1001', givenName: 'Ola', familyName: 'Open' }))
    const hidden = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC1002', givenName: 'Rhi', familyName: 'Hidden', restricted: true, namedClinicianIds: [] })
    )
    await team.signIn(nurse)
    expect(team.host.team.user?.id).toBe(sam.id)
    const found = await team.call<{ rows: Array<{ id: string }>; total: number }>('people:find', { query: 'PC100' })
    expect(found).toMatchObject({ rows: [{ id: open.id }], total: 1 })
    expect(await team.raw('people:get', { id: hidden.id })).toMatchObject({ ok: false })
  })

  it('a record the server hides is refused as restricted, and the attempt audited, as on a standalone store', async () => {
    const team = await teamServer(manualClock(new Date('2026-11-26T10:00:00Z')).now)
    const sam = await team.addUser(nurse)
    const hidden = await team.call<Person>('people:create', personFields({ restricted: true }))
    const hiddenCase = await team.call<CaseRecord>('cases:open', {
      personId: hidden.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null
    })
    await team.signIn(nurse)
    for (const attempt of [
      team.raw('people:get', { id: hidden.id }),
      team.raw('notes:add', { caseId: hiddenCase.id, type: 'telephone', contactDate: '2026-11-25', text: 'x' }),
      team.raw('tasks:create', { caseId: hiddenCase.id, personId: null, title: 'Call', dueDate: '2026-11-30' })
    ]) {
      expect(await attempt).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'This record is restricted to named clinicians.' }
      })
    }
    const refusals = await team.asOwner(
      async (client) =>
        (await client.query("SELECT actor_id, entity_id FROM audit_log WHERE action = 'person.view-refused'")).rows as unknown[]
    )
    expect(refusals.length).toBeGreaterThanOrEqual(3)
    expect(refusals).toContainEqual({ actor_id: sam.id, entity_id: hidden.id })
    // Nothing was written about the hidden person by the refused calls.
    const notes = await team.asOwner(async (client) => (await client.query('SELECT count(*) AS n FROM notes')).rows)
    expect(notes).toEqual([{ n: '0' }])
  })

  it('users come from the IT team: adding one in the app is refused before anything is written', async () => {
    const team = await teamServer(manualClock().now)
    const refused = await team.raw('users:add', { ...nurse, confirmPassphrase: nurse.passphrase })
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('team add-user') } })
    const users = await team.asOwner(async (client) => (await client.query<{ username: string }>('SELECT username FROM users')).rows)
    expect(users.map((row) => row.username)).toEqual(['lead.nurse'])
  })

  it('a disabled user’s login can no longer connect, so no hand-made client of theirs reads anything', async () => {
    const team = await teamServer(manualClock().now)
    const sam = await team.addUser(nurse)
    await team.call('users:disable', { userId: sam.id })
    const store = new TeamStore(team.host.core, team.url)
    await expect(store.signIn(nurse.username, nurse.passphrase)).rejects.toMatchObject({ code: 'unauthenticated' })
    const canLogIn = await team.asOwner(
      async (client) =>
        (await client.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [nurse.username])).rows
    )
    expect(canLogIn).toEqual([{ rolcanlogin: false }])
  })

  it('a user changes their own passphrase: the old one stops working, the new one signs in, and the flag clears', async () => {
    const team = await teamServer(manualClock().now)
    await team.addUser(nurse)
    await team.asOwner((client) => client.query('UPDATE users SET must_change_passphrase = 1 WHERE username = $1', [nurse.username]))
    await team.host.team.lock('manual')
    const first = await team.host.team.signIn(nurse.username, nurse.passphrase)
    expect(first.mustChangePassphrase).toBe(true)
    // Until they change it, only the session's own channels answer.
    expect(await team.raw('caseload:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const next = 'sea wall gulls at dawn tide'
    const changed = await team.call<{ mustChangePassphrase: boolean }>('session:changePassphrase', {
      current: nurse.passphrase,
      next,
      confirmNext: next
    })
    expect(changed.mustChangePassphrase).toBe(false)
    await team.host.team.lock('manual')
    await expect(team.host.team.signIn(nurse.username, nurse.passphrase)).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(await team.host.team.signIn(nurse.username, next)).toMatchObject({ mustChangePassphrase: false })
    // Another user's flag is not theirs to change, even from a hand-made client.
    const client = await team.connectAs({ username: nurse.username, passphrase: next })
    const refused = await client
      .query("UPDATE users SET must_change_passphrase = 1 WHERE username = 'lead.nurse'")
      .then(
        () => 'changed',
        (error: { code?: string }) => error.code
      )
      .finally(() => client.end())
    expect(refused).toBe('42501')
  })

  it('two clinicians at two workstations save the same case at the same moment: exactly one save lands', async () => {
    const team = await teamServer(manualClock(new Date('2026-11-26T10:00:00Z')).now)
    await team.addUser(nurse)
    const person = await team.call<Person>('people:create', personFields())
    const opened = await team.call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null
    })
    const sams = await team.workstation(nurse)
    const [mine, theirs] = await Promise.all([
      team.raw('cases:update', { id: opened.id, version: 1, priority: 'urgent' }),
      sams.raw('cases:update', { id: opened.id, version: 1, priority: 'soon' })
    ])
    const outcomes = [mine, theirs].map((result) => (result.ok ? 'saved' : result.error.code)).sort()
    expect(outcomes).toEqual(['conflict', 'saved'])
    const landed = (mine.ok ? mine.value : theirs.ok ? theirs.value : null) as CaseRecord | null
    const [now] = await team.call<CaseRecord[]>('cases:forPerson', { personId: person.id })
    expect(now).toMatchObject({ version: 2, priority: landed?.priority })
  })

  it('another workstation is told which tables changed, and only that (no ids), so it can refresh what it shows', async () => {
    const team = await teamServer(manualClock(new Date('2026-11-26T10:00:00Z')).now)
    await team.addUser(nurse)
    const person = await team.call<Person>('people:create', personFields())
    const sams = await team.workstation(nurse)
    const heard: string[] = []
    const caseNoticed = new Promise<void>((resolve) =>
      sams.team.session.onRecordsChanged((table) => {
        heard.push(table)
        if (table === 'cases') resolve()
      })
    )
    await team.call<CaseRecord>('cases:open', { personId: person.id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
    await caseNoticed
    expect(heard).toContain('cases')
    for (const notice of heard) expect(notice).toMatch(/^[a-z_]+$/)
    expect(heard.join()).not.toContain(person.id)
  })

  it('eight workstations adding notes at once: every note saved once, and the audit chain whole', async () => {
    const team = await teamServer()
    const person = await team.call<Person>('people:create', personFields())
    const opened = await team.call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null
    })
    const colleagues = Array.from({ length: 7 }, (_, n) => ({
      username: `nurse.${n + 1}`,
      displayName: `Nurse ${n + 1}`,
      roles: ['clinician'],
      passphrase: `estuary lantern pebble number ${n + 1}`
    }))
    const stations = [{ raw: team.raw }]
    for (const colleague of colleagues) {
      await team.addUser(colleague)
      stations.push(await team.workstation(colleague))
    }
    const results = await Promise.all(
      stations.flatMap((station, s) =>
        Array.from({ length: 5 }, (_, n) =>
          station.raw('notes:add', { caseId: opened.id, type: 'telephone', contactDate: '2026-11-25', text: `Station ${s} note ${n}` })
        )
      )
    )
    expect(results.filter((result) => !result.ok)).toEqual([])
    const notes = await team.asOwner(async (client) => (await client.query<{ text: string }>('SELECT text FROM notes')).rows)
    expect(notes).toHaveLength(40)
    expect(new Set(notes.map((note) => note.text)).size).toBe(40)
    expect(await team.asOwner((client) => verifyAuditChainOnPostgres(client))).toMatchObject({ ok: true })
    const added = await team.asOwner(
      async (client) => (await client.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'note.added'")).rows
    )
    expect(added).toEqual([{ n: 40 }])
  })
})
