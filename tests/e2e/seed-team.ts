import { todayInLondon } from '../../shared/calendar-date'
import type { Bridge } from '../bridge/server'
import { must } from './harness'

/** Ids of what `aCaseWithTasks` made, for the test to navigate to. */
export const ids = { person: '', caseId: '', tom: '', priya: '' }

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)

/**
 * Alex Morgan (signed in) opens a case for Rosa Marsh with a review, a task of their own, a
 * red screening with a safety alert raised on the case, and a task given to Priya on purpose;
 * Tom is a colleague. Rosa also has an older GAD-7.
 */
export async function aCaseWithTasks(bridge: Bridge): Promise<void> {
  ids.tom = (
    await must<{ id: string }>(bridge, 'users:add', {
      username: 'tom.whitfield',
      displayName: 'Tom Whitfield',
      roles: ['clinician'],
      passphrase: 'walnut ferry lamplight orchard',
      confirmPassphrase: 'walnut ferry lamplight orchard'
    })
  ).id
  ids.priya = (
    await must<{ id: string }>(bridge, 'users:add', {
      username: 'priya.shah',
      displayName: 'Priya Shah',
      roles: ['clinician'],
      passphrase: 'copper kettle morning drizzle',
      confirmPassphrase: 'copper kettle morning drizzle'
    })
  ).id
  ids.person = (
    await must<{ id: string }>(bridge, 'people:create', {
      staffNumber: 'PC7777',
      title: 'DC',
      givenName: 'Rosa',
      familyName: 'Marsh',
      preferredName: null,
      dateOfBirth: '1988-02-03',
      employmentType: 'police-officer',
      roleId: 'digital-forensics',
      department: 'Digital Forensics Unit',
      lineManager: 'DS Khan',
      email: 'rosa.marsh@example.police.uk',
      phone: '01632 960001',
      startDate: '2012-09-03',
      leavingDate: null,
      restricted: false,
      namedClinicianIds: [],
      adjustments: null
    })
  ).id
  await must(bridge, 'screening:save', {
    personId: ids.person,
    sittingDate: '2026-01-12',
    mode: 'clinician-entered',
    results: [{ kind: 'items', instrument: 'gad7', answers: [1, 1, 1, 1, 0, 0, 0] }]
  })
  ids.caseId = (
    await must<{ id: string }>(bridge, 'cases:open', {
      personId: ids.person,
      reason: 'post-incident',
      priority: 'soon',
      nextReviewDate: inAWeek()
    })
  ).id
  await must(bridge, 'tasks:create', { title: 'Chase GP letter', dueDate: inAWeek(), personId: ids.person, caseId: ids.caseId })
  await must(bridge, 'tasks:create', {
    title: 'Book OH physician',
    dueDate: inAWeek(),
    assigneeId: ids.priya,
    personId: ids.person,
    caseId: ids.caseId
  })
  await must(bridge, 'screening:save', {
    personId: ids.person,
    sittingDate: todayInLondon(new Date()),
    mode: 'clinician-entered',
    results: [{ kind: 'items', instrument: 'phq9', answers: [3, 3, 2, 2, 1, 1, 1, 1, 1] }]
  })
}
