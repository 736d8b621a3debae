import { describe, expect, it } from 'vitest'
import { managementAdviceChannels, type ManagementAdviceReport } from '../../shared/contract/management-advice'
import type { ConsentRecord } from '../../shared/contract/consent'
import type { PrintableDocument } from '../../shared/documents/printable'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { referralTeamOn } from '../fixtures/referrals'

const stores = useEngineStores()

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fields?: string[] }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown as { message: string; fields?: string[] }
  )
  if (error === null) throw new Error('expected a refusal')
  return error
}

const advice = {
  managerName: 'Inspector Jane Cole',
  organisation: 'Response Team North',
  fitness: 'fit-with-adjustments',
  adjustments: 'No night shifts for four weeks; a phased return over two weeks',
  expectedReturnOn: '2026-12-14',
  reviewOn: '2027-01-11'
}

/** A team on 26 Nov 2026 with one person and helpers to draft, show and release their management advice. */
async function adviceTeam(engine: Engine) {
  const team = await referralTeamOn(stores, engine)
  const newPerson = team.person
  const person = await newPerson('PC1234', 'Alex', 'Morgan')
  const draft = (askedToSeeFirst: boolean, personId = person.id) =>
    team.call<ManagementAdviceReport>('management-advice:draft', { personId, ...advice, askedToSeeFirst })
  const consentTo = (recipient: string, givenOn = '2026-11-26', personId = person.id) =>
    team.call<ConsentRecord>('consent:record', {
      personId,
      purpose: 'management-advice',
      recipient,
      scope: 'Fitness for role, adjustments and expected return',
      givenOn
    })
  const shown = (report: { id: string }, comments = 'No comments', shownOn = '2026-11-26') =>
    team.call<ManagementAdviceReport>('management-advice:recordShown', { reportId: report.id, shownOn, comments })
  const release = (report: { id: string }) => team.call<ManagementAdviceReport>('management-advice:release', { reportId: report.id })
  const list = (personId = person.id) => team.call<ManagementAdviceReport[]>('management-advice:forPerson', { personId })
  return { ...team, newPerson, person, draft, consentTo, shown, release, list }
}

describe.each(engines)('a management advice report holds functional advice only (%s)', (engine) => {
  it('has no field for a diagnosis, scores or clinical detail: the contract refuses such keys and nothing is saved', async () => {
    const schema = managementAdviceChannels['management-advice:draft'].input
    const base = { personId: '00000000-0000-4000-8000-000000000001', ...advice, askedToSeeFirst: false }
    expect(schema.safeParse(base).success).toBe(true)
    for (const extra of [{ diagnosis: 'PTSD' }, { scores: { phq9: 22 } }, { clinicalNotes: 'nightmares' }]) {
      expect(schema.safeParse({ ...base, ...extra }).success).toBe(false)
    }
    const output = Object.keys(managementAdviceChannels['management-advice:draft'].output.shape)
    for (const key of output) expect(key).not.toMatch(/diagnos|score|clinical|phq|gad|pcl/i)

    const { call, person, list } = await adviceTeam(engine)
    await expect(
      call('management-advice:draft', { personId: person.id, ...advice, askedToSeeFirst: false, diagnosis: 'PTSD' })
    ).rejects.toThrow()
    expect(await list()).toEqual([])
  })

  it('asks for the adjustments when the advice is fit with adjustments, and refuses a review date in the past', async () => {
    const { call, person } = await adviceTeam(engine)
    const noAdjustments = await refusal(
      call('management-advice:draft', { personId: person.id, ...advice, adjustments: null, askedToSeeFirst: false })
    )
    expect(noAdjustments).toMatchObject({ fields: ['adjustments'] })
    expect(noAdjustments.message).toMatch(/enter the adjustments the person needs/i)
    expect(
      await refusal(call('management-advice:draft', { personId: person.id, ...advice, reviewOn: '2026-11-25', askedToSeeFirst: false }))
    ).toMatchObject({ message: 'The review date cannot be in the past.', fields: ['reviewOn'] })
  })

  it('prints as a document with the advice and none of the person’s comments', async () => {
    const { draft, shown, call } = await adviceTeam(engine)
    const report = await shown(await draft(true), 'I would rather my manager did not hear about the nightmares')
    const document = await call<PrintableDocument>('management-advice:document', { reportId: report.id })
    const text = JSON.stringify(document)
    expect(document.title).toBe('Management advice report')
    for (const words of [
      'Inspector Jane Cole',
      'Fit for their role with adjustments',
      'No night shifts',
      '14 Dec 2026',
      '11 Jan 2027',
      'PC1234'
    ])
      expect(text).toContain(words)
    expect(text).not.toContain('nightmares')
  })
})

