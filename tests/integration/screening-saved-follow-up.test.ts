import { describe, expect, it } from 'vitest'
import type { SavedScreening } from '../../shared/contract/screening'
import { priya, teamStoreOn } from '../fixtures/team'
import { engines, useEngineStores } from '../fixtures/engines'
import { itemNinePositive } from '../fixtures/screening-results'

const stores = useEngineStores()

const severe = { kind: 'items', instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 0] }
const calm = { kind: 'items', instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }

type Team = Awaited<ReturnType<typeof teamStoreOn>>
const save = (team: Team, result: unknown) =>
  team.call<SavedScreening>('screening:save', {
    personId: team.person.id,
    sittingDate: '2026-11-26',
    mode: 'clinician-entered',
    results: [result]
  })

describe.each(engines)('the save result says where the follow-up went (%s)', (engine) => {
  it('names the case holder who got the urgent task, or the review task, and nothing else', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.call('cases:open', {
      personId: team.person.id,
      reason: 'post-incident',
      priority: 'soon',
      nextReviewDate: null,
      assignedClinicianId: team.ids.priya
    })
    // Alex saves; the work goes to Priya, who holds the case.
    expect((await save(team, itemNinePositive)).followUp).toEqual({
      urgentTaskTo: [{ id: team.ids.priya, name: 'Priya Shah' }],
      reviewTaskTo: null,
      teamDecision: false
    })
    expect((await save(team, severe)).followUp).toEqual({
      urgentTaskTo: [],
      reviewTaskTo: { id: team.ids.priya, name: 'Priya Shah' },
      teamDecision: false
    })
    expect((await save(team, calm)).followUp).toEqual({ urgentTaskTo: [], reviewTaskTo: null, teamDecision: false })
  })

  it('with no open case, says the result is on the team’s decision list', async () => {
    const team = await teamStoreOn(stores, engine)
    await team.signIn(priya)
    expect((await save(team, severe)).followUp).toEqual({ urgentTaskTo: [], reviewTaskTo: null, teamDecision: true })
    expect((await save(team, itemNinePositive)).followUp).toEqual({
      urgentTaskTo: [{ id: team.ids.priya, name: 'Priya Shah' }],
      reviewTaskTo: null,
      teamDecision: true
    })
  })
})
