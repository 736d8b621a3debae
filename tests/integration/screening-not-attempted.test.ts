import { describe, expect, it } from 'vitest'
import type { Screening } from '../../shared/contract/screening'
import { teamStoreOn } from '../fixtures/team'
import { engines, useEngineStores } from '../fixtures/engines'

const stores = useEngineStores()

const phq9 = { kind: 'items', instrument: 'phq9', answers: [1, 1, 1, 1, 0, 0, 0, 0, 0] }
const blankGad7 = { kind: 'items', instrument: 'gad7', answers: [null, null, null, null, null, null, null] }

describe.each(engines)('a questionnaire with nothing answered (%s)', (engine) => {
  it('is refused unless the clinician records that it was not attempted, and nothing is saved', async () => {
    const team = await teamStoreOn(stores, engine)
    const sitting = { personId: team.person.id, sittingDate: '2026-11-26', mode: 'clinician-entered' }
    const refused = await team.raw('screening:save', { ...sitting, results: [phq9, blankGad7] })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'Nothing is answered on GAD-7. Record that it was not attempted, or answer it.',
        fields: ['results.1.notAttempted']
      }
    })
    expect(await team.rows('SELECT CAST(count(*) AS INTEGER) AS n FROM screenings')).toEqual([{ n: 0 }])
    // "Not attempted" with answers given is a contradiction, refused too.
    expect(await team.raw('screening:save', { ...sitting, results: [{ ...phq9, notAttempted: true }] })).toMatchObject({
      ok: false,
      error: { fields: ['results.0.notAttempted'] }
    })
  })

  it('is recorded as not attempted, not as a complete or blank result, and the history says so', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.call('screening:save', {
      personId: team.person.id,
      sittingDate: '2026-11-26',
      mode: 'clinician-entered',
      results: [phq9, { ...blankGad7, notAttempted: true }]
    })
    const [saved] = await team.call<Screening[]>('screening:forPerson', { personId: team.person.id })
    const gad7 = saved?.results.find((result) => result.instrument === 'gad7')
    expect(gad7).toMatchObject({ notAttempted: true, complete: false, total: null, answeredFloor: null })
    expect(saved?.results.find((result) => result.instrument === 'phq9')).toMatchObject({ notAttempted: false, complete: true })
    expect(saved?.rag).not.toBe('green')
    expect(await team.rows('SELECT instrument_id, not_attempted FROM screening_results ORDER BY instrument_id')).toEqual([
      { instrument_id: 'gad7', not_attempted: 1 },
      { instrument_id: 'phq9', not_attempted: 0 }
    ])
  })
})
