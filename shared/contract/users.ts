import { z } from 'zod'
import { access } from './access'
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

export const setRolesInput = z
  .object({ userId: z.string().uuid(), roles: z.array(z.enum(roles)).min(1, 'Choose at least one role') })
  .strict()

/**
 * Re-enabling needs a new starting passphrase: disabling removed the user's key slot, so their
 * old passphrase opens nothing, and never will again. They choose their own at next sign-in.
 */
export const enableUserInput = withConfirmedPassphrase({ userId: z.string().uuid() })

const admin = access.administrators

export const usersChannels = {
  'users:list': { input: z.object({}).strict(), output: z.array(userSummary), access: admin },
  'users:add': { input: addUserInput, output: userSummary, access: admin },
  'users:resetPassphrase': { input: resetPassphraseInput, output: userSummary, access: admin },
  'users:disable': { input: z.object({ userId: z.string().uuid() }).strict(), output: userSummary, access: admin },
  'users:setRoles': { input: setRolesInput, output: userSummary, access: admin },
  'users:enable': { input: enableUserInput, output: userSummary, access: admin }
} as const
