import { describe, expect, it } from 'vitest'
import type { Incident, IncidentSaved } from '../../shared/contract/incidents'
import type { Person } from '../../shared/contract/people'
import type { PersonTrim, RiskFactor, TrimAssessment, TrimPlan, TrimTeamPrompt, TrimWorkItem } from '../../shared/contract/trim'
import { personFields } from '../fixtures/caseload'
import { engines, useEngineStores } from '../fixtures/engines'
import { trimTeamOn } from '../fixtures/trim'

const stores = useEngineStores()

const attended = (personId: string) => ({ personId, part: 'attended', intensity: 'low', hoursReviewed: null })

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fields?: string[]; code?: string }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown as { message: string; fields?: string[]; code?: string }
  )
  if (error === null) throw new Error('expected a refusal')
  return error
}

describe.each(engines)('planning TRiM from an incident (%s)', (engine) => {
  it('gives each person offered two tasks for their practitioner, due 3 and 28 days after the incident', async () => {
    const team = await trimTeamOn(stores, engine)
    const plan = await team.plan([
      { personId: team.sian.id, practitionerId: team.taraId },
      { personId: team.owen.id, practitionerId: team.tomId }
    ])
    expect(plan).toMatchObject({ decision: 'offered', decidedOn: '2026-11-25', plannedByName: 'Alex Morgan' })
    expect(plan.offers.map((o) => [o.personName, o.practitionerName, o.initialDue, o.followUpDue])).toEqual([
      ['Evans, Siân', 'Tara Hughes', '2026-11-27', '2026-12-22'],
      ['Price, Owen', 'Tom Reid', '2026-11-27', '2026-12-22']
    ])
    const tasks = await team.tasks("source LIKE 'rule:trim-%'")
    expect(tasks.map((t) => [t.title, t.assignee_id, t.person_id, t.due_date, t.status])).toEqual([
      ['TRiM initial assessment', team.taraId, team.sian.id, '2026-11-27', 'open'],
      ['TRiM initial assessment', team.tomId, team.owen.id, '2026-11-27', 'open'],
      ['TRiM follow-up assessment', team.taraId, team.sian.id, '2026-12-22', 'open'],
      ['TRiM follow-up assessment', team.tomId, team.owen.id, '2026-12-22', 'open']
    ])
    // Ade was not offered: no task for him.
    expect(tasks.some((t) => t.person_id === team.ade.id)).toBe(false)
  })

  it('dates new plans from the settings once an administrator changes them', async () => {
    const team = await trimTeamOn(stores, engine)
    await team.plan([{ personId: team.sian.id, practitionerId: team.taraId }])
    expect(await team.call('trim:settings', {})).toEqual({ initialAssessmentDays: 3, followUpDays: 28, referralThreshold: 3 })
    await team.call('trim:setSettings', { initialAssessmentDays: 2, followUpDays: 30, referralThreshold: 3 })
    const second = await team.call<IncidentSaved>('incidents:create', {
      occurredOn: '2026-11-25',
      categoryId: 'suicide',
      reference: 'CAD 99',
      attendees: [{ personId: team.owen.id, part: 'attended', intensity: 'low', hoursReviewed: null }]
    })
    const plan = await team.plan([{ personId: team.owen.id, practitionerId: team.tomId }], second.id)
    expect(plan.offers[0]).toMatchObject({ initialDue: '2026-11-27', followUpDue: '2026-12-25' })
    expect((await team.tasks(`person_id = '${team.owen.id}'`)).map((t) => t.due_date)).toEqual(['2026-11-27', '2026-12-25'])
    // The first plan's dates are as they were.
    expect((await team.tasks(`person_id = '${team.sian.id}'`)).map((t) => t.due_date)).toEqual(['2026-11-27', '2026-12-22'])
  })

  it('refuses bad settings naming the field, changing nothing', async () => {
    const team = await trimTeamOn(stores, engine)
    const refused = await refusal(team.call('trim:setSettings', { initialAssessmentDays: 3, followUpDays: 2, referralThreshold: 3 }))
    expect(refused.message).toMatch(/follow-up must be 7 or more/i)
    expect(refused.fields).toEqual(['followUpDays'])
    expect(await team.call('trim:settings', {})).toEqual({ initialAssessmentDays: 3, followUpDays: 28, referralThreshold: 3 })
  })

  it('records "not needed" with a reason category and makes no tasks', async () => {
    const team = await trimTeamOn(stores, engine)
    const plan = await team.call<TrimPlan>('trim:plan', {
      incidentId: team.incident.id,
      decidedOn: '2026-11-25',
      decision: 'not-needed',
      notNeededReason: 'other-support-in-place',
      offers: []
    })
    expect(plan).toMatchObject({ decision: 'not-needed', notNeededReason: 'other-support-in-place', offers: [] })
    expect(await team.tasks("source LIKE 'rule:trim-%'")).toEqual([])
  })

  it('refuses a person not exposed, a practitioner without the trim role and a second plan, saving nothing', async () => {
    const team = await trimTeamOn(stores, engine)
    const other = await team.call<{ id: string }>('people:create', {
      ...(await import('../fixtures/caseload')).personFields({ staffNumber: 'PC0001', givenName: 'Kim', familyName: 'Lee' })
    })
    expect((await refusal(team.plan([{ personId: other.id, practitionerId: team.taraId }]))).fields).toEqual(['offers'])
    const notTrim = await refusal(team.plan([{ personId: team.sian.id, practitionerId: team.samId }]))
    expect(notTrim).toMatchObject({ message: 'Choose an active TRiM practitioner for each person offered.', fields: ['practitionerId'] })
    expect(await team.tasks("source LIKE 'rule:trim-%'")).toEqual([])
    await team.plan([{ personId: team.sian.id, practitionerId: team.taraId }])
    expect((await refusal(team.plan([{ personId: team.owen.id, practitionerId: team.taraId }]))).message).toBe(
      'TRiM has already been planned for this incident.'
    )
  })
})

