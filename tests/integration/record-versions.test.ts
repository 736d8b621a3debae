import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import { nurse, personFields } from '../fixtures/caseload'
import { engines, useEngineStores } from '../fixtures/engines'
import { admin, manualClock } from '../fixtures/store'

const stores = useEngineStores()

// Two clinicians with the same case or person open: the second save is refused, saying who
// saved in between and when, and nothing of the first is overwritten.

async function twoClinicians(engine: (typeof engines)[number]) {
  const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
  const store = await stores(engine, clock.now)
  await store.addUser(nurse)
  const person = await store.call<Person>('people:create', personFields())
  const opened = await store.call<CaseRecord>('cases:open', {
    personId: person.id,
    reason: 'self-referral',
    priority: 'routine',
    nextReviewDate: null
  })
  return { ...store, clock, person, opened }
}

describe.each(engines)('a save over someone else’s (%s)', (engine) => {
  it('a case: the second save is refused with who changed it and when; the first stays', async () => {
    const team = await twoClinicians(engine)
    expect(team.opened.version).toBe(1)
    // Sam saves first (at 10:05), from the version both read.
    team.clock.advance(5 * 60_000)
    await team.signIn(nurse)
    const sams = await team.call<CaseRecord>('cases:update', { id: team.opened.id, version: 1, priority: 'urgent' })
    expect(sams).toMatchObject({ priority: 'urgent', version: 2 })
    // Alex, still holding version 1, saves a different change.
    await team.signIn(admin)
    const refused = await team.raw('cases:update', { id: team.opened.id, version: 1, status: 'monitoring' })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'This case was changed by Sam Okafor on 26 Nov 2026 at 10:05, after you opened it. Your change was not saved, so nothing of theirs was overwritten: look at what they changed, then make yours again if it is still needed.'
      }
    })
    const [now] = await team.call<CaseRecord[]>('cases:forPerson', { personId: team.person.id })
    expect(now).toMatchObject({ priority: 'urgent', status: team.opened.status, version: 2 })
    const audited = await team.rows<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'case' ORDER BY seq")
    expect(audited.map((row) => row.action).filter((action) => action === 'case.updated')).toHaveLength(1)
    // From the version now shown, Alex's change goes through.
    expect(await team.call<CaseRecord>('cases:update', { id: team.opened.id, version: 2, status: 'monitoring' })).toMatchObject({
      status: 'monitoring',
      priority: 'urgent',
      version: 3
    })
  })

  it('a person: the second save is refused, the first save’s details stay', async () => {
    const team = await twoClinicians(engine)
    expect(team.person.version).toBe(1)
    await team.signIn(nurse)
    await team.call<Person>('people:update', { id: team.person.id, version: 1, changes: personFields({ phone: '01632 960001' }) })
    await team.signIn(admin)
    const refused = await team.raw('people:update', {
      id: team.person.id,
      version: 1,
      changes: personFields({ lineManager: 'Insp Rao' })
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(/^This person’s details were changed by Sam Okafor on 26 Nov 2026 at 10:00/)
      }
    })
    const now = await team.call<Person>('people:get', { id: team.person.id })
    expect(now).toMatchObject({ phone: '01632 960001', lineManager: 'Sgt Patel', version: 2 })
  })

  it('a save that names no version (an older window) still saves, and counts as one more', async () => {
    const team = await twoClinicians(engine)
    const saved = await team.call<CaseRecord>('cases:update', { id: team.opened.id, priority: 'soon' })
    expect(saved.version).toBe(2)
  })
})
