import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import { roleNames, usernameHint, type Role } from '../../../../shared/contract/session'
import { addUserInput, enableUserInput, resetPassphraseInput, setRolesInput, type UserSummary } from '../../../../shared/contract/users'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useCurrentUser, useRefreshSession } from '../session'
import { RoleCheckboxes } from './RoleCheckboxes'
import { RotateKeyPanel } from './RotateKeyPanel'

const usersKey = ['users'] as const
type AddValues = z.input<typeof addUserInput>
type ResetValues = z.input<typeof resetPassphraseInput>
type RolesValues = z.input<typeof setRolesInput>
type EnableValues = z.input<typeof enableUserInput>
const addOrder = ['displayName', 'username', 'roles', 'passphrase', 'confirmPassphrase']

function AddUserForm({ onAdded }: { onAdded: (user: UserSummary) => void }) {
  const { register, handleSubmit, setError, formState, reset } = useHarbourForm<AddValues>(addUserInput, {
    defaultValues: { roles: ['clinician'] }
  })
  const submit = handleSubmit(async (values) => {
    try {
      const user = await call('users:add', values)
      reset({ displayName: '', username: '', roles: ['clinician'], passphrase: '', confirmPassphrase: '' })
      onAdded(user)
    } catch (error) {
      showApiError(error, setError, addOrder)
    }
  })
  const rolesError = formState.errors.roles?.message
  return (
    <section className="panel" aria-labelledby="add-user-heading">
      <h2 className="heading-m" id="add-user-heading">
        Add a user
      </h2>
      <p>Give them their starting passphrase in person. They choose their own the first time they sign in.</p>
      <ErrorSummary errors={summaryOf(formState.errors, addOrder)} idPrefix="add-user" />
      <form onSubmit={submit} noValidate>
        <Field
          id="add-user-displayName"
          label="Full name"
          autoComplete="off"
          error={formState.errors.displayName?.message}
          {...register('displayName')}
        />
        <Field
          id="add-user-username"
          label="Username"
          hint={usernameHint('s.okafor')}
          autoComplete="off"
          spellCheck={false}
          error={formState.errors.username?.message}
          {...register('username')}
        />
        <RoleCheckboxes idPrefix="add-user" error={rolesError} field={register('roles')} />
        <Field
          id="add-user-passphrase"
          label="Starting passphrase"
          hint="At least 15 characters."
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <Field
          id="add-user-confirmPassphrase"
          label="Type the starting passphrase again"
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.confirmPassphrase?.message}
          {...register('confirmPassphrase')}
        />
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          Add user
        </button>
      </form>
    </section>
  )
}

