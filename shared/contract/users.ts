import { z } from 'zod'
import { displayName, roles, username, withConfirmedPassphrase } from './session'

export const userSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  status: z.enum(['active', 'disabled']),
  mustChangePassphrase: z.boolean(),
  createdAt: z.string()
})

export type UserSummary = z.infer<typeof userSummary>

export const addUserInput = withConfirmedPassphrase({
  username,
  displayName,
  roles: z.array(z.enum(roles)).min(1, 'Choose at least one role')
})

export const resetPassphraseInput = withConfirmedPassphrase({ userId: z.string().uuid() })

const admin = ['admin'] as const

export const usersChannels = {
  'users:list': { input: z.object({}).strict(), output: z.array(userSummary), access: admin },
  'users:add': { input: addUserInput, output: userSummary, access: admin },
  'users:resetPassphrase': { input: resetPassphraseInput, output: userSummary, access: admin },
  'users:disable': { input: z.object({ userId: z.string().uuid() }).strict(), output: userSummary, access: admin }
} as const
