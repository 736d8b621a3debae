import { describe, expect, it } from 'vitest'
import { username, usernameHint } from '../../shared/contract/session'

describe('the username rule and its hint', () => {
  it('say the same: underscores are allowed, and the hint lists exactly what the rule accepts', () => {
    expect(usernameHint('j.smith')).toBe('Letters, numbers, dots, hyphens and underscores, for example j.smith.')
    for (const accepted of ['j.smith', 'j-smith', 'j_smith', 'JSmith2']) expect(username.safeParse(accepted).success).toBe(true)
    const refused = username.safeParse('j smith')
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
      'Username can only use letters, numbers, dots, hyphens and underscores'
    ])
    expect(usernameHint('j.smith')).not.toMatch(/dots and hyphens,/)
  })
})
