import { describe, expect, it } from 'vitest'
import type { CaseloadRow } from '../../shared/contract/caseload'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import type { Alert } from '../../shared/contract/screening'
import { personFields } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { engines, useEngineStores } from '../fixtures/engines'
import { itemNinePositive } from '../fixtures/screening-results'

const stores = useEngineStores()
const calm = { kind: 'items', instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }

describe.each(engines)('the caseload row of a person with a safety alert (%s)', (engine) => {
  it('counts the unacknowledged alerts, whatever the case priority says, and only that person’s', async () => {
    const store = await stores(engine, manualClock(new Date('2026-11-26T10:00:00Z')).now)
    const rosa = await store.call<Person>('people:create', personFields({ staffNumber: 'PC1', givenName: 'Rosa', familyName: 'Marsh' }))
    const owen = await store.call<Person>('people:create', personFields({ staffNumber: 'PC2', givenName: 'Owen', familyName: 'Price' }))
    for (const person of [rosa, owen]) {
      await store.call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'routine',
        nextReviewDate: null
      })
    }
    await store.call('screening:save', {
      personId: rosa.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [itemNinePositive]
    })
    await store.call('screening:save', { personId: owen.id, sittingDate: '2026-11-26', mode: 'clinician-entered', results: [calm] })
    const rows = async () => (await store.call<{ rows: CaseloadRow[] }>('caseload:list', {})).rows
    const alertsOf = async (person: Person) => (await rows()).find((row) => row.personId === person.id)?.openAlerts
    expect(await alertsOf(rosa)).toBe(1)
    expect(await alertsOf(owen)).toBe(0)

    const [alert] = await store.call<Alert[]>('screening:alerts', { personId: rosa.id })
    await store.call('screening:acknowledge', { alertId: alert?.id, actionNote: 'Phoned; safe.' })
    expect(await alertsOf(rosa)).toBe(0)
  })
})
