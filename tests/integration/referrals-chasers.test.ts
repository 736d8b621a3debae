import { describe, expect, it } from 'vitest'
import type { Task } from '../../shared/contract/tasks'
import { referralTeamOn } from '../fixtures/referrals'
import { engines, useEngineStores } from '../fixtures/engines'

const stores = useEngineStores()

type Tasks = { rows: Task[]; total: number }

const chasersIn = (team: Awaited<ReturnType<typeof referralTeamOn>>) =>
  team.rows<{ title: string; assignee_id: string; person_id: string; case_id: string | null; due_date: string; status: string }>(
    `SELECT title, assignee_id, person_id, case_id, due_date, status FROM tasks WHERE source = 'rule:referral-chase' ORDER BY created_at, due_date`
  )

describe.each(engines)('chasing a referral with no update (%s)', (engine) => {
  it('gives the holder of its case one task after 14 quiet days, not before, and not twice', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const rosaCase = await team.openCase(rosa.id, team.samId)
    await team.sent(rosa.id, '2026-11-26', rosaCase.id)
    await team.later(13)
    await team.call('tasks:list', { view: 'mine' })
    await team.call('referrals:worklist', { view: 'all' })
    expect(await chasersIn(team)).toEqual([])
    await team.later(1)
    await team.call('referrals:worklist', { view: 'all' })
    await team.call('tasks:list', { view: 'mine' })
    await team.call('referrals:worklist', { view: 'mine' })
    expect(await chasersIn(team)).toEqual([
      {
        title: 'Chase referral to NHS Talking Therapies',
        assignee_id: team.samId,
        person_id: rosa.id,
        case_id: rosaCase.id,
        due_date: '2026-12-10',
        status: 'open'
      }
    ])
    await team.signInAsSam()
    const mine = await team.call<Tasks>('tasks:list', { view: 'mine' })
    expect(mine.rows.filter((task) => task.title.startsWith('Chase referral'))).toMatchObject([
      { title: 'Chase referral to NHS Talking Therapies', personName: 'Marsh, Rosa', dueDate: '2026-12-10', overdue: false }
    ])
  })

  it('goes to whoever made the referral when it has no case', async () => {
    const team = await referralTeamOn(stores, engine)
    const owen = await team.person('PC1002', 'Owen', 'Price')
    await team.signInAsSam()
    await team.sent(owen.id, '2026-11-26', null, 'gp')
    await team.signInAsAdmin()
    await team.later(20)
    await team.call('tasks:list', { view: 'mine' })
    expect(await chasersIn(team)).toMatchObject([
      { title: 'Chase referral to GP', assignee_id: team.samId, case_id: null, due_date: '2026-12-10' }
    ])
  })

  it('is never made for a drafted referral, one in treatment, or one that has ended', async () => {
    const team = await referralTeamOn(stores, engine)
    const dan = await team.person('PC1003', 'Dan', 'Ford')
    const kai = await team.person('PC1004', 'Kai', 'Brook')
    const owen = await team.person('PC1005', 'Owen', 'Price')
    await team.draft(dan.id)
    const withdrawn = await team.sent(kai.id, '2026-11-26')
    await team.step(withdrawn, 'withdrawn', '2026-11-26')
    const treated = await team.sent(owen.id, '2026-11-26')
    await team.step(treated, 'assessed', '2026-11-26')
    await team.step(treated, 'treatment-started', '2026-11-26')
    await team.later(60)
    await team.call('tasks:list', { view: 'mine' })
    await team.call('referrals:worklist', { view: 'all' })
    expect(await chasersIn(team)).toEqual([])
  })

  it('is closed by the next step, which starts a new quiet spell chased once more', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const referral = await team.sent(rosa.id, '2026-11-26')
    await team.later(15)
    await team.call('tasks:list', { view: 'mine' })
    expect((await chasersIn(team)).map((task) => task.status)).toEqual(['open'])
    await team.step(referral, 'acknowledged', '2026-12-11')
    expect((await chasersIn(team)).map((task) => task.status)).toEqual(['done'])
    await team.later(13)
    await team.call('tasks:list', { view: 'mine' })
    expect((await chasersIn(team)).map((task) => task.status)).toEqual(['done'])
    await team.later(1)
    await team.call('tasks:list', { view: 'mine' })
    expect((await chasersIn(team)).map((task) => [task.status, task.due_date])).toEqual([
      ['done', '2026-12-10'],
      ['open', '2026-12-25']
    ])
  })

  it('stays open after a step backdated to the day of the last one: the referral is as quiet as it was', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const referral = await team.sent(rosa.id, '2026-11-26')
    await team.later(15)
    await team.call('tasks:list', { view: 'mine' })
    await team.step(referral, 'acknowledged', '2026-11-26')
    await team.call('tasks:list', { view: 'mine' })
    expect((await chasersIn(team)).map((task) => [task.status, task.due_date])).toEqual([['open', '2026-12-10']])
  })

  it('is audited by its id when made, and goes to the referrer when the case holder can no longer sign in', async () => {
    const team = await referralTeamOn(stores, engine)
    const adminId = team.userId()
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const rosaCase = await team.openCase(rosa.id, team.samId)
    await team.sent(rosa.id, '2026-11-26', rosaCase.id)
    await team.call('users:disable', { userId: team.samId })
    await team.later(14)
    await team.call('tasks:list', { view: 'mine' })
    const [chaser] = await chasersIn(team)
    expect(chaser).toMatchObject({ assignee_id: adminId, case_id: rosaCase.id, status: 'open' })
    const [{ id }] = (await team.rows<{ id: string }>(`SELECT id FROM tasks WHERE source = 'rule:referral-chase'`)) as [{ id: string }]
    expect(await team.rows(`SELECT action, entity_type, detail FROM audit_log WHERE entity_id = ? ORDER BY seq`, id)).toEqual([
      { action: 'task.created', entity_type: 'task', detail: null }
    ])
  })

  it('marked done, stays done for that quiet spell', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    await team.sent(rosa.id, '2026-11-26')
    await team.later(14)
    const [chaser] = (await team.call<Tasks>('tasks:list', { view: 'mine' })).rows.filter((task) => task.source === 'rule:referral-chase')
    await team.call('tasks:complete', { id: chaser?.id })
    await team.later(5)
    await team.call('tasks:list', { view: 'mine' })
    expect((await chasersIn(team)).map((task) => task.status)).toEqual(['done'])
  })

  it('waits as many days as the setting says', async () => {
    const team = await referralTeamOn(stores, engine)
    expect(await team.call('referrals:chaseSetting', {})).toEqual({ referralChaseDays: 14 })
    expect(await team.call('referrals:setChaseSetting', { referralChaseDays: 7 })).toEqual({ referralChaseDays: 7 })
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    await team.sent(rosa.id, '2026-11-26')
    await team.later(6)
    await team.call('tasks:list', { view: 'mine' })
    expect(await chasersIn(team)).toEqual([])
    await team.later(1)
    await team.call('tasks:list', { view: 'mine' })
    expect(await chasersIn(team)).toMatchObject([{ due_date: '2026-12-03', status: 'open' }])
  })

  it('is made at once for a step backdated into a spell already past the limit, before any list is read', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const drafted = await team.draft(rosa.id)
    await team.call('referrals:recordConsent', { referralId: drafted.id, scope: 'The reason', givenOn: '2026-11-26' })
    await team.later(20)
    await team.call('tasks:list', { view: 'mine' })
    expect(await chasersIn(team)).toEqual([])
    await team.step(drafted, 'sent', '2026-11-26')
    expect(await chasersIn(team)).toMatchObject([{ due_date: '2026-12-10', status: 'open' }])
  })

  it('is looked for once a day in a session, again after midnight without signing in, and again at sign-in', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    const referral = await team.sent(rosa.id, '2026-11-26')
    // 23:58 on 29 November, London time (GMT), signed in.
    await team.later(3 + (14 * 60 + 58) / (24 * 60))
    await team.call('tasks:list', { view: 'mine' })
    // A change this session's own writes did not make (as from another workstation on a team server).
    await team.exec(`UPDATE referrals SET last_step_on = '2026-11-01' WHERE id = ?`, referral.id)
    await team.call('tasks:list', { view: 'mine' })
    await team.call('referrals:worklist', { view: 'all' })
    expect(await chasersIn(team)).toEqual([])
    team.clock.advance(3 * 60 * 1000)
    await team.call('referrals:worklist', { view: 'all' })
    expect(await chasersIn(team)).toMatchObject([{ due_date: '2026-11-15', status: 'open' }])
    await team.exec(`UPDATE referrals SET last_step_on = '2026-11-02' WHERE id = ?`, referral.id)
    await team.call('tasks:list', { view: 'mine' })
    expect(await chasersIn(team)).toHaveLength(1)
    await team.signInAsAdmin()
    await team.call('tasks:list', { view: 'mine' })
    expect((await chasersIn(team)).map((task) => task.due_date)).toEqual(['2026-11-15', '2026-11-16'])
  })

  it('is looked for at once when the number of days is shortened', async () => {
    const team = await referralTeamOn(stores, engine)
    const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
    await team.sent(rosa.id, '2026-11-26')
    await team.later(8)
    await team.call('tasks:list', { view: 'mine' })
    expect(await chasersIn(team)).toEqual([])
    await team.call('referrals:setChaseSetting', { referralChaseDays: 7 })
    expect(await chasersIn(team)).toMatchObject([{ due_date: '2026-12-03', status: 'open' }])
  })
})

