import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Person } from '../../shared/contract/people'
import type { PersonOverview } from '../../shared/contract/person-overview'
import type { Task } from '../../shared/contract/tasks'
import { personFields } from '../fixtures/caseload'
import { manualClock } from '../fixtures/store'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'

/**
 * Dates that decide something are the core's, from its injected clock in London time: the
 * window sends none and works none out. The clocks here sit either side of midnight in London
 * while UTC is still on the day before, so a UTC or window date would give the wrong answer.
 */
const stores = useEngineStores()

async function storeAt(engine: Engine, iso: string) {
  const clock = manualClock(new Date(iso))
  const store = await stores(engine, clock.now)
  const person = await store.call<Person>('people:create', personFields())
  return { ...store, clock, person }
}

describe.each(engines)('closing a case (%s)', (engine) => {
  it('is dated by the core’s clock when the window sends no date', async () => {
    // 23:59 on 30 June in London (22:59 UTC).
    const { call, clock, person } = await storeAt(engine, '2026-06-30T22:59:00Z')
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null
    })
    expect(opened.openedOn).toBe('2026-06-30')
    clock.advance(2 * 60_000) // 00:01 on 1 July in London; still 30 June in UTC.
    const closed = await call<CaseRecord>('cases:close', { id: opened.id, outcome: 'Back to full duties' })
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-07-01' })
  })

  it('still takes an explicit date, and still refuses one in the future or before the case opened', async () => {
    const { call, raw, person } = await storeAt(engine, '2026-11-26T10:00:00Z')
    const opened = await call<CaseRecord>('cases:open', {
      personId: person.id,
      reason: 'self-referral',
      priority: 'routine',
      nextReviewDate: null
    })
    expect(await raw('cases:close', { id: opened.id, outcome: 'Done', closedOn: '2026-11-27' })).toMatchObject({
      ok: false,
      error: { fields: ['closedOn'] }
    })
    expect(await raw('cases:close', { id: opened.id, outcome: 'Done', closedOn: '2026-11-25' })).toMatchObject({
      ok: false,
      error: { fields: ['closedOn'] }
    })
    expect((await call<CaseRecord[]>('cases:forPerson', { personId: person.id }))[0]).toMatchObject({ status: 'open', closedOn: null })
    expect(await call<CaseRecord>('cases:close', { id: opened.id, outcome: 'Done', closedOn: '2026-11-26' })).toMatchObject({
      closedOn: '2026-11-26'
    })
  })
})

describe.each(engines)('overdue tasks (%s)', (engine) => {
  it('are marked by the core, by London’s date, wherever tasks are listed', async () => {
    // 00:30 on 1 July in London (23:30 UTC on 30 June).
    const { call, person } = await storeAt(engine, '2026-06-30T23:30:00Z')
    const make = (title: string, dueDate: string) => call<Task>('tasks:create', { title, dueDate, personId: person.id, caseId: null })
    const yesterday = await make('Due yesterday', '2026-06-30')
    const today = await make('Due today', '2026-07-01')
    const tomorrow = await make('Due tomorrow', '2026-07-02')
    expect([yesterday.overdue, today.overdue, tomorrow.overdue]).toEqual([true, false, false])

    const mine = await call<{ rows: Task[] }>('tasks:list', { view: 'mine' })
    expect(mine.rows.map((task) => [task.title, task.overdue])).toEqual([
      ['Due yesterday', true],
      ['Due today', false],
      ['Due tomorrow', false]
    ])
    const overview = await call<PersonOverview>('people:overview', { id: person.id })
    expect(overview.dueTasks.map((task) => [task.title, task.overdue])).toEqual(mine.rows.map((task) => [task.title, task.overdue]))
    const overdueView = await call<{ rows: Task[] }>('tasks:list', { view: 'overdue' })
    expect(overdueView.rows.map((task) => task.title)).toEqual(['Due yesterday'])
  })

  it('are never marked once done', async () => {
    const { call, person } = await storeAt(engine, '2026-11-26T10:00:00Z')
    const late = await call<Task>('tasks:create', { title: 'Late', dueDate: '2026-11-01', personId: person.id, caseId: null })
    expect(late.overdue).toBe(true)
    const done = await call<Task>('tasks:complete', { id: late.id })
    expect(done).toMatchObject({ status: 'done', overdue: false })
    const listed = await call<{ rows: Task[] }>('tasks:list', { view: 'person', personId: person.id })
    expect(listed.rows.map((task) => task.overdue)).toEqual([false])
  })
})
