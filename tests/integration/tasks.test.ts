import { describe, expect, it } from 'vitest'
import type { Task } from '../../shared/contract/tasks'
import { engines, useEngineStores } from '../fixtures/engines'

const stores = useEngineStores()

describe.each(engines)('the task list pages (%s)', (engine) => {
  it('counts every open task, and its pages hold each once, soonest first, even when many share a date', async () => {
    const { call } = await stores(engine)
    for (let i = 0; i < 64; i++)
      await call('tasks:create', { title: `Task ${i}`, dueDate: i % 2 ? '2027-01-05' : '2027-01-04', personId: null, caseId: null })
    const seen: Task[] = []
    for (let offset = 0; offset < 64; offset += 10) {
      const page = await call<{ rows: Task[]; total: number }>('tasks:list', { view: 'mine', page: { offset, limit: 10 } })
      expect(page.total).toBe(64)
      expect(page.rows.length).toBe(Math.min(10, 64 - offset))
      seen.push(...page.rows)
    }
    expect(new Set(seen.map((task) => task.id)).size).toBe(64)
    expect(seen.map((task) => task.dueDate)).toEqual([...Array(32).fill('2027-01-04'), ...Array(32).fill('2027-01-05')])
    expect(await call('tasks:list', { view: 'mine', page: { offset: 64, limit: 10 } })).toEqual({ rows: [], total: 64 })
  })
})
