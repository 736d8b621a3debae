import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { Screening } from '../../shared/contract/screening'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('self-completion handover', () => {
  it('shows the person only their questionnaires, saves their answers as self-completed, and needs the clinician to end it', async () => {
    const { call, raw, host } = await caseloadStore(tempFolder())
    const person = await call<Person>('people:create', personFields({ preferredName: 'Sia' }))
    const other = await call<Person>('people:create', personFields({ staffNumber: 'PC2', givenName: 'Other' }))
    const status = await call<{ handover: unknown }>('handover:start', { personId: person.id, instruments: ['phq9'] })
    expect(status.handover).toEqual({ firstName: 'Sia', instruments: ['phq9'], submitted: false })

    for (const [channel, input] of [
      ['people:get', { id: other.id }],
      ['people:search', { query: 'e' }],
      ['screening:forPerson', { personId: person.id }],
      ['caseload:list', {}],
      ['users:list', {}]
    ] as const) {
      expect(await raw(channel, input), channel).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'Harbour is handed over for questionnaires. Hand it back to your clinician.' }
      })
    }
    expect(await raw('handover:submit', { results: [{ instrument: 'gad7', answers: Array(7).fill(0) }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' }
    })
    const submitted = await call<{ handover: { submitted: boolean } }>('handover:submit', {
      results: [{ instrument: 'phq9', answers: [1, 1, 1, 1, 0, 0, 0, 0, 0] }]
    })
    expect(submitted.handover.submitted).toBe(true)
    expect(await raw('handover:end', { passphrase: 'not the clinician passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['passphrase'] }
    })
    expect(await raw('people:get', { id: other.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await call<{ handover: unknown }>('handover:end', { passphrase: admin.passphrase })).toMatchObject({ handover: null })
    const [saved] = await call<Screening[]>('screening:forPerson', { personId: person.id })
    expect(saved).toMatchObject({ mode: 'self-completed', results: [expect.objectContaining({ instrument: 'phq9', total: 4 })] })
    const actions = (
      host.vault.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'handover.%' ORDER BY seq").all() as { action: string }[]
    ).map((r) => r.action)
    expect(actions).toEqual(['handover.started', 'handover.ended'])
  })
})