describe.each(engines)('incidents awaiting a TRiM decision (%s)', (engine) => {
  it('lists a coordinator who is only a TRiM practitioner the incidents with no decision, newest first, without people hidden from them', async () => {
    const team = await trimTeamOn(stores, engine)
    // A restricted record the administrator (its clinician) may see and a TRiM practitioner may not.
    const rhys = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'PC9999', givenName: 'Rhys', familyName: 'Jones', restricted: true })
    )
    const second = await team.call<IncidentSaved>('incidents:create', {
      occurredOn: '2026-11-25',
      categoryId: 'suicide',
      reference: 'CAD 99',
      attendees: [attended(team.owen.id), attended(rhys.id)]
    })
    await team.signInAsTara()
    const before = await team.call<Incident[]>('trim:incidentsToPlan', {})
    expect(before.map((i) => [i.reference, i.occurredOn, i.exposures.map((e) => e.personName)])).toEqual([
      ['CAD 99', '2026-11-25', ['Owen Price']],
      ['CAD 1234', '2026-11-24', ['Ade Bello', 'Siân Evans', 'Owen Price']]
    ])
    expect(JSON.stringify(before)).not.toMatch(/Rhys|PC9999/)

    // Tara plans the first incident, offering Siân TRiM with herself: it leaves the list for everyone.
    await team.plan([{ personId: team.sian.id, practitionerId: team.taraId }])
    expect((await team.call<Incident[]>('trim:incidentsToPlan', {})).map((i) => i.id)).toEqual([second.id])
    expect((await team.call<TrimWorkItem[]>('trim:worklist', {})).map((w) => w.personName)).toEqual(['Evans, Siân'])
    await team.signInAsAdmin()
    const forAdmin = await team.call<Incident[]>('trim:incidentsToPlan', {})
    expect(forAdmin.map((i) => [i.id, i.exposures.map((e) => e.personName)])).toEqual([[second.id, ['Rhys Jones', 'Owen Price']]])

    // A "not needed" decision is a decision too: nothing is left awaiting one.
    await team.call('trim:plan', {
      incidentId: second.id,
      decidedOn: '2026-11-26',
      decision: 'not-needed',
      notNeededReason: 'other-support-in-place',
      offers: []
    })
    expect(await team.call('trim:incidentsToPlan', {})).toEqual([])
  })
})

