import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { roles, type Role, type SessionUser } from '../../../shared/contract/session'
import type { UserSummary } from '../../../shared/contract/users'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { keyRegistration } from '../store/audit-signing'
import type { HarbourDatabase, UsersTable } from '../store/schema'
import { toSessionUser } from '../store/session'
import { checkNewPassphrase } from './passphrase-policy'

function toSummary(row: UsersTable): UserSummary {
  return { ...toSessionUser(row), status: row.status, createdAt: row.created_at }
}

export async function listUsers({ db }: CallContext): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('display_name').execute()
  return rows.map(toSummary)
}

async function findUser({ db }: CallContext, userId: string): Promise<UsersTable> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
  if (!row) throw new CoreError('not-found', 'There is no such user.')
  return row
}

function actor(call: CallContext): SessionUser {
  return call.user
}

/** Records the signing key in a user's new slot, vouched for by the administrator who made it. */
async function registerSigningKey({ db, core }: CallContext, admin: SessionUser, userId: string, signingKey: string): Promise<void> {
  await appendAudit(db, keyRegistration(admin.id, userId, signingKey), core.clock())
}

/**
 * Adds a user with a first passphrase the administrator passes on in person; they must
 * change it when they first sign in. The user row and its audit entry commit together,
 * and the key slot is written only after that commit.
 */
export async function addUser(
  call: CallContext,
  input: { username: string; displayName: string; roles: SessionUser['roles']; passphrase: string; confirmPassphrase?: string }
): Promise<UserSummary> {
  refuseWherePassphrasesAreElsewhere(call)
  const { db, core } = call
  const admin = actor(call)
  checkNewPassphrase(core, input.passphrase, input.confirmPassphrase, input.username, { owner: 'theirs' })
  const taken = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()
  if (taken) throw new CoreError('conflict', 'That username is already in use. Choose another.', ['username'])
  const now = core.clock().toISOString()
  const row: UsersTable = {
    id: randomUUID(),
    username: input.username,
    display_name: input.displayName,
    roles: JSON.stringify([...new Set(input.roles)]),
    status: 'active',
    must_change_passphrase: 1,
    created_at: now,
    updated_at: now
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(row).execute()
    await appendAudit(
      trx,
      { actorId: admin.id, action: 'user.created', entityType: 'user', entityId: row.id, detail: 'roles' },
      core.clock()
    )
  })
  const signingKey = await call.keyRing.setUserSlot(row.id, row.username, input.passphrase)
  await registerSigningKey(call, admin, row.id, signingKey)
  return toSummary(row)
}

/** Replaces a user's key slot with a new passphrase (they must change it at next sign-in). */
export async function resetPassphrase(
  call: CallContext,
  input: { userId: string; passphrase: string; confirmPassphrase?: string }
): Promise<UserSummary> {
  refuseWherePassphrasesAreElsewhere(call)
  const { db, core } = call
  const admin = actor(call)
  const row = await findUser(call, input.userId)
  if (row.status !== 'active') throw new CoreError('conflict', 'This user is disabled. Their passphrase cannot be reset.')
  checkNewPassphrase(core, input.passphrase, input.confirmPassphrase, row.username, { owner: 'theirs' })
  const now = core.clock()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ must_change_passphrase: row.id === admin.id ? 0 : 1, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute()
    await appendAudit(trx, { actorId: admin.id, action: 'user.passphrase-reset', entityType: 'user', entityId: row.id }, now)
  })
  const signingKey = await call.keyRing.setUserSlot(row.id, row.username, input.passphrase)
  // Resetting your own passphrase keeps your keys; anyone else's slot has new ones.
  if (row.id !== admin.id) await registerSigningKey(call, admin, row.id, signingKey)
  return toSummary(await findUser(call, row.id))
}

/**
 * Inside a change's transaction: refuses it (rolling it back) if it would leave nobody able
 * to manage users — no active administrator — however it came about.
 */
async function requireAnAdministrator(trx: Kysely<HarbourDatabase> | Transaction<HarbourDatabase>): Promise<void> {
  const active = await trx.selectFrom('users').select('roles').where('status', '=', 'active').execute()
  if (!active.some((row) => (JSON.parse(row.roles) as string[]).includes('admin'))) {
    throw new CoreError('conflict', 'Harbour needs at least one active administrator. Make someone else an administrator first.', ['roles'])
  }
}

/** Disables a user and removes their key slot, so their old passphrase no longer opens the store. */
export async function disableUser(call: CallContext, input: { userId: string }): Promise<UserSummary> {
  const { db, core } = call
  const admin = actor(call)
  if (input.userId === admin.id) throw new CoreError('conflict', 'You cannot disable your own account.')
  const row = await findUser(call, input.userId)
  const now = core.clock()
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ status: 'disabled', updated_at: now.toISOString() }).where('id', '=', row.id).execute()
    await requireAnAdministrator(trx)
    await appendAudit(trx, { actorId: admin.id, action: 'user.disabled', entityType: 'user', entityId: row.id }, now)
  })
  await call.keyRing.removeUserSlots(row.id)
  return toSummary(await findUser(call, row.id))
}

