import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { ReportFigures, ReportResult, ReportTable } from '../../shared/contract/reports'
import { suppressTable } from '../../shared/reports/suppression'
import { nurse, personFields } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { referralTeamOn, gad7, phq9 } from '../fixtures/referrals'
import { reporter } from '../fixtures/team'
import { tara, trimTeamOn } from '../fixtures/trim'

const stores = useEngineStores()

/**
 * A force in miniature, made from 26 Nov 2026 (the referral team's clock) to 20 Feb 2027, and
 * counted over Nov 2026 – Feb 2027:
 * - Armed Policing (Firearms, a 12-month recall; police officers): A1–A8, and R, restricted to Sam.
 * - Custody (Custody, a 24-month recall; police staff): B1–B6.
 * - Response (no recall; PCSOs): C1, C2.
 */
async function seededForce(engine: Engine) {
  const team = await referralTeamOn(stores, engine)
  const person = (staffNumber: string, roleId: string, department: string, employmentType: string, restricted = false) =>
    team.call<Person>(
      'people:create',
      personFields({
        staffNumber,
        givenName: `Given${staffNumber}`,
        familyName: `Family${staffNumber}`,
        roleId,
        department,
        employmentType: employmentType as Person['employmentType'],
        restricted
      })
    )
  const a: Person[] = []
  for (let i = 1; i <= 8; i++) a.push(await person(`A00${i}`, 'firearms', 'Armed Policing', 'police-officer'))
  const b: Person[] = []
  for (let i = 1; i <= 6; i++) b.push(await person(`B00${i}`, 'custody', 'Custody', 'police-staff'))
  const c: Person[] = []
  for (let i = 1; i <= 2; i++) c.push(await person(`C00${i}`, 'response', 'Response', 'pcso'))
  const at = (list: Person[], index: number) => {
    const found = list[index]
    if (found === undefined) throw new Error(`no person ${index}`)
    return found
  }
  const screen = (p: Person, sittingDate: string, results: unknown[]) =>
    team.call('screening:save', { personId: p.id, sittingDate, mode: 'clinician-entered', results })
  const green = [phq9(2), gad7(1)]
  const amber = [phq9(12), gad7(1)]

  // Referrals to NHS Talking Therapies sent today (26 Nov 2026): A1–A5 treated after 10, 20, 30,
  // 60 and 80 days; A6, A7 still waiting (86 days on 20 Feb 2027). B1 to a GP on 14 Feb, waiting.
  const referrals = []
  for (let i = 0; i < 7; i++) referrals.push(await team.sent(at(a, i).id, '2026-11-26'))
  const treated: [number, string][] = [
    [10, '2026-12-06'],
    [20, '2026-12-16'],
    [30, '2026-12-26'],
    [60, '2027-01-25'],
    [80, '2027-02-14']
  ]
  let elapsed = 0
  for (const [index, [days, on]] of treated.entries()) {
    await team.later(days - elapsed)
    elapsed = days
    const referral = referrals[index]
    if (referral === undefined) throw new Error('no referral')
    await team.step(referral, 'assessed', on)
    await team.step(referral, 'treatment-started', on)
  }
  await team.sent(at(b, 0).id, '2027-02-14', null, 'gp')
  await team.later(6) // today is 20 Feb 2027

  // Sam's restricted person, screened red: counted, never named, on both engines.
  await team.signInAsSam()
  const r = await team.call<Person>(
    'people:create',
    personFields({
      staffNumber: 'R001',
      givenName: 'Rowan',
      familyName: 'Quillfeather',
      roleId: 'firearms',
      department: 'Armed Policing',
      restricted: true
    })
  )
  await screen(r, '2027-01-03', [{ kind: 'items', instrument: 'pcl5', answers: Array(20).fill(2) }, phq9(2)])
  await team.signInAsAdmin()

  // Screenings: A1–A5 green, A6–A7 amber, A8 not screened; B1–B5 green, B6 not; C1 green.
  for (let i = 0; i < 5; i++) await screen(at(a, i), '2027-01-02', green)
  for (let i = 5; i < 7; i++) await screen(at(a, i), '2027-01-04', amber)
  for (let i = 0; i < 5; i++) await screen(at(b, i), '2026-12-02', green)
  await screen(at(c, 0), '2026-11-15', green)
  // A8 was screened before the period, in August, so is due again only next August; B6 never was.
  await screen(at(a, 7), '2026-08-10', green)

  // Exposures: a suicide (A1–A6) and a sudden death (B1–B6, C1).
  const attended = (p: Person) => ({ personId: p.id, part: 'attended', intensity: 'high', hoursReviewed: null })
  await team.call('incidents:create', {
    occurredOn: '2027-01-10',
    categoryId: 'suicide',
    reference: 'CAD 1',
    attendees: a.slice(0, 6).map(attended)
  })
  await team.call('incidents:create', {
    occurredOn: '2027-01-12',
    categoryId: 'sudden-death',
    reference: 'CAD 2',
    attendees: [...b, at(c, 0)].map(attended)
  })

  // Cases opened today: six post-incident (A1–A6), one self-referral (B1).
  for (let i = 0; i < 6; i++)
    await team.call('cases:open', { personId: at(a, i).id, reason: 'post-incident', priority: 'routine', nextReviewDate: null })
  await team.call('cases:open', { personId: at(b, 0).id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })

  // Bereavement counselling: B1–B6 offered 1 Dec, B1–B5 accepted; C1 offered and declined.
  for (const p of b) await team.call('signposting:recordBereavement', { personId: p.id, status: 'offered', happenedOn: '2026-12-01' })
  for (let i = 0; i < 5; i++)
    await team.call('signposting:recordBereavement', { personId: at(b, i).id, status: 'accepted', happenedOn: '2026-12-05' })
  await team.call('signposting:recordBereavement', { personId: at(c, 0).id, status: 'offered', happenedOn: '2026-12-01' })
  await team.call('signposting:recordBereavement', { personId: at(c, 0).id, status: 'declined', happenedOn: '2026-12-02' })

  // Signposting: A1–A6 to the stress management toolkit, B1 to mindfulness resources.
  for (let i = 0; i < 6; i++)
    await team.call('signposting:record', { personId: at(a, i).id, resourceId: 'stress-management-toolkit', signpostedOn: '2026-12-10' })
  await team.call('signposting:record', { personId: at(b, 0).id, resourceId: 'mindfulness-resources', signpostedOn: '2026-12-12' })

  await team.addUser(reporter)
  const run = (report: string, extra: Record<string, unknown> = {}) =>
    team.call<ReportResult>('reports:run', { report, from: '2026-11-01', to: '2027-02-28', ...extra })
  const people = [...a, ...b, ...c, r]
  return { ...team, run, people }
}