describe.each(engines)('TRiM assessments (%s)', (engine) => {
  async function planned() {
    const team = await trimTeamOn(stores, engine)
    // Sam holds Siân's case; Owen has none.
    await team.call('cases:open', {
      personId: team.sian.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null,
      assignedClinicianId: team.samId
    })
    const plan = await team.plan([
      { personId: team.sian.id, practitionerId: team.taraId },
      { personId: team.owen.id, practitionerId: team.taraId },
      { personId: team.ade.id, practitionerId: team.tomId }
    ])
    const offerOf = (personId: string) => plan.offers.find((o) => o.personId === personId)?.id ?? ''
    const factors = await team.factors(0)
    await team.signInAsTara()
    return { ...team, offerOf, factorCount: factors.length }
  }
  const assess = (
    team: Awaited<ReturnType<typeof trimTeamOn>>,
    offerId: string,
    factors: { factorId: string; present: boolean }[],
    over = {}
  ) =>
    team.call<{ assessment: TrimAssessment }>('trim:assess', {
      offerId,
      kind: 'initial',
      assessedOn: '2026-11-26',
      factors,
      outcome: 'follow-up',
      persistentDifficulty: null,
      ...over
    })

  it('counts the score, and at 3 gives the case holder a task saying a referral is suggested; closes the assessment task', async () => {
    const team = await planned()
    const { assessment } = await assess(team, team.offerOf(team.sian.id), await team.factors(3))
    expect(assessment.score).toBe(3)
    expect(assessment.factorsPresent).toHaveLength(3)
    expect(assessment.prompt).toMatchObject({ route: 'case-holder', assigneeName: 'Sam Okafor', reasons: ['score'] })
    expect(assessment.prompt?.sentence).toBe('Referral prompted: Sam Okafor, who holds the person’s case, has been given a task.')
    const prompts = await team.tasks("source = 'rule:trim-referral-prompt'")
    expect(prompts).toHaveLength(1)
    expect(prompts[0]).toMatchObject({
      title: 'A TRiM assessment suggests a referral',
      assignee_id: team.samId,
      person_id: team.sian.id,
      due_date: '2026-11-26'
    })
    expect(prompts[0]?.case_id).not.toBeNull()
    const initial = await team.tasks(`person_id = '${team.sian.id}' AND source = 'rule:trim-initial'`)
    expect(initial.map((t) => t.status)).toEqual(['done'])
    expect((await team.tasks(`person_id = '${team.sian.id}' AND source = 'rule:trim-follow-up'`)).map((t) => t.status)).toEqual(['open'])
  })

  it('does not prompt at 2', async () => {
    const team = await planned()
    const { assessment } = await assess(team, team.offerOf(team.sian.id), await team.factors(2))
    expect(assessment).toMatchObject({ score: 2, prompt: null })
    expect(await team.tasks("source = 'rule:trim-referral-prompt'")).toEqual([])
  })

  it('sends the prompt to the clinician who planned when the person has no open case', async () => {
    const team = await planned()
    const { assessment } = await assess(team, team.offerOf(team.owen.id), await team.factors(4))
    expect(assessment.prompt).toMatchObject({ route: 'planner', assigneeName: 'Alex Morgan' })
    expect((await team.tasks("source = 'rule:trim-referral-prompt'")).map((t) => t.assignee_id)).toEqual([team.adminId])
  })

  it('tells every clinician, on their caseload screen, when no clinician holds a case or planned', async () => {
    const team = await trimTeamOn(stores, engine)
    await team.signInAsTara()
    const plan = await team.plan([{ personId: team.owen.id, practitionerId: team.taraId }])
    const { assessment } = await assess(team, plan.offers[0]?.id ?? '', await team.factors(3))
    expect(assessment.prompt).toMatchObject({ route: 'team', assigneeName: null })
    expect(assessment.prompt?.sentence).toMatch(/every clinician’s caseload screen/)
    expect(await team.tasks("source = 'rule:trim-referral-prompt'")).toEqual([])
  })

  it('prompts on persistent difficulty at follow-up, whatever the score, and uses the threshold setting', async () => {
    const team = await planned()
    const follow = await assess(team, team.offerOf(team.owen.id), await team.factors(0), { kind: 'follow-up', persistentDifficulty: true })
    expect(follow.assessment.prompt?.reasons).toEqual(['persistent-difficulty'])
    await team.signInAsAdmin()
    await team.call('trim:setSettings', { initialAssessmentDays: 3, followUpDays: 28, referralThreshold: 4 })
    await team.signInAsTara()
    const { assessment } = await assess(team, team.offerOf(team.sian.id), await team.factors(3))
    expect(assessment.prompt).toBeNull()
  })

  it('refuses an assessment missing a factor or recorded twice, naming the field', async () => {
    const team = await planned()
    const some = (await team.factors(1)).slice(1)
    expect(await refusal(assess(team, team.offerOf(team.sian.id), some))).toMatchObject({
      message: 'Record each risk factor as present or absent.',
      fields: ['factors']
    })
    expect((await team.tasks(`person_id = '${team.sian.id}' AND source = 'rule:trim-initial'`)).map((t) => t.status)).toEqual(['open'])
    await assess(team, team.offerOf(team.sian.id), await team.factors(1))
    expect((await refusal(assess(team, team.offerOf(team.sian.id), await team.factors(1)))).message).toBe(
      'The initial assessment for this person has already been recorded.'
    )
  })

  it('shows clinicians a person’s TRiM on the person page, with the prompt', async () => {
    const team = await planned()
    await assess(team, team.offerOf(team.sian.id), await team.factors(3))
    await team.signInAsSam()
    const trim = await team.call<PersonTrim>('trim:forPerson', { personId: team.sian.id })
    expect(trim).toHaveLength(1)
    expect(trim[0]).toMatchObject({ practitionerName: 'Tara Hughes', incidentCategory: 'Sudden death', incidentReference: 'CAD 1234' })
    expect(trim[0]?.assessments[0]).toMatchObject({ score: 3, outcome: 'follow-up', prompt: { route: 'case-holder' } })
  })
})

