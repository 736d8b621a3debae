import { describe, expect, it } from 'vitest'
import { contract, events } from '../../shared/contract'
import { channelNames, eventNames } from '../../shared/contract/channels'
import { howTaskCloses } from '../../shared/contract/tasks'
import { handlers } from '../../electron/core/ipc/handlers'

describe('contract', () => {
  it('lists exactly the channels the preload exposes and the core handles', () => {
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort())
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort())
  })

  it('lists exactly the events the preload can subscribe to', () => {
    expect(Object.keys(events).sort()).toEqual([...eventNames].sort())
  })

  it('names every channel feature:action', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+([A-Z][a-z]+)*$/)
  })

  it('refuses unexpected fields on every channel input', () => {
    for (const name of channelNames) {
      const parsed = contract[name].input.safeParse({ unexpectedField: 1 })
      expect(parsed.success, name).toBe(false)
    }
  })
})

describe('how a task closes', () => {
  it('is decided by its source, the same for the core and the window', () => {
    expect(
      ['rule:alert', 'rule:screening-review', 'rule:alert-follow-up', 'rule:handover-notice', 'rule:review', 'manual'].map(howTaskCloses)
    ).toEqual(['acknowledge-alert', 'record-decision', 'record-outcome', 'mark-read', 'done', 'done'])
  })
})
