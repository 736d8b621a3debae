import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { z } from 'zod'
import { riskTiers, roleInput, type CatalogueRole } from '../../../../shared/contract/role-catalogue'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SelectField } from '../../components/SelectField'
import { Tag } from '../../components/Tag'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

const rolesKey = ['roles', 'catalogue'] as const
const tierNames = { standard: 'Standard', elevated: 'Elevated', high: 'High', highest: 'Highest' } as const

// The form holds the interval and battery as typed text; the contract wants a number and a list.
const formSchema = z.object({
  name: roleInput.shape.name,
  description: roleInput.shape.description,
  riskTier: roleInput.shape.riskTier,
  interval: z.string().trim().regex(/^\d*$/, 'Enter the interval as a whole number of months'),
  battery: z.string().trim().regex(/^[a-z0-9, -]*$/, 'List instrument ids separated by commas, for example phq9, gad7')
})
type FormValues = z.input<typeof formSchema>
const order = ['name', 'description', 'riskTier', 'interval', 'battery']

function RoleForm({ role, onDone }: { role: CatalogueRole | null; onDone: (message: string) => void }) {
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: {
      name: role?.name ?? '',
      description: role?.description ?? '',
      riskTier: role?.riskTier ?? 'standard',
      interval: role?.screeningIntervalMonths ? String(role.screeningIntervalMonths) : '',
      battery: role?.screeningBattery.join(', ') ?? ''
    }
  })
  const submit = handleSubmit(async (values) => {
    try {
      const saved = await call('roles:save', {
        ...(role ? { id: role.id } : {}),
        name: values.name,
        description: values.description,
        riskTier: values.riskTier,
        screeningIntervalMonths: values.interval ? Number(values.interval) : null,
        screeningBattery: values.battery.split(',').map((item) => item.trim()).filter(Boolean)
      })
      onDone(`${saved.name} saved.`)
    } catch (error) {
      showApiError(error, setError, ['name', 'description', 'riskTier', 'screeningIntervalMonths', 'screeningBattery'])
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="role-form-heading">
      <h2 className="heading-m" id="role-form-heading">
        {role ? `Edit ${role.name}` : 'Add a role'}
      </h2>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="role" />
      <form onSubmit={submit} noValidate>
        <Field id="role-name" label="Name" error={formState.errors.name?.message} {...register('name')} />
        <TextArea id="role-description" label="Description" rows={3} error={formState.errors.description?.message} {...register('description')} />
        <SelectField id="role-riskTier" label="Risk tier" options={riskTiers.map((tier) => ({ value: tier, label: tierNames[tier] }))} error={formState.errors.riskTier?.message} {...register('riskTier')} />
        <Field id="role-interval" label="Screening interval in months" hint="Leave empty if people in this role are not recalled for screening." width="narrow" inputMode="numeric" error={formState.errors.interval?.message} {...register('interval')} />
        <Field id="role-battery" label="Screening battery" hint="Instrument ids separated by commas, for example phq9, gad7, pcl5, auditc." width="full" error={formState.errors.battery?.message} {...register('battery')} />
        <div className="button-group">
          <button type="submit" className="button">
            Save role
          </button>
          <button type="button" className="button button--secondary" onClick={() => onDone('')}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

/** Administrators: the force's roles, their risk tier, screening interval and battery. */
export function RoleCatalogueScreen() {
  const queryClient = useQueryClient()
  const roles = useQuery({ queryKey: rolesKey, queryFn: () => call('roles:list', { includeRetired: true }) })
  const [editing, setEditing] = useState<CatalogueRole | 'new' | null>(null)
  const [message, setMessage] = useState('')
  const refresh = (text: string) => {
    setMessage(text)
    setEditing(null)
    void queryClient.invalidateQueries({ queryKey: ['roles'] })
  }
  const retire = useMutation({ mutationFn: (role: CatalogueRole) => call('roles:setRetired', { id: role.id, retired: !role.retired }), onSuccess: (role) => refresh(`${role.name} ${role.retired ? 'retired' : 'reinstated'}.`) })
  const [deleting, setDeleting] = useState<CatalogueRole | null>(null)
  const remove = useMutation({
    mutationFn: (role: CatalogueRole) => call('roles:delete', { id: role.id }),
    onSuccess: () => {
      setDeleting(null)
      refresh('Role deleted.')
    }
  })
  const failure = retire.error ?? remove.error
  return (
    <Page title="Role catalogue" lead="Roles set how often people are recalled for psychological screening, and with which questionnaires.">
      {message ? (
        <Notice tone="info" title="Done">
          <p>{message}</p>
        </Notice>
      ) : null}
      {failure ? (
        <Notice tone="error" title="That was not changed">
          <p>{messageFor(failure)}</p>
        </Notice>
      ) : null}
      {editing ? <RoleForm key={editing === 'new' ? 'new' : editing.id} role={editing === 'new' ? null : editing} onDone={refresh} /> : (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setEditing('new')}>
            Add a role
          </button>
        </p>
      )}
      {roles.isPending ? <Loading what="roles" /> : null}
      {roles.data ? (
        <table className="table">
          <caption className="table__caption">{roles.data.length} roles</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Risk tier</th>
              <th scope="col">Screening</th>
              <th scope="col" className="numeric">
                People
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.data.map((role) => (
              <tr key={role.id}>
                <td>
                  {role.name} {role.retired ? <Tag colour="grey">Retired</Tag> : null}
                  <br />
                  <span className="hint">{role.id}</span>
                </td>
                <td>{tierNames[role.riskTier]}</td>
                <td>{role.screeningIntervalMonths ? `Every ${role.screeningIntervalMonths} months: ${role.screeningBattery.join(', ') || 'no battery set'}` : 'Not recalled'}</td>
                <td className="numeric">{role.peopleCount}</td>
                <td>
                  <div className="table__actions">
                    <button type="button" className="link-button" onClick={() => setEditing(role)}>
                      Edit<span className="visually-hidden"> {role.name}</span>
                    </button>
                    <button type="button" className="link-button" onClick={() => retire.mutate(role)}>
                      {role.retired ? 'Reinstate' : 'Retire'}
                      <span className="visually-hidden"> {role.name}</span>
                    </button>
                    {role.peopleCount === 0 ? (
                      <button
                        type="button"
                        className="link-button link-button--warning"
                        onClick={() => {
                          remove.reset()
                          setDeleting(role)
                        }}
                      >
                        Delete<span className="visually-hidden"> {role.name}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          confirmation={{ title: `Delete the role ${deleting.name}?`, explanation: 'No one holds this role, so nothing else changes. A deleted role cannot be brought back; to keep it for the record, retire it instead.', confirmLabel: `Delete ${deleting.name}`, warning: true }}
          pending={remove.isPending}
          error={remove.isError ? messageFor(remove.error) : null}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </Page>
  )
}