describe.each(engines)('referral prompts that went to the team (%s)', (engine) => {
  /** Tara, a TRiM coordinator who is not a clinician, planned TRiM for Owen (no case): a prompt goes to the team. */
  async function teamPrompt(score = 3) {
    const team = await trimTeamOn(stores, engine)
    await team.signInAsTara()
    const plan = await team.plan([
      { personId: team.owen.id, practitionerId: team.taraId },
      { personId: team.sian.id, practitionerId: team.taraId }
    ])
    const offerOf = (personId: string) => plan.offers.find((o) => o.personId === personId)?.id ?? ''
    const factors = await team.factors(score)
    const { assessment } = await team.call<{ assessment: TrimAssessment }>('trim:assess', {
      offerId: offerOf(team.owen.id),
      kind: 'initial',
      assessedOn: '2026-11-26',
      factors,
      outcome: 'refer',
      persistentDifficulty: null
    })
    return { ...team, assessment, offerOf }
  }

  it('waits on every clinician’s list until one takes it on; then the task is theirs and the list is empty for everyone', async () => {
    const team = await teamPrompt()
    expect(team.assessment.prompt?.sentence).toMatch(/waits on every clinician’s caseload screen until one takes it on/)
    await team.signInAsAdmin()
    const waiting = await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})
    expect(waiting).toEqual([
      {
        assessmentId: team.assessment.id,
        personId: team.owen.id,
        personName: 'Price, Owen',
        staffNumber: 'PC5555',
        kind: 'initial',
        assessedOn: '2026-11-26',
        score: 3,
        reasons: ['score'],
        incidentCategory: 'Sudden death',
        incidentDate: '2026-11-24'
      }
    ])
    await team.signInAsSam()
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toHaveLength(1)
    const taken = await team.call<{ taskId: string; personName: string }>('trim:takePrompt', { assessmentId: team.assessment.id })
    expect(taken.personName).toBe('Price, Owen')
    expect(await team.tasks("source = 'rule:trim-referral-prompt'")).toEqual([
      {
        id: taken.taskId,
        title: 'A TRiM assessment suggests a referral',
        assignee_id: team.samId,
        person_id: team.owen.id,
        case_id: null,
        due_date: '2026-11-26',
        status: 'open',
        source: 'rule:trim-referral-prompt'
      }
    ])
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toEqual([])
    const onPage = await team.call<PersonTrim>('trim:forPerson', { personId: team.owen.id })
    expect(onPage[0]?.assessments[0]?.prompt?.sentence).toBe(
      'Referral prompted: no clinician held a case or planned TRiM; Sam Okafor took it on and has the task.'
    )
    expect((await team.audit()).filter((entry) => entry.action === 'trim.prompt-taken')).toEqual([
      { actor_id: team.samId, action: 'trim.prompt-taken', entity_type: 'person', entity_id: team.owen.id, detail: null }
    ])

    // The administrator, a moment late: refused, naming who took it and when, and no second task.
    await team.signInAsAdmin()
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toEqual([])
    const late = await refusal(team.call('trim:takePrompt', { assessmentId: team.assessment.id }))
    expect(late).toMatchObject({ code: 'conflict', message: 'Sam Okafor took on the referral prompt for Price, Owen on 26 Nov 2026.' })
    expect(await team.tasks("source = 'rule:trim-referral-prompt'")).toHaveLength(1)
    // A claim is kept as it is.
    await expect(team.exec('DELETE FROM trim_prompt_claims')).rejects.toThrow(/cannot be changed or removed/)
  })

  it('is answered by a referral made for the person: off the team list, its task done, and the person page says so', async () => {
    const team = await teamPrompt()
    await team.signInAsAdmin()
    // Before: suggested, not answered.
    const before = await team.call<PersonTrim>('trim:forPerson', { personId: team.owen.id })
    expect(before[0]?.assessments[0]?.prompt?.answered).toBeNull()
    const taken = await team.call<{ taskId: string }>('trim:takePrompt', { assessmentId: team.assessment.id })
    // Another person's referral answers nothing of Owen's.
    await team.call('referrals:create', {
      personId: team.sian.id,
      caseId: null,
      destinationId: 'gp',
      reason: 'Back pain',
      urgency: 'routine'
    })
    expect((await team.tasks(`id = '${taken.taskId}'`)).map((t) => t.status)).toEqual(['open'])
    await team.call('referrals:create', {
      personId: team.owen.id,
      caseId: null,
      destinationId: 'nhs-talking-therapies',
      reason: 'Intrusive memories since the sudden death',
      urgency: 'routine'
    })
    expect((await team.tasks(`id = '${taken.taskId}'`)).map((t) => t.status)).toEqual(['done'])
    const after = await team.call<PersonTrim>('trim:forPerson', { personId: team.owen.id })
    expect(after[0]?.assessments[0]?.prompt?.answered).toBe('Referral made to NHS Talking Therapies on 26 Nov 2026.')
    // The practitioner sees nothing clinical: not that a referral was made.
    await team.signInAsTara()
    const worklist = await team.call<TrimWorkItem[]>('trim:worklist', {})
    expect(JSON.stringify(worklist)).not.toMatch(/Talking Therapies|Referral made/)
  })

  it('leaves the team list once a referral is made, even if no one took it on', async () => {
    const team = await teamPrompt()
    await team.signInAsAdmin()
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toHaveLength(1)
    await team.call('referrals:create', { personId: team.owen.id, caseId: null, destinationId: 'gp', reason: 'Sleep', urgency: 'routine' })
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toEqual([])
  })

  it('lists no prompt below the threshold, nor one that went to a clinician, and refuses to take the latter', async () => {
    const team = await teamPrompt(2)
    expect(team.assessment.prompt).toBeNull()
    await team.signInAsAdmin()
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toEqual([])
    // Siân now has a case with Sam: her prompt goes to him, not to the team.
    await team.call('cases:open', {
      personId: team.sian.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null,
      assignedClinicianId: team.samId
    })
    await team.signInAsTara()
    const { assessment } = await team.call<{ assessment: TrimAssessment }>('trim:assess', {
      offerId: team.offerOf(team.sian.id),
      kind: 'initial',
      assessedOn: '2026-11-26',
      factors: await team.factors(4),
      outcome: 'refer',
      persistentDifficulty: null
    })
    expect(assessment.prompt?.route).toBe('case-holder')
    await team.signInAsAdmin()
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toEqual([])
    expect((await refusal(team.call('trim:takePrompt', { assessmentId: assessment.id }))).message).toBe(
      'The referral prompt for Evans, Siân already went to a clinician as a task.'
    )
    expect((await team.tasks("source = 'rule:trim-referral-prompt'")).map((t) => t.assignee_id)).toEqual([team.samId])
  })

  it('hides a restricted person’s prompt from a clinician not named, refuses to let them take it (audited), and keeps it from TRiM practitioners', async () => {
    const team = await teamPrompt()
    await team.exec('UPDATE people SET restricted = 1 WHERE id = ?', team.owen.id)
    await team.exec('DELETE FROM person_access WHERE person_id = ?', team.owen.id)
    await team.exec('INSERT INTO person_access (person_id, user_id) VALUES (?, ?)', team.owen.id, team.adminId)
    await team.signInAsSam()
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toEqual([])
    const refused = await refusal(team.call('trim:takePrompt', { assessmentId: team.assessment.id }))
    expect(refused.message).not.toMatch(/Owen|Price/)
    expect((await team.audit()).filter((entry) => entry.actor_id === team.samId && entry.action === 'person.view-refused')).toHaveLength(1)
    expect(await team.tasks("source = 'rule:trim-referral-prompt'")).toEqual([])
    await team.signInAsAdmin()
    expect(await team.call<TrimTeamPrompt[]>('trim:teamPrompts', {})).toHaveLength(1)
    await team.signInAsTara()
    expect((await refusal(team.call('trim:teamPrompts', {}))).code).toBe('forbidden')
  })
})