function table(result: ReportResult, id: string): ReportTable {
  const found = result.tables.find((t) => t.id === id)
  if (found === undefined) throw new Error(`no table ${id}`)
  return found
}

/** The table shows exactly these rows and columns, and the known counts as suppression publishes them. */
function expectCounts(found: ReportTable, rows: string[], columns: string[], known: number[][]) {
  expect(found.rows).toEqual(rows)
  expect(found.columns).toEqual(columns)
  const published = suppressTable({ cells: known, threshold: 5 })
  expect({
    cells: found.current.cells,
    rowTotals: found.current.rowTotals,
    columnTotals: found.current.columnTotals,
    grandTotal: found.current.grandTotal,
    wholeTableHidden: found.current.wholeTableHidden
  }).toEqual(published)
  // Every figure that is shown is the true one.
  known.forEach((line, r) =>
    line.forEach((value, c) => found.current.cells[r]?.[c] !== null && expect(found.current.cells[r]?.[c]).toBe(value))
  )
}

/** No hidden figure is the only one hidden along its row or its column (totals included). */
function expectNothingRecoverable(figures: ReportFigures) {
  const grid = [...figures.cells.map((line, r) => [...line, figures.rowTotals[r] ?? null]), [...figures.columnTotals, figures.grandTotal]]
  for (const line of grid) expect(line.filter((value) => value === null).length).not.toBe(1)
  const width = grid[0]?.length ?? 0
  for (let c = 0; c < width; c++) expect(grid.filter((line) => line[c] === null).length).not.toBe(1)
}