function ResetForm({ user, onDone, onCancel }: { user: UserSummary; onDone: () => void; onCancel: () => void }) {
  const order = ['passphrase', 'confirmPassphrase']
  const { register, handleSubmit, setError, formState } = useHarbourForm<ResetValues>(resetPassphraseInput, {
    defaultValues: { userId: user.id }
  })
  const submit = handleSubmit(async (values) => {
    try {
      await call('users:resetPassphrase', values)
      onDone()
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="reset-heading">
      <h2 className="heading-m" id="reset-heading">
        Reset the passphrase for {user.displayName}
      </h2>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="reset" />
      <form onSubmit={submit} noValidate>
        <Field
          id="reset-passphrase"
          label="New starting passphrase"
          type="password"
          reveal
          autoComplete="new-password"
          autoFocus
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <Field
          id="reset-confirmPassphrase"
          label="Type it again"
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.confirmPassphrase?.message}
          {...register('confirmPassphrase')}
        />
        <div className="button-group">
          <button type="submit" className="button">
            Reset passphrase
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

function RolesForm({
  user,
  isMe,
  onDone,
  onCancel
}: {
  user: UserSummary
  isMe: boolean
  onDone: (user: UserSummary) => void
  onCancel: () => void
}) {
  const order = ['roles']
  const { register, handleSubmit, setError, formState } = useHarbourForm<RolesValues>(setRolesInput, {
    defaultValues: { userId: user.id, roles: user.roles }
  })
  const submit = handleSubmit(async (values) => {
    try {
      onDone(await call('users:setRoles', values))
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  const rolesError = formState.errors.roles?.message
  return (
    <section className="panel panel--inset" aria-labelledby="roles-heading">
      <h2 className="heading-m" id="roles-heading">
        Change the roles of {user.displayName}
      </h2>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="roles" />
      <form onSubmit={submit} noValidate>
        <RoleCheckboxes
          idPrefix="roles"
          hint={`${isMe ? 'You cannot remove your own administrator role: another administrator can. ' : ''}Changes apply from their next action, even if they are signed in now.`}
          error={rolesError}
          field={register('roles')}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Save roles
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

function EnableForm({ user, onDone, onCancel }: { user: UserSummary; onDone: (user: UserSummary) => void; onCancel: () => void }) {
  const order = ['passphrase', 'confirmPassphrase']
  const { register, handleSubmit, setError, formState } = useHarbourForm<EnableValues>(enableUserInput, {
    defaultValues: { userId: user.id }
  })
  const submit = handleSubmit(async (values) => {
    try {
      onDone(await call('users:enable', values))
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="enable-heading">
      <h2 className="heading-m" id="enable-heading">
        Re-enable {user.displayName}
      </h2>
      <p>
        Disabling {user.displayName} removed their key, so their old passphrase no longer opens Harbour and never will again. Choose a
        starting passphrase and give it to them in person: they choose their own the first time they sign in.
      </p>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="enable" />
      <form onSubmit={submit} noValidate>
        <Field
          id="enable-passphrase"
          label="Starting passphrase"
          hint="At least 15 characters."
          type="password"
          reveal
          autoComplete="new-password"
          autoFocus
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <Field
          id="enable-confirmPassphrase"
          label="Type the starting passphrase again"
          type="password"
          reveal
          autoComplete="new-password"
          error={formState.errors.confirmPassphrase?.message}
          {...register('confirmPassphrase')}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Re-enable {user.displayName}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

/** Administrators: who can use Harbour, with what roles; add, change roles, reset a passphrase, disable, re-enable. */
export function UsersScreen() {
  const me = useCurrentUser()
  const queryClient = useQueryClient()
  const users = useQuery({ queryKey: usersKey, queryFn: () => call('users:list', {}) })
  const refreshSession = useRefreshSession()
  const [resetting, setResetting] = useState<UserSummary | null>(null)
  const [editingRoles, setEditingRoles] = useState<UserSummary | null>(null)
  const [enabling, setEnabling] = useState<UserSummary | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [justDisabled, setJustDisabled] = useState<string | null>(null)
  const [disabling, setDisabling] = useState<UserSummary | null>(null)
  const disable = useMutation({
    mutationFn: (user: UserSummary) => call('users:disable', { userId: user.id }),
    onSuccess: (user) => {
      setDisabling(null)
      // Their open cases and tasks stay in sight until a clinician hands them over.
      setDone(
        `${user.displayName} is disabled. Their passphrase no longer opens Harbour. Any open cases and tasks they hold stay on Team caseload, and on every clinician's caseload screen, until a clinician hands them over.`
      )
      setJustDisabled(user.displayName)
      void queryClient.invalidateQueries({ queryKey: usersKey })
    }
  })
  const refresh = (message: string) => {
    setDone(message)
    setResetting(null)
    setEditingRoles(null)
    setEnabling(null)
    void queryClient.invalidateQueries({ queryKey: usersKey })
  }
  // One panel at a time below the table.
  const open = (panel: 'reset' | 'roles' | 'enable', user: UserSummary) => {
    setResetting(panel === 'reset' ? user : null)
    setEditingRoles(panel === 'roles' ? user : null)
    setEnabling(panel === 'enable' ? user : null)
  }

  return (
    <Page title="Users" lead="Everyone who can sign in to Harbour on this computer, and what they can do.">
      {done ? (
        <Notice tone="info" title="Done">
          <p>{done}</p>
        </Notice>
      ) : null}
      {disable.isError ? (
        <Notice tone="error" title="The user was not disabled">
          <p>{messageFor(disable.error)}</p>
        </Notice>
      ) : null}
      {justDisabled ? <RotateKeyPanel disabledName={justDisabled} /> : null}
      {users.isPending ? <Loading what="users" /> : null}
      {users.isError ? (
        <Notice tone="error" title="Users could not be loaded">
          <p>{messageFor(users.error)}</p>
        </Notice>
      ) : null}
      {users.data ? (
        <table className="table table--spaced">
          <caption className="table__caption">
            {users.data.length} {users.data.length === 1 ? 'user' : 'users'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Username</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <tr key={user.id}>
                <td>{user.displayName}</td>
                <td>{user.username}</td>
                <td>{user.roles.map((role: Role) => roleNames[role]).join(', ')}</td>
                <td>
                  {user.status === 'disabled' ? (
                    <span className="tag tag--grey">Disabled</span>
                  ) : user.mustChangePassphrase ? (
                    <span className="tag tag--yellow">New passphrase needed</span>
                  ) : (
                    <span className="tag tag--green">Active</span>
                  )}
                </td>
                <td>
                  <div className="table__actions">
                    {user.status === 'active' ? (
                      <>
                        <button type="button" className="link-button" onClick={() => open('roles', user)}>
                          Change roles<span className="visually-hidden"> of {user.displayName}</span>
                        </button>
                        <button type="button" className="link-button" onClick={() => open('reset', user)}>
                          Reset passphrase<span className="visually-hidden"> for {user.displayName}</span>
                        </button>
                        {user.id !== me.id ? (
                          <button
                            type="button"
                            className="link-button link-button--warning"
                            onClick={() => {
                              disable.reset()
                              setDisabling(user)
                            }}
                          >
                            Disable<span className="visually-hidden"> {user.displayName}</span>
                          </button>
                        ) : null}
                      </>
                    ) : (
                      <button type="button" className="link-button" onClick={() => open('enable', user)}>
                        Re-enable<span className="visually-hidden"> {user.displayName}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {resetting ? (
        <ResetForm
          user={resetting}
          onCancel={() => setResetting(null)}
          onDone={() => refresh(`${resetting.displayName}'s passphrase was reset. They must choose a new one when they next sign in.`)}
        />
      ) : null}
      {editingRoles ? (
        <RolesForm
          key={editingRoles.id}
          user={editingRoles}
          isMe={editingRoles.id === me.id}
          onCancel={() => setEditingRoles(null)}
          onDone={(user) => {
            refresh(`${user.displayName}'s roles are now: ${user.roles.map((role) => roleNames[role]).join(', ')}.`)
            // Your own roles decide what the window offers you.
            if (user.id === me.id) void refreshSession()
          }}
        />
      ) : null}
      {enabling ? (
        <EnableForm
          key={enabling.id}
          user={enabling}
          onCancel={() => setEnabling(null)}
          onDone={(user) =>
            refresh(
              `${user.displayName} can sign in again with the starting passphrase you gave them, and must choose their own when they do.`
            )
          }
        />
      ) : null}
      <AddUserForm onAdded={(user) => refresh(`${user.displayName} was added. They can sign in as ${user.username}.`)} />
      {justDisabled ? null : <RotateKeyPanel disabledName={null} />}
      {disabling ? (
        <ConfirmDialog
          confirmation={{
            title: `Disable ${disabling.displayName}?`,
            explanation: `${disabling.displayName} will no longer be able to sign in, and any session they have open ends at once. Their records and audit entries stay.`,
            confirmLabel: `Disable ${disabling.displayName}`,
            warning: true
          }}
          pending={disable.isPending}
          error={disable.isError ? messageFor(disable.error) : null}
          onConfirm={() => disable.mutate(disabling)}
          onCancel={() => setDisabling(null)}
        />
      ) : null}
    </Page>
  )
}
