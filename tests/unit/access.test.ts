import { describe, expect, it } from 'vitest'
import { contract, type ChannelName } from '../../shared/contract'
import { access, allows } from '../../shared/contract/access'
import { homeIsCaseload, mayOpen, navigationFor, screenAccess, type GuardedScreen } from '../../shared/contract/screens'
import { roles, type Role } from '../../shared/contract/session'

/** Role gating is one list in the contract: channels, the dispatcher, routes and navigation all read it. */
describe('one list of who may do what', () => {
  it('every channel is open to anyone, to anyone signed in, or to one of the named lists', () => {
    const lists: readonly unknown[] = Object.values(access)
    for (const [channel, definition] of Object.entries(contract)) {
      const allowed = definition.access
      expect(allowed === 'public' || allowed === 'session' || lists.includes(allowed), channel).toBe(true)
    }
  })

  /** The channel each guarded screen cannot work without. */
  const channelBehind: Record<GuardedScreen, ChannelName> = {
    '/people/new': 'people:create',
    '/people/:id/edit': 'people:update',
    '/people/:id': 'people:overview',
    '/tasks': 'tasks:list',
    '/referrals': 'referrals:worklist',
    '/recall': 'screening:due',
    '/incidents': 'incidents:categories',
    '/trim': 'trim:worklist',
    '/import': 'people-import:choose',
    '/team': 'caseload:team',
    '/roles': 'roles:save',
    '/screening-rules': 'screening:setRules',
    '/users': 'users:list',
    '/backups': 'backup:create',
    '/retention': 'retention:review',
    '/reports': 'reports:run'
  }

  it.each(Object.entries(channelBehind))('the screen %s is open to exactly those its channel %s serves', (screen, channel) => {
    expect(screenAccess[screen as GuardedScreen]).toBe(contract[channel].access)
  })

  it('guards the import screen, as its channels are, from anyone neither an administrator nor a clinician', () => {
    expect(screenAccess['/import']).toEqual(['admin', 'clinician'])
    expect(mayOpen('/import', ['reporting'])).toBe(false)
    expect(mayOpen('/import', ['trim'])).toBe(false)
    expect(mayOpen('/import', ['clinician'])).toBe(true)
    expect(mayOpen('/import', ['admin'])).toBe(true)
  })

  it('leaves unguarded screens to anyone signed in', () => {
    expect(mayOpen('/account', ['reporting'])).toBe(true)
    expect(mayOpen('/about', [])).toBe(true)
  })

  it.each<[Role[], string[]]>([
    [['reporting'], ['/reports', '/account', '/settings', '/about']],
    [['trim'], ['/trim', '/account', '/settings', '/about']],
    [['clinician'], ['/tasks', '/referrals', '/recall', '/incidents', '/people/new', '/import', '/account', '/settings', '/about']],
    [
      ['admin'],
      [
        '/incidents',
        '/import',
        '/team',
        '/reports',
        '/roles',
        '/screening-rules',
        '/users',
        '/backups',
        '/retention',
        '/account',
        '/settings',
        '/about'
      ]
    ],
    [
      ['admin', 'clinician'],
      [
        '/tasks',
        '/referrals',
        '/recall',
        '/incidents',
        '/people/new',
        '/import',
        '/team',
        '/reports',
        '/roles',
        '/screening-rules',
        '/users',
        '/backups',
        '/retention',
        '/account',
        '/settings',
        '/about'
      ]
    ]
  ])('offers %j in navigation only what they may open: %j', (held, paths) => {
    expect(navigationFor(held).map((link) => link.path)).toEqual(paths)
    for (const link of navigationFor(held)) expect(mayOpen(link.path, held)).toBe(true)
  })

  it('gives clinicians their caseload as home, and no one else', () => {
    expect(roles.filter((role) => homeIsCaseload([role]))).toEqual(['clinician'])
  })

  it('allows by the list the dispatcher checks', () => {
    expect(allows('public', null)).toBe(true)
    expect(allows('session', null)).toBe(false)
    expect(allows('session', [])).toBe(true)
    expect(allows(access.importers, ['trim'])).toBe(false)
    expect(allows(access.importers, ['trim', 'clinician'])).toBe(true)
    expect(allows(access.clinicians, [])).toBe(false)
  })
})