describe.each(engines)('releasing a management advice report (%s)', (engine) => {
  it('is refused without a current consent naming the manager or organisation, and nothing changes', async () => {
    const { draft, release, list, consentTo } = await adviceTeam(engine)
    const report = await draft(false)
    expect(report.releaseProblems).toEqual([
      "Record the person's consent to share a management advice report with Inspector Jane Cole or Response Team North before releasing it."
    ])
    expect((await refusal(release(report))).message).toBe(
      "Record the person's consent to share a management advice report with Inspector Jane Cole or Response Team North before releasing it."
    )
    // Consent to someone else, or given tomorrow, does not count.
    await consentTo('Sergeant Tom Reed')
    expect((await refusal(release(report))).message).toMatch(/consent to share a management advice report/)
    expect((await list())[0]).toMatchObject({ status: 'drafted', releasedOn: null })
  })

  it('is refused with a withdrawn consent, and a referral consent to the same name does not count', async () => {
    const { draft, release, consentTo, call, person } = await adviceTeam(engine)
    const report = await draft(false)
    const consent = await consentTo('Inspector Jane Cole', '2026-11-20')
    await call('consent:withdraw', { consentId: consent.id, withdrawnOn: '2026-11-26' })
    await call('consent:record', {
      personId: person.id,
      purpose: 'other',
      recipient: 'Inspector Jane Cole',
      scope: 'x',
      givenOn: '2026-11-26'
    })
    expect((await refusal(release(report))).message).toMatch(/consent to share a management advice report/)
  })

  it('is refused before it was shown when the person asked to see it first, saying so; then released once shown', async () => {
    const { draft, release, consentTo, shown, list } = await adviceTeam(engine)
    const report = await draft(true)
    await consentTo('inspector jane cole')
    const refused = await refusal(release(report))
    expect(refused.message).toBe(
      'The person asked to see the report first: record the date it was shown to them and their comments before releasing it.'
    )
    expect((await list())[0]).toMatchObject({ status: 'drafted' })
    const seen = await shown(report, 'No comments')
    expect(seen).toMatchObject({ status: 'shown', shownOn: '2026-11-26', personComments: 'No comments', releaseProblems: [] })
    const released = await release(report)
    expect(released).toMatchObject({
      status: 'released',
      releasedOn: '2026-11-26',
      releasedByName: expect.any(String),
      releaseProblems: []
    })
  })

  it('says when the consent on record names someone close but not the name on the report, and still refuses', async () => {
    const { draft, release, consentTo, list } = await adviceTeam(engine)
    const report = await draft(false)
    await consentTo('Jane Cole')
    const refused = await refusal(release(report))
    expect(refused.message).toBe(
      "Record the person's consent to share a management advice report with Inspector Jane Cole or Response Team North before releasing it. The consent on record names Jane Cole, which is not the name on this report: consent must name the manager or organisation exactly as the report does. Record consent with that name, or change the draft."
    )
    expect((await list())[0]).toMatchObject({ status: 'drafted', releasedOn: null })
    // Case and spacing aside, the same name is the same name.
    await consentTo('  inspector  jane cole ')
    expect(await release(report)).toMatchObject({ status: 'released' })
  })

  it('names both problems when both stand in the way', async () => {
    const { draft, release } = await adviceTeam(engine)
    const refused = await refusal(release(await draft(true)))
    expect(refused.message).toMatch(/consent to share a management advice report/)
    expect(refused.message).toMatch(/asked to see the report first/)
  })

  it('is released on consent to the organisation when the person did not ask to see it first; a released report is read-only', async () => {
    const { draft, release, consentTo, shown, exec } = await adviceTeam(engine)
    const report = await draft(false)
    await consentTo('Response Team North')
    await release(report)
    expect((await refusal(release(report))).message).toBe('This report was already released on 26 Nov 2026.')
    expect((await refusal(shown(report))).message).toBe('This report has been released and cannot be changed.')
    await expect(exec("UPDATE management_advice_reports SET fitness = 'unfit'")).rejects.toThrow(/cannot be changed/)
    await expect(exec('DELETE FROM management_advice_reports')).rejects.toThrow(/cannot be removed/)
  })

  it('changes a draft (audited, ids only); refuses to change one the person has seen or one released, or a past review date', async () => {
    const team = await adviceTeam(engine)
    const change = (report: { id: string }, over: Record<string, unknown> = {}) =>
      team.call<ManagementAdviceReport>('management-advice:update', { reportId: report.id, ...advice, askedToSeeFirst: true, ...over })
    const report = await team.draft(true)
    const changed = await change(report, { fitness: 'temporarily-unfit', adjustments: null, expectedReturnOn: '2027-01-04' })
    expect(changed).toMatchObject({
      id: report.id,
      status: 'drafted',
      fitness: 'temporarily-unfit',
      adjustments: null,
      expectedReturnOn: '2027-01-04'
    })
    expect(await team.list()).toEqual([changed])
    expect(await refusal(change(report, { reviewOn: '2026-11-25' }))).toMatchObject({ fields: ['reviewOn'] })
    expect(await refusal(change(report, { fitness: 'fit-with-adjustments', adjustments: null }))).toMatchObject({ fields: ['adjustments'] })
    expect(await refusal(change(report, { diagnosis: 'PTSD' }))).toMatchObject({ message: expect.any(String) })
    expect((await team.list())[0]).toEqual(changed)

    await team.shown(report, 'Happy with this')
    expect((await refusal(change(report, { fitness: 'fit' }))).message).toBe(
      'This report was shown to the person on 26 Nov 2026 and their comments are about it as it was: draft a new report to change the advice.'
    )
    await team.consentTo('Inspector Jane Cole')
    await team.release(report)
    expect((await refusal(change(report, { fitness: 'fit' }))).message).toBe('This report has been released and cannot be changed.')
    expect((await team.list())[0]).toMatchObject({ fitness: 'temporarily-unfit', status: 'released' })
    const entries = await team.rows("SELECT action, entity_id, detail FROM audit_log WHERE action = 'management-advice.changed'")
    expect(entries).toEqual([{ action: 'management-advice.changed', entity_id: report.id, detail: null }])
  })

  it('refuses a shown date in the future or before the report was drafted', async () => {
    const { draft, shown } = await adviceTeam(engine)
    const report = await draft(true)
    expect(await refusal(shown(report, 'No comments', '2026-11-27'))).toMatchObject({ fields: ['shownOn'] })
    expect((await refusal(shown(report, 'No comments', '2026-11-25'))).message).toBe(
      'The date shown to the person cannot be before the report was drafted (26 Nov 2026).'
    )
  })

  it('audits every step with ids only: no advice, manager, comments or other free text', async () => {
    const { draft, release, consentTo, shown, rows } = await adviceTeam(engine)
    const report = await draft(true)
    const consent = await consentTo('Inspector Jane Cole')
    await shown(report, 'Please leave out the shift pattern')
    await release(report)
    const entries = await rows<{ action: string; entity_id: string | null; detail: string | null }>(
      "SELECT * FROM audit_log WHERE entity_type = 'management-advice' ORDER BY seq"
    )
    expect(entries.map((e) => [e.action, e.entity_id, e.detail])).toEqual([
      ['management-advice.drafted', report.id, null],
      ['management-advice.shown', report.id, null],
      ['management-advice.released', report.id, `consent ${consent.id}`]
    ])
    const text = JSON.stringify(await rows('SELECT * FROM audit_log'))
    for (const secret of ['Jane Cole', 'Response Team', 'night shifts', 'shift pattern', 'adjustments', '2026-12-14'])
      expect(text).not.toContain(secret)
  })
})

describe.each(engines)('need-to-know on management advice (%s)', (engine) => {
  it('hides a restricted person’s reports from a clinician not named on them, and refuses each action', async () => {
    const team = await adviceTeam(engine)
    const restricted = await team.newPerson('PC7777', 'Rhys', 'Hidden', true)
    const report = await team.draft(false, restricted.id)
    await team.signInAsSam()
    for (const attempt of [
      () => team.list(restricted.id),
      () => team.draft(false, restricted.id),
      () => team.shown(report),
      () => team.release(report),
      () => team.call('management-advice:document', { reportId: report.id })
    ]) {
      expect((await refusal(attempt())).message).toBe('This record is restricted to named clinicians.')
    }
    await team.signInAsAdmin()
    expect(await team.list(restricted.id)).toMatchObject([{ id: report.id, status: 'drafted' }])
  })
})
