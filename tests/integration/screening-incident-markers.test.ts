import { describe, expect, it } from 'vitest'
import type { PersonExposures } from '../../shared/contract/incidents'
import type { Person } from '../../shared/contract/people'
import type { Screening } from '../../shared/contract/screening'
import { chartDomain, eventsOnChart, incidentEvents, mayMarkIncidents } from '../../shared/screening-chart'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** A store on 26 Nov 2026: Siân Evans screened on 2 Mar and 1 Sep 2026, and Owen Price. */
async function screenedStore() {
  const store = await caseloadStore(tempFolder(), manualClock(new Date('2026-11-26T09:00:00Z')).now)
  const sian = await store.call<Person>('people:create', personFields())
  const owen = await store.call<Person>('people:create', personFields({ staffNumber: 'PC5555', givenName: 'Owen', familyName: 'Price' }))
  for (const sittingDate of ['2026-03-02', '2026-09-01']) {
    await store.call('screening:save', {
      personId: sian.id,
      sittingDate,
      mode: 'clinician-entered',
      results: [{ kind: 'items', instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 0, 0] }]
    })
  }
  const log = (occurredOn: string, person: Person, reference: string) =>
    store.call('incidents:create', {
      occurredOn,
      categoryId: 'sudden-death',
      reference,
      attendees: [{ personId: person.id, part: 'attended', intensity: 'low', hoursReviewed: null }]
    })
  return { ...store, sian, owen, log }
}

describe('incidents on a person’s screening charts', () => {
  it('marks the person’s own incidents within the sittings’ dates, and not those outside them or someone else’s', async () => {
    const store = await screenedStore()
    await store.log('2026-06-01', store.sian, 'CAD 100')
    await store.log('2025-06-01', store.sian, 'CAD 101')
    await store.log('2026-11-20', store.sian, 'CAD 102')
    await store.log('2026-07-01', store.owen, 'CAD 103')
    // Within the margin before the first sitting (9 days of 9.15).
    await store.log('2026-02-21', store.sian, 'CAD 104')

    // What the window does with the core's answers: the PHQ-9 chart's dates, then the incidents inside them.
    const screenings = await store.call<Screening[]>('screening:forPerson', { personId: store.sian.id })
    const exposures = await store.call<PersonExposures>('incidents:forPerson', { personId: store.sian.id })
    const markers = incidentEvents(exposures.history)
    const domain = chartDomain(
      screenings.filter((s) => !s.supersededById).map((s) => s.sittingDate),
      markers
    )
    expect(eventsOnChart(markers, domain)).toEqual([
      { date: '2026-02-21', label: 'Sudden death, CAD 104', kind: 'incident' },
      { date: '2026-06-01', label: 'Sudden death, CAD 100', kind: 'incident' }
    ])
    // Owen's incident is not even in Siân's answer.
    expect(JSON.stringify(exposures)).not.toContain('CAD 103')
  })

  it.each([
    ['an administrator-only', ['admin']],
    ['a TRiM practitioner', ['trim']]
  ] as const)('gives %s user no incident through this path', async (_kind, userRoles) => {
    const store = await screenedStore()
    await store.log('2026-06-01', store.sian, 'CAD 100')
    const viewer = { username: 'viewer.one', displayName: 'Viewer One', roles: userRoles, passphrase: 'lanterns over the quay wall' }
    await store.call('users:add', { ...viewer, confirmPassphrase: viewer.passphrase })
    store.host.vault.lock('manual')
    const user = await store.host.vault.unlock(viewer.username, viewer.passphrase)
    store.host.vault.refreshSessionUser({ ...user, mustChangePassphrase: false })

    // The window does not ask, and the core refuses if asked.
    expect(mayMarkIncidents(user.roles)).toBe(false)
    const refused = await store.raw('incidents:forPerson', { personId: store.sian.id })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(JSON.stringify(refused)).not.toContain('CAD 100')
  })
})