describe.each(engines)('governance reports (%s)', (engine) => {
  const fresh = () => seededForce(engine)

  it('counts each report with known answers, publishing every table through suppression', async () => {
    const f = await fresh()

    const coverage = await f.run('screening-coverage')
    expect(coverage).toMatchObject({
      title: 'Screening coverage',
      period: { from: '2026-11-01', to: '2027-02-28' },
      previousPeriod: null,
      threshold: 5
    })
    // Due: A1–A7 and R screened in the period; B1–B5 screened; B6 never screened. A8 was screened
    // in August, so due next August; C1 and C2 are in a role without recall.
    expectCounts(table(coverage, 'coverage'), ['Everyone'], ['Screened', 'Not screened'], [[13, 1]])
    const byDepartment = await f.run('screening-coverage', { by: 'department' })
    expectCounts(
      table(byDepartment, 'coverage'),
      ['Armed Policing', 'Custody'],
      ['Screened', 'Not screened'],
      [
        [8, 0],
        [5, 1]
      ]
    )

    const rag = await f.run('rag-distribution', { by: 'employment-type' })
    expectCounts(
      table(rag, 'rag'),
      ['PCSO', 'Police officer', 'Police staff'],
      ['Red', 'Amber', 'Green'],
      [
        [0, 0, 1],
        [1, 2, 5],
        [0, 0, 5]
      ]
    )
    expectCounts(
      table(rag, 'rag-trend'),
      ['Nov 2026', 'Dec 2026', 'Jan 2027', 'Feb 2027'],
      ['Red', 'Amber', 'Green'],
      [
        [0, 0, 1],
        [0, 0, 5],
        [1, 2, 5],
        [0, 0, 0]
      ]
    )

    const exposures = await f.run('exposures', { by: 'department' })
    expectCounts(
      table(exposures, 'exposures'),
      ['Armed Policing', 'Custody', 'Response'],
      ['Sudden death', 'Suicide'],
      [
        [0, 6],
        [6, 0],
        [1, 0]
      ]
    )

    const referrals = await f.run('referrals')
    expectCounts(table(referrals, 'referrals'), ['Everyone'], ['GP', 'NHS Talking Therapies'], [[1, 7]])
    expectCounts(
      table(referrals, 'referral-waits'),
      ['GP', 'NHS Talking Therapies'],
      [
        'Treated within 6 weeks',
        'Treated in 6 to 18 weeks',
        'Treated after 18 weeks',
        'Waiting under 6 weeks',
        'Waiting 6 to 18 weeks',
        'Waiting over 18 weeks'
      ],
      [
        [0, 0, 0, 1, 0, 0],
        [3, 2, 0, 0, 2, 0]
      ]
    )
    // Waits of 10, 20, 30, 60 and 80 days: median 30, 90th percentile 80. No GP referral is treated yet.
    const waits = table(referrals, 'referral-wait-times')
    expect(waits.current.cells).toEqual([
      [null, null],
      [30, 80]
    ])
    expect(waits.current.marks).toEqual([
      ['–', '–'],
      ['', '']
    ])

    const cases = await f.run('cases')
    expectCounts(table(cases, 'cases-opened'), ['Everyone'], ['Post-incident', 'Self-referral'], [[6, 1]])
    expect(table(cases, 'cases-closed').rows).toEqual(['Everyone'])
    expect(table(cases, 'cases-closed').current.grandTotal).toBe(0)

    const caseload = await f.run('caseload')
    expectCounts(table(caseload, 'caseload'), ['Alex Morgan'], ['Open cases'], [[7]])

    const bereavement = await f.run('bereavement')
    expectCounts(table(bereavement, 'bereavement'), ['Everyone'], ['Accepted', 'Declined', 'No answer yet'], [[5, 1, 1]])

    const signposting = await f.run('signposting', { by: 'role' })
    expectCounts(
      table(signposting, 'signposting'),
      ['Custody', 'Firearms'],
      ['Stress management toolkit', 'Mindfulness resources'],
      [
        [0, 1],
        [6, 0]
      ]
    )
  })

  it('shows the reporting role small counts only as hidden, with nothing recoverable and no one named', async () => {
    const f = await fresh()
    await f.signIn(reporter)
    const coverage = await f.run('screening-coverage', { by: 'department' })
    const figures = table(coverage, 'coverage').current
    // Custody's one person not screened is hidden as "<5", and so is enough else that it cannot be worked out.
    expect(figures.cells[1]?.[1]).toBeNull()
    expect(figures.marks[1]?.[1]).toBe('<5')
    expect(coverage.suppressed).toBe(true)
    expectNothingRecoverable(figures)

    const everything: ReportResult[] = []
    for (const report of [
      'screening-coverage',
      'rag-distribution',
      'exposures',
      'referrals',
      'trim',
      'cases',
      'bereavement',
      'signposting',
      'outcomes'
    ])
      for (const by of [null, 'role', 'department', 'employment-type']) everything.push(await f.run(report, { by, compare: true }))
    for (const result of everything)
      for (const t of result.tables) {
        if (t.kind !== 'counts') continue
        expectNothingRecoverable(t.current)
        if (t.previous !== null) expectNothingRecoverable(t.previous)
        for (const value of [...t.current.cells.flat(), ...t.current.rowTotals, ...t.current.columnTotals, t.current.grandTotal])
          expect(value === null || value === 0 || value >= 5).toBe(true)
      }
    // No name or staff number of anyone counted, the restricted person's included, is in any report.
    const text = JSON.stringify(everything)
    for (const p of f.people) {
      expect(text).not.toContain(p.staffNumber)
      expect(text).not.toContain(p.familyName)
      expect(text).not.toContain(p.givenName)
    }
  })

  it('counts TRiM initial assessments within 72 hours and follow-ups within 28 days of the incident', async () => {
    // A sudden death on 24 Nov 2026 attended by Siân, Owen and Ade, and five more added here; all offered TRiM with Tara.
    const team = await trimTeamOn(stores, engine)
    const more: Person[] = []
    for (let i = 1; i <= 5; i++)
      more.push(
        await team.call<Person>(
          'people:create',
          personFields({ staffNumber: `TR00${i}`, givenName: `Given${i}`, familyName: `Family${i}` })
        )
      )
    await team.call('incidents:addExposures', {
      incidentId: team.incident.id,
      attendees: more.map((p) => ({ personId: p.id, part: 'attended', intensity: 'high', hoursReviewed: null }))
    })
    const everyone = [team.sian, team.owen, team.ade, ...more]
    const plan = await team.plan(everyone.map((p) => ({ personId: p.id, practitionerId: team.taraId })))
    const offerOf = (p: Person) => plan.offers.find((offer) => offer.personId === p.id)?.id ?? ''
    const factors = await team.factors(0)
    const assess = (p: Person, kind: string, assessedOn: string) =>
      team.call('trim:assess', {
        offerId: offerOf(p),
        kind,
        assessedOn,
        factors,
        outcome: 'follow-up',
        persistentDifficulty: kind === 'initial' ? null : false
      })
    const later = async (days: number) => {
      team.clock.advance(days * 24 * 60 * 60 * 1000)
      await team.signIn(tara)
    }
    await team.signIn(tara)
    // Initial: five on 26 Nov (2 days), two on 30 Nov (6 days), Ade never. Follow-up: five on 20 Dec (26 days).
    const [first = team.sian, second = team.owen] = everyone
    const onTime = [...more]
    for (const p of onTime) await assess(p, 'initial', '2026-11-26')
    await later(4)
    await assess(first, 'initial', '2026-11-30')
    await assess(second, 'initial', '2026-11-30')
    await later(20)
    for (const p of onTime) await assess(p, 'follow-up', '2026-12-20')
    await team.signInAsAdmin()

    const result = await team.call<ReportResult>('reports:run', { report: 'trim', from: '2026-11-01', to: '2026-11-30' })
    expectCounts(table(result, 'trim-initial'), ['Everyone'], ['Within 72 hours', 'Later', 'Not done yet'], [[5, 2, 1]])
    expectCounts(table(result, 'trim-follow-up'), ['Everyone'], ['Within 28 days', 'Later', 'Not done yet'], [[5, 0, 3]])
    // An incident outside the period is not counted.
    const december = await team.call<ReportResult>('reports:run', { report: 'trim', from: '2026-12-01', to: '2026-12-31' })
    expect(table(december, 'trim-initial').current.grandTotal).toBe(0)
  })

  it('counts the outcomes of referrals completed in the period, each once by its headline, suppressed', async () => {
    const team = await referralTeamOn(stores, engine)
    // [PHQ-9, GAD-7] before (20 Nov 2026) and after (10 Feb 2027) treatment; null: no score after.
    const plans: { department: string; pre: [number, number]; post: [number, number] | null }[] = [
      ...Array.from({ length: 5 }, () => ({
        department: 'Armed Policing',
        pre: [15, 10] as [number, number],
        post: [5, 3] as [number, number]
      })),
      { department: 'Armed Policing', pre: [11, 5], post: [8, 4] }, // recovered, not reliably
      { department: 'Custody', pre: [20, 15], post: [12, 10] }, // reliable improvement, still a case
      { department: 'Custody', pre: [12, 9], post: [11, 9] }, // no reliable change
      { department: 'Custody', pre: [5, 3], post: [15, 10] }, // reliable deterioration
      { department: 'Custody', pre: [12, 9], post: null },
      { department: 'Custody', pre: [12, 9], post: null }
    ]
    const people: Person[] = []
    for (const [index, plan] of plans.entries()) {
      const p = await team.call<Person>(
        'people:create',
        personFields({
          staffNumber: `O${String(index).padStart(3, '0')}`,
          givenName: `Given${index}`,
          familyName: `Family${index}`,
          department: plan.department
        })
      )
      people.push(p)
      await team.call('screening:save', {
        personId: p.id,
        sittingDate: '2026-11-20',
        mode: 'clinician-entered',
        results: [phq9(plan.pre[0]), gad7(plan.pre[1])]
      })
    }
    const sent = []
    for (const p of people) sent.push(await team.sent(p.id, '2026-11-26'))
    // One more, completed in January with no scores at all: outside February's period.
    const early = await team.call<Person>(
      'people:create',
      personFields({ staffNumber: 'O099', givenName: 'Early', familyName: 'Finisher' })
    )
    const earlyReferral = await team.sent(early.id, '2026-11-26')
    await team.later(90) // 24 Feb 2027
    for (const [index, plan] of plans.entries()) {
      const referral = sent[index]
      const p = people[index]
      if (referral === undefined || p === undefined) throw new Error('no referral')
      await team.step(referral, 'assessed', '2026-12-10')
      await team.step(referral, 'treatment-started', '2026-12-10')
      if (plan.post !== null)
        await team.call('screening:save', {
          personId: p.id,
          sittingDate: '2027-02-10',
          mode: 'clinician-entered',
          results: [phq9(plan.post[0]), gad7(plan.post[1])]
        })
      await team.step(referral, 'completed', '2027-02-15')
    }
    await team.step(earlyReferral, 'assessed', '2026-12-10')
    await team.step(earlyReferral, 'completed', '2027-01-15')
    await team.addUser(reporter)
    await team.signIn(reporter)

    const columns = [
      'Reliable recovery',
      'Recovered',
      'Reliable improvement',
      'No reliable change',
      'Reliable deterioration',
      'Not classified (a score missing)'
    ]
    const february = await team.call<ReportResult>('reports:run', { report: 'outcomes', from: '2027-02-01', to: '2027-02-28' })
    expect(february.title).toBe('Outcomes of completed referrals')
    expectCounts(table(february, 'outcomes'), ['Everyone'], columns, [[5, 1, 1, 1, 1, 2]])
    expect(table(february, 'outcomes').current.grandTotal).toBe(11)
    expect(table(february, 'outcomes').current.marks[0]?.[1]).toBe('<5')

    const byDepartment = await team.call<ReportResult>('reports:run', {
      report: 'outcomes',
      from: '2027-02-01',
      to: '2027-02-28',
      by: 'department',
      compare: true
    })
    expectCounts(table(byDepartment, 'outcomes'), ['Armed Policing', 'Custody'], columns, [
      [5, 1, 0, 0, 0, 0],
      [0, 0, 1, 1, 1, 2]
    ])
    expectNothingRecoverable(table(byDepartment, 'outcomes').current)

    const january = await team.call<ReportResult>('reports:run', { report: 'outcomes', from: '2027-01-01', to: '2027-01-31' })
    expectCounts(table(january, 'outcomes'), ['Everyone'], columns, [[0, 0, 0, 0, 0, 1]])
    // No name or staff number is in the report.
    const text = JSON.stringify([february, byDepartment, january])
    for (const p of [...people, early]) {
      expect(text).not.toContain(p.staffNumber)
      expect(text).not.toContain(p.familyName)
    }
  })

  it('compares with the period of the same length before', async () => {
    const f = await fresh()
    const rag = await f.run('rag-distribution', { compare: true, from: '2027-01-01', to: '2027-01-31' })
    expect(rag.previousPeriod).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    const latest = table(rag, 'rag')
    expect(latest.rows).toEqual(['Everyone'])
    expect(latest.current.cells).toEqual(suppressTable({ cells: [[1, 2, 5]], threshold: 5 }).cells)
    expect(latest.previous?.cells).toEqual(suppressTable({ cells: [[0, 0, 5]], threshold: 5 }).cells)
    expect(latest.previous?.grandTotal).toBe(5)
  })

  it('refuses clinicians, the reporting role the report naming clinicians, and a period that ends before it starts; makes two reports asked for at once', async () => {
    const f = await fresh()
    await f.signIn(nurse)
    const clinician = await f.raw('reports:run', { report: 'exposures', from: '2026-11-01', to: '2027-02-28' })
    expect(clinician).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    await f.signIn(reporter)
    const caseload = await f.raw('reports:run', { report: 'caseload', from: '2026-11-01', to: '2027-02-28' })
    expect(caseload).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('only administrators') } })

    // Two reports asked for at once are both made, and both audited by kind alone.
    const both = await Promise.all(
      ['exposures', 'signposting'].map((report) => f.raw('reports:run', { report, from: '2026-11-01', to: '2027-02-28' }))
    )
    expect(both.map((result) => result.ok)).toEqual([true, true])
    const audited = await f.rows<{ entity_id: string; detail: string | null }>(
      "SELECT entity_id, detail FROM audit_log WHERE action = 'report.run' AND entity_id IN ('exposures', 'signposting') ORDER BY entity_id"
    )
    expect(audited).toEqual([
      { entity_id: 'exposures', detail: null },
      { entity_id: 'signposting', detail: null }
    ])

    const backwards = await f.raw('reports:run', { report: 'exposures', from: '2027-02-28', to: '2026-11-01' })
    expect(backwards).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('on or after its start') }
    })
  })
})