describe.each(engines)('the trim role (%s)', (engine) => {
  async function assigned() {
    const team = await trimTeamOn(stores, engine)
    await team.plan([
      { personId: team.sian.id, practitionerId: team.taraId },
      { personId: team.ade.id, practitionerId: team.tomId }
    ])
    await team.signInAsTara()
    return team
  }

  it('sees only the people assigned to them, with nothing clinical', async () => {
    const team = await assigned()
    const list = await team.call<TrimWorkItem[]>('trim:worklist', {})
    expect(list).toHaveLength(1)
    expect(list[0]).toEqual({
      offerId: expect.any(String),
      personName: 'Evans, Siân',
      staffNumber: 'PC4321',
      incidentDate: '2026-11-24',
      incidentCategory: 'Sudden death',
      initialDue: '2026-11-27',
      followUpDue: '2026-12-22',
      assessments: [],
      next: { kind: 'initial', dueOn: '2026-11-27', overdue: false }
    })
    expect(JSON.stringify(list)).not.toMatch(/Bello|PS0077/)
  })

  it('is refused every clinical channel, each refusal audited with the channel name only', async () => {
    const team = await assigned()
    const before = (await team.audit()).length
    const clinical: [string, unknown][] = [
      ['people:get', { id: team.sian.id }],
      ['people:overview', { id: team.sian.id }],
      ['caseload:list', {}],
      ['tasks:list', { view: 'mine' }],
      ['screening:forPerson', { personId: team.sian.id }],
      ['referrals:forPerson', { personId: team.sian.id }],
      ['trim:forPerson', { personId: team.sian.id }]
    ]
    for (const [channel, input] of clinical) {
      const result = await team.raw(channel, input)
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    const refusals = (await team.audit()).slice(before)
    expect(refusals.map((e) => [e.action, e.entity_type, e.detail, e.actor_id])).toEqual(
      clinical.map(([channel]) => ['channel.refused', 'channel', channel, team.taraId])
    )
  })

  it('is refused another practitioner’s person, audited by id; the assignee records and nothing else changes', async () => {
    const team = await assigned()
    await team.signInAsTom()
    const [tomsOffer] = await team.call<TrimWorkItem[]>('trim:worklist', {})
    await team.signInAsTara()
    const before = (await team.audit()).length
    const refused = await refusal(
      team.call('trim:assess', {
        offerId: tomsOffer?.offerId,
        kind: 'initial',
        assessedOn: '2026-11-26',
        factors: await team.factors(0),
        outcome: 'no-further-action',
        persistentDifficulty: null
      })
    )
    expect(refused).toMatchObject({ code: 'forbidden', message: 'This person is not assigned to you for TRiM.' })
    expect((await team.audit()).slice(before)).toEqual([
      { actor_id: team.taraId, action: 'trim.view-refused', entity_type: 'person', entity_id: team.ade.id, detail: null }
    ])
    expect(await team.rows('SELECT CAST(count(*) AS INTEGER) AS n FROM trim_assessments')).toEqual([{ n: 0 }])
  })

  it('leaves nothing but actions and ids in the audit', async () => {
    const team = await assigned()
    const [mine] = await team.call<TrimWorkItem[]>('trim:worklist', {})
    await team.call('trim:assess', {
      offerId: mine?.offerId,
      kind: 'initial',
      assessedOn: '2026-11-26',
      factors: await team.factors(3),
      outcome: 'refer',
      persistentDifficulty: null
    })
    const text = JSON.stringify(
      (await team.audit()).filter((e) => e.action.startsWith('trim') || e.action.startsWith('task') || e.action === 'channel.refused')
    )
    expect(text).toContain('trim.assessed')
    expect(text).not.toMatch(/CAD 1234|Evans|Siân|PC4321|Sudden death|out-of-control|refer"|Felt out of control/)
  })
})

describe.each(engines)('the risk factor catalogue (%s)', (engine) => {
  it('starts with the ten commonly taught factors; an administrator adds, renames and retires one, and past assessments keep theirs', async () => {
    const team = await trimTeamOn(stores, engine)
    const start = await team.call<RiskFactor[]>('trim:riskFactors', {})
    expect(start).toHaveLength(10)
    expect(start[0]).toMatchObject({ id: 'out-of-control', name: 'Felt out of control during the event', retired: false })
    const plan = await team.plan([{ personId: team.sian.id, practitionerId: team.taraId }])
    await team.signInAsTara()
    await team.call('trim:assess', {
      offerId: plan.offers[0]?.id,
      kind: 'initial',
      assessedOn: '2026-11-26',
      factors: await team.factors(1),
      outcome: 'follow-up',
      persistentDifficulty: null
    })
    await team.signInAsAdmin()
    const added = await team.call<RiskFactor>('trim:saveRiskFactor', { id: null, name: 'Sleep badly disturbed', retired: false })
    expect((await team.call<RiskFactor[]>('trim:riskFactors', {})).at(-1)?.name).toBe('Sleep badly disturbed')
    expect((await refusal(team.call('trim:saveRiskFactor', { id: null, name: 'SHAME OR GUILT', retired: false }))).fields).toEqual(['name'])
    await team.call('trim:saveRiskFactor', { id: 'out-of-control', name: 'Felt out of control during the event', retired: true })
    const now = await team.call<RiskFactor[]>('trim:riskFactors', {})
    expect(now.map((f) => f.id)).not.toContain('out-of-control')
    expect(now.map((f) => f.id)).toContain(added.id)
    // The earlier assessment still names the factor it recorded.
    const trim = await team.call<PersonTrim>('trim:forPerson', { personId: team.sian.id })
    expect(trim[0]?.assessments[0]?.factorsPresent).toEqual([{ id: 'out-of-control', name: 'Felt out of control during the event' }])
    // A clinician may read the catalogue but not change it.
    await team.signInAsSam()
    expect(await team.raw('trim:saveRiskFactor', { id: null, name: 'Anything', retired: false })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
  })
})