/**
 * Changes what a user may do. Refused: taking your own administrator role away (ask another
 * administrator, so nobody locks themselves out by a slip), leaving no active administrator,
 * and taking the clinician role from someone who still holds open cases (hand them over first).
 * The audit entry records the roles, which are not personal or clinical information.
 */
export async function setRoles(call: CallContext, input: { userId: string; roles: Role[] }): Promise<UserSummary> {
  const { db, core } = call
  const admin = actor(call)
  const row = await findUser(call, input.userId)
  const before = JSON.parse(row.roles) as Role[]
  const after = roles.filter((role) => input.roles.includes(role))
  if (before.length === after.length && before.every((role) => after.includes(role))) return toSummary(row)
  if (row.id === admin.id && before.includes('admin') && !after.includes('admin')) {
    throw new CoreError('conflict', 'You cannot remove your own administrator role. Ask another administrator to do it.', ['roles'])
  }
  if (before.includes('clinician') && !after.includes('clinician')) {
    const open = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('assigned_clinician_id', '=', row.id)
      .where('status', '!=', 'closed')
      .executeTakeFirstOrThrow()
    if (Number(open.count) > 0) {
      throw new CoreError(
        'conflict',
        `${row.display_name} still holds ${Number(open.count) === 1 ? 'an open case' : `${open.count} open cases`}. Hand them over before removing the clinician role.`,
        ['roles']
      )
    }
  }
  const now = core.clock()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ roles: JSON.stringify(after), updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute()
    await requireAnAdministrator(trx)
    await appendAudit(
      trx,
      { actorId: admin.id, action: 'user.roles-changed', entityType: 'user', entityId: row.id, detail: after.join(',') },
      now
    )
  })
  return toSummary(await findUser(call, row.id))
}

/**
 * Re-enables a disabled user. Disabling removed their key slot, so the old passphrase opens
 * nothing: they get a new slot under a starting passphrase the administrator gives them in
 * person, which they must change at their next sign-in — as for a new user. Their new
 * signing key is vouched for by the administrator, as when resetting a passphrase.
 */
export async function enableUser(
  call: CallContext,
  input: { userId: string; passphrase: string; confirmPassphrase?: string }
): Promise<UserSummary> {
  refuseWherePassphrasesAreElsewhere(call)
  const { db, core } = call
  const admin = actor(call)
  const row = await findUser(call, input.userId)
  if (row.status === 'active') throw new CoreError('conflict', `${row.display_name} is already active.`)
  checkNewPassphrase(core, input.passphrase, input.confirmPassphrase, row.username, { owner: 'theirs' })
  const now = core.clock()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ status: 'active', must_change_passphrase: 1, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute()
    await appendAudit(trx, { actorId: admin.id, action: 'user.enabled', entityType: 'user', entityId: row.id }, now)
  })
  const signingKey = await call.keyRing.setUserSlot(row.id, row.username, input.passphrase)
  await registerSigningKey(call, admin, row.id, signingKey)
  return toSummary(await findUser(call, row.id))
}

/** Changes the caller's own passphrase: one key slot is rewrapped; the database file is untouched. */
export async function changeOwnPassphrase(
  call: CallContext,
  input: { current: string; next: string; confirmNext?: string }
): Promise<SessionUser> {
  const { db, core } = call
  const user = actor(call)
  await call.keyRing.checkPassphrase(user.username, input.current).catch((error: unknown) => {
    if (error instanceof CoreError && error.code === 'unauthenticated') {
      throw new CoreError('invalid-input', 'Your current passphrase is not right.', ['current'])
    }
    throw error
  })
  if (input.current === input.next) throw new CoreError('invalid-input', 'Choose a passphrase different from your current one.', ['next'])
  checkNewPassphrase(core, input.next, input.confirmNext, user.username, { fields: { passphrase: 'next', confirmation: 'confirmNext' } })
  await call.keyRing.setUserSlot(user.id, user.username, input.next)
  const now = core.clock()
  // The slot and the flag are separate writes; the flag only ever lags behind a safe state.
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ must_change_passphrase: 0, updated_at: now.toISOString() }).where('id', '=', user.id).execute()
    await appendAudit(trx, { actorId: user.id, action: 'user.passphrase-changed', entityType: 'user', entityId: user.id }, now)
  })
  call.session.refreshSessionUser(toSessionUser(await findUser(call, user.id)))
  return call.session.status().user as SessionUser
}

/** On a team server, users and their first passphrases are the IT team's (`team add-user`): refused before anything is written. */
function refuseWherePassphrasesAreElsewhere(call: CallContext): void {
  if (call.keyRing.passphrasesElsewhere) throw new CoreError('unavailable', call.keyRing.passphrasesElsewhere)
}
