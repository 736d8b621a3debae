import { describe, expect, it } from 'vitest'
import { teamCallContext } from '../../electron/core/call-context'
import { fhirSchemaProblem } from '../../electron/core/documents/fhir-schema'
import { fhirExportBundle } from '../../electron/core/services/fhir-export'
import type { Person } from '../../shared/contract/people'
import { nurse, personFields } from '../fixtures/caseload'
import { gad7, phq9 } from '../fixtures/referrals'
import { manualClock } from '../fixtures/store'
import { useTeamServers, type TeamTestStore } from '../fixtures/team-server'

const teamServer = useTeamServers()

/** The signed-in user's call context on the team server, as the dispatcher builds one. */
function callOn(team: TeamTestStore) {
  const user = team.host.team.user
  if (!user) throw new Error('No one is signed in to call as')
  return teamCallContext(team.host.core, team.host.team, user)
}

describe('the FHIR export on a team server', () => {
  it('reads the same records through PostgreSQL, schema-valid, and leaves out restricted people for other clinicians', async () => {
    const team = await teamServer(manualClock().now)
    const sian = await team.call<Person>('people:create', personFields({ staffNumber: 'PC4321', givenName: 'Siân', familyName: 'Evans' }))
    const rhys = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC7000', givenName: 'Rhys', familyName: 'Hughes', restricted: true })
    )
    const screen = (personId: string, results: unknown[]) =>
      team.call('screening:save', { personId, sittingDate: '2026-11-20', mode: 'clinician-entered', results })
    await screen(sian.id, [phq9(12), gad7(8)])
    await screen(rhys.id, [gad7(5)])

    const mine = await fhirExportBundle(callOn(team), { staffNumber: 'PC4321' })
    expect(mine.bundle.entry.map((entry) => entry.resource.resourceType)).toEqual([
      'Patient',
      'QuestionnaireResponse',
      'Observation',
      'Observation'
    ])
    expect(fhirSchemaProblem(team.host.core.appRoot, mine.bundle)).toBeNull()
    expect(JSON.stringify(mine.bundle)).not.toContain(rhys.id)
    const everyoneForAlex = await fhirExportBundle(callOn(team), { all: true })
    expect(everyoneForAlex.people).toBe(2)

    await team.addUser(nurse)
    await team.signIn(nurse)
    const sam = callOn(team)
    const everyoneForSam = await fhirExportBundle(sam, { all: true })
    expect(everyoneForSam.people).toBe(1)
    expect(JSON.stringify(everyoneForSam.bundle)).not.toContain(rhys.id)
    expect(fhirSchemaProblem(team.host.core.appRoot, everyoneForSam.bundle)).toBeNull()
    // The server hides Rhys's row from Sam outright, so his staff number finds no one.
    await expect(fhirExportBundle(sam, { staffNumber: 'PC7000' })).rejects.toMatchObject({ code: 'not-found' })
  })
})