describe.each(engines)('the chase setting (%s)', (engine) => {
  it('refuses a number of days out of range at its field, in words, and changes nothing', async () => {
    const team = await referralTeamOn(stores, engine)
    for (const referralChaseDays of [0, 91, 1.5, -3]) {
      const result = await team.raw('referrals:setChaseSetting', { referralChaseDays })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['referralChaseDays'] } })
    }
    expect(await team.raw('referrals:setChaseSetting', { referralChaseDays: 0 })).toMatchObject({
      error: { message: 'Days before a referral is chased must be 1 or more.' }
    })
    expect(await team.raw('referrals:setChaseSetting', { referralChaseDays: 91 })).toMatchObject({
      error: { message: 'Days before a referral is chased must be 90 or fewer.' }
    })
    expect(await team.call('referrals:chaseSetting', {})).toEqual({ referralChaseDays: 14 })
    const audit = await team.rows(`SELECT detail FROM audit_log WHERE action = 'settings.changed'`)
    expect(audit).toEqual([])
  })

  it('is changed by administrators only, and the change is audited by name', async () => {
    const team = await referralTeamOn(stores, engine)
    await team.signInAsSam()
    expect(await team.raw('referrals:setChaseSetting', { referralChaseDays: 7 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await team.call('referrals:chaseSetting', {})).toEqual({ referralChaseDays: 14 })
    await team.signInAsAdmin()
    await team.call('referrals:setChaseSetting', { referralChaseDays: 21 })
    const audit = await team.rows(`SELECT entity_type, detail FROM audit_log WHERE action = 'settings.changed'`)
    expect(audit).toEqual([{ entity_type: 'settings', detail: 'referralChaseDays' }])
  })
})
